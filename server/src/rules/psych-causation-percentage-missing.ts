import { analyseCausation } from '../analysis/causation.js';
import { statementSentences } from '../analysis/statements.js';
import type { ReportModel } from '../engine/model.js';
import { titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const LAW = 'Labor Code §3208.3(b)(1); 8 CCR §10682(b)';
const PSYCH_TITLE = /\b(?:psychiatric|psychological|psych)\b/i;
const PSYCH_STATUTE = /\b3208\.3\b/;
const PERCENTAGE = /\b\d{1,3}(?:\.\d+)?\s*(?:%|percent\b)/i;
const EMPLOYMENT = /\b(?:employment|industrial|work|occupational|job)\b/i;
const CAUSAL = /\b(?:caus\w*|predominant\w*|contribut\w*|events?|due|attribut\w*)\b/i;

/** A psychiatric claim: the report says so in its title, or addresses the psychiatric-injury statute. */
function isPsychiatricClaim(model: ReportModel): boolean {
  return PSYCH_TITLE.test(model.title?.text ?? '') || model.blocks.some((b) => PSYCH_STATUTE.test(b.text));
}

export const psychCausationPercentageMissing: Rule = {
  meta: {
    id: 'psych-causation-percentage-missing',
    severity: 'warning',
    description: 'California: a psychiatric evaluation does not state the percentage of causation from actual events of employment.',
    rationale: `A psychiatric injury is compensable in California only when actual events of employment are predominant as to all causes combined, that is, more than 50% (Labor Code §3208.3(b)(1)), and 8 CCR §10682(b) asks a psychiatric report to state the percentage of causation from actual events of employment. Without the percentage the trier of fact cannot apply the threshold. ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §3208.3(b)(1); 8 CCR §10682(b).',
    fixable: false,
  },
  check({ model }) {
    if (!isPsychiatricClaim(model)) return [];
    const { conclusions } = analyseCausation(model);
    // An examiner who finds no industrial psychiatric injury has no percentage to give.
    if (conclusions.length && conclusions.every((c) => !c.positive)) return [];
    const stated = statementSentences(model).some((s) => PERCENTAGE.test(s.text) && EMPLOYMENT.test(s.text) && CAUSAL.test(s.text));
    if (stated) return [];
    const causation = model.sections.find((s) => s.kinds.includes('causation'));
    return [{
      ruleId: 'psych-causation-percentage-missing',
      span: causation ? causation.heading.span : titleSpan(model),
      message: `This psychiatric evaluation does not state what percentage of the causation of the psychiatric injury comes from actual events of employment (${LAW}).`,
    }];
  },
};
