import { analyseCausation, blanketStandard, statesStandard } from '../analysis/causation.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';
import { standardPhraseFix } from './causation-fixes.js';

export const causationNoStandard: Rule = {
  meta: {
    id: 'causation-no-standard',
    severity: 'information',
    description: 'No causation conclusion states the degree of certainty the jurisdiction uses ("within a reasonable degree of medical probability").',
    rationale: `Causation opinions are weighed against a standard of proof: reasonable medical probability (California), a probability with a rational basis (New York), more likely than not (federal). Saying so in the conclusion shows the opinion meets it. ${NOT_LEGAL_ADVICE}`,
    source: 'McAllister v. WCAB (1968) 69 Cal.2d 408; Norberg, 10 AD3d 740 (N.Y.); FRE 702; 28 TAC §127.220 (Texas).',
    fixable: true,
  },
  check({ model, profile }) {
    const { conclusions } = analyseCausation(model);
    if (!conclusions.length) return [];
    if (conclusions.some((c) => statesStandard(c, profile.standards)) || blanketStandard(model, profile.standards)) return [];
    // Prefer a conclusion written as a sentence to a bare "Yes." answer.
    const target = conclusions.find((c) => c.condition && !/^(?:yes|no)$/i.test(c.link.text)) ?? conclusions[0];
    return [{
      ruleId: 'causation-no-standard',
      span: target.sentence.span,
      message: `No causation conclusion states the degree of certainty the ${profile.name} profile expects, such as "${profile.standardPhrase}".`,
      fix: standardPhraseFix(model, target, profile.standardPhrase),
    }];
  },
};
