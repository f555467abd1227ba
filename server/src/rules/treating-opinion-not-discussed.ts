import { analyseTreating, isDiscussion, type TreatingOpinion } from '../analysis/treating.js';
import type { Finding, Rule } from './types.js';
import { NOT_LEGAL_ADVICE } from './types.js';

export const treatingOpinionNotDiscussed: Rule = {
  meta: {
    id: 'treating-opinion-not-discussed',
    severity: 'information',
    description: "A treating physician's opinion is recorded (records, history, Treating Physicians) but no opinion section mentions that physician.",
    rationale: `When the report records a treating physician's opinion and then reaches its own conclusion without naming that physician, the reader cannot tell whether the contrary opinion was weighed. A report that does not address a contrary medical opinion is open to being found not substantial evidence. ${NOT_LEGAL_ADVICE}`,
    source: 'Radiator Specialty Co. v. WCAB (Kang) (2015) 80 CCC 79; WAC 296-23-377.',
    fixable: false,
  },
  check({ model, config }) {
    const analysis = analyseTreating(model, config.treating);
    const recorded = new Map<TreatingOpinion['physician'], TreatingOpinion[]>();
    for (const opinion of analysis.opinions) {
      if (!opinion.recorded) continue;
      const opinions = recorded.get(opinion.physician);
      if (opinions) opinions.push(opinion);
      else recorded.set(opinion.physician, [opinion]);
    }
    // Mentions run to thousands in a long records list: only those of a physician still
    // undiscussed are weighed, from the end, where the opinion sections stand.
    const { mentions } = analysis;
    for (let i = mentions.length - 1; i >= 0 && recorded.size; i--) {
      const { physician, sentence } = mentions[i];
      if (recorded.has(physician) && isDiscussion(sentence, analysis)) recorded.delete(physician);
    }
    const findings: Finding[] = [];
    for (const [physician, [first, ...others]] of recorded) {
      const name = physician.display;
      findings.push({
        ruleId: 'treating-opinion-not-discussed',
        span: first.sentence.span,
        message: `${name.charAt(0).toUpperCase()}${name.slice(1)}'s opinion${first.topic ? ` on ${first.topic}` : ''} is recorded here, but no opinion section (Discussion, Causation, MMI, Work Status, Future Medical Care, Answers) mentions ${name}: say whether you agree and why.`,
        ...(others.length ? { related: others.map((o) => ({ span: o.sentence.span, message: `Another opinion of ${name}${o.topic ? ` on ${o.topic}` : ''}` })) } : {}),
      });
    }
    return findings;
  },
};
