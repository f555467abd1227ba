import { analyseCausation } from '../analysis/causation.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

export const causationSpeculative: Rule = {
  meta: {
    id: 'causation-speculative',
    severity: 'warning',
    description: 'A causation conclusion framed as a possibility ("could have", "may be", "cannot be ruled out").',
    rationale: `An opinion that the event possibly, could or may have caused the condition is speculation, below the probability that the law requires; it does not support a finding either way. State whether the link is medically probable or not. ${NOT_LEGAL_ADVICE}`,
    source: 'McAllister v. WCAB (1968) 69 Cal.2d 408 (reasonable medical probability); Matter of Qualls (N.Y. 2017); Norberg, 10 AD3d 740; FRE 702 (more likely than not).',
    fixable: false,
  },
  check({ model, profile }) {
    return analyseCausation(model).conclusions.flatMap((c) =>
      c.hedges.map((hedge) => ({
        ruleId: 'causation-speculative',
        span: hedge.span,
        message: `"${hedge.text}" makes this causation conclusion speculative: state whether the link holds ${profile.standardPhrase}, or that it does not.`,
      })),
    );
  },
};
