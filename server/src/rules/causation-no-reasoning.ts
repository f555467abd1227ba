import { analyseCausation, type CausationConclusion } from '../analysis/causation.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';
import { reasoningSkeletonFix } from './causation-fixes.js';

const hasReasons = (c: CausationConclusion) => c.reasoning.connector !== null || c.reasoning.evidence !== null;

export const causationNoReasoning: Rule = {
  meta: {
    id: 'causation-no-reasoning',
    severity: 'warning',
    description: 'A causation conclusion with no reason and no evidence in its paragraph or the rest of its section.',
    rationale: `A bare conclusion is not substantial evidence: the report must explain how and why the event did or did not cause the condition (mechanism, timing, other causes, the records and findings relied on). ${NOT_LEGAL_ADVICE}`,
    source: 'Granado v. WCAB (1968) 69 Cal.2d 399; Escobedo v. Marshalls (2005) 70 CCC 604 ("how and why"); FRCP 26(a)(2)(B)(i) ("the basis and reasons"); FRE 702.',
    fixable: true,
  },
  check({ model }) {
    const { conclusions } = analyseCausation(model);
    const findings: Finding[] = [];
    for (const c of conclusions) {
      if (hasReasons(c) || c.concessive) continue;
      // A summary or an answer that points to reasoning given in another section is not bare:
      // "2. Yes, see Causation" when the Causation section explains the same finding.
      const reasonedElsewhere = conclusions.some((o) => o.section !== c.section && o.positive === c.positive && hasReasons(o));
      if (reasonedElsewhere) continue;
      const where = c.section ? `the ${c.section.heading.text.replace(/[:.]$/, '')} section` : 'its paragraph';
      findings.push({
        ruleId: 'causation-no-reasoning',
        span: c.sentence.span,
        message: `This causation conclusion gives no reasons: nothing in ${where} explains how or why (mechanism, timing, other causes, records or findings relied on).`,
        fix: reasoningSkeletonFix(model, c),
      });
    }
    return findings;
  },
};
