import { findImpairmentRatings } from '../analysis/impairment.js';
import { type Block, type ReportModel, inKind } from '../engine/model.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

// "(see Apportionment)", "under Apportionment" point to a section; they do not apportion.
const CROSS_REFERENCE = /\b(?:see|under|in)\s+(?:the\s+)?(?:section\s+(?:on\s+)?)?apportionment\b/gi;

/** The report's apportionment analysis: the Apportionment section and every other sentence that apportions. */
export function apportionmentBlocks(model: ReportModel): Block[] {
  const apportions = (text: string) => /\bapportion/i.test(text.replace(CROSS_REFERENCE, '')) && !/\?\s*$/.test(text);
  return model.blocks.filter((b) => b.type !== 'heading' && !inKind(b, 'records') && !inKind(b, 'referral')
    && (inKind(b, 'apportionment') || b.sentences.some((s) => apportions(s.text))));
}

export const apportionmentMissing: Rule = {
  meta: {
    id: 'apportionment-missing',
    severity: 'warning',
    description: 'California: permanent disability is rated but the report does not address apportionment.',
    rationale: `Labor Code §4663 requires a physician who addresses permanent disability to address its causation and apportion it: what approximate percentage the industrial injury caused and what percentage other factors caused, before and after the injury, or the specific reasons why apportionment cannot be determined. A rating without apportionment is incomplete and will be sent back (Escobedo v. Marshalls (2005) 70 CCC 604). ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §§4663, 4664; 8 CCR §10682(b); Escobedo v. Marshalls (2005) 70 CCC 604.',
    fixable: false,
  },
  check({ model }) {
    const rating = findImpairmentRatings(model).find((r) => r.percent > 0);
    if (!rating || apportionmentBlocks(model).length) return [];
    return [{
      ruleId: 'apportionment-missing',
      span: rating.span,
      message: `Permanent impairment is rated here but the report does not apportion it: state the approximate percentage of the permanent disability caused by the injury and by other factors, or the specific reasons it cannot be apportioned (Labor Code §4663).`,
    }];
  },
};
