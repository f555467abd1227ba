import { inKind } from '../engine/model.js';
import { titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const LAW = 'Labor Code §5703(a)(2)';
const SECTION_139_3 = /\b139\.3\b/;
const NO_VIOLATION = /\bnot\s+(?:been\s+)?violat\w*|\bno\s+violation\b|\bdid\s+not\s+violate\b|\bnever\s+violated\b|\bin\s+(?:full\s+)?compliance\s+with\b|\bcompl(?:y|ied|ies)\s+with\b/i;
const PERJURY = /\bpenalty\s+of\s+perjury\b/i;

export const ca1393StatementMissing: Rule = {
  meta: {
    id: 'ca-139-3-statement-missing',
    severity: 'warning',
    description: 'California: no statement under penalty of perjury that the examiner has not violated Labor Code §139.3 (self-referral).',
    rationale: `Labor Code §5703(a)(2) admits a physician's report as evidence only when it states, under penalty of perjury, that there has been no violation of Labor Code §139.3 (referrals to entities in which the physician has a financial interest). Without it the report and the bill can be challenged. ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §§5703(a)(2), 139.3.',
    fixable: false,
  },
  check({ model }) {
    const blocks = model.blocks.filter((b) => b.type !== 'heading' && !inKind(b, 'referral'));
    const mentions = blocks.filter((b) => SECTION_139_3.test(b.text));
    if (!mentions.length) {
      return [{
        ruleId: 'ca-139-3-statement-missing',
        span: titleSpan(model),
        message: `The report has no statement under penalty of perjury that the examiner has not violated Labor Code §139.3 (${LAW}).`,
      }];
    }
    const statement = mentions.find((b) => NO_VIOLATION.test(b.text)) ?? mentions[0];
    // "I declare under penalty of perjury:" may introduce the statement, or "This statement is made under penalty of perjury." follow it.
    const at = blocks.indexOf(statement);
    const intro = at > 0 && /:\s*$/.test(blocks[at - 1].text) ? blocks[at - 1] : null;
    const sworn = [intro, statement, blocks[at + 1]].some((b) => b && PERJURY.test(b.text));
    const missing: string[] = [];
    if (!NO_VIOLATION.test(statement.text)) missing.push('does not say that the examiner has not violated it');
    if (!sworn) missing.push('is not made under penalty of perjury');
    const sentence = statement.sentences.find((s) => SECTION_139_3.test(s.text)) ?? statement.sentences[0];
    return missing.map((what) => ({
      ruleId: 'ca-139-3-statement-missing',
      span: sentence?.span ?? statement.span,
      message: `The Labor Code §139.3 statement ${what} (${LAW}).`,
    }));
  },
};
