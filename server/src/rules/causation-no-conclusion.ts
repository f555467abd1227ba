import { analyseCausation } from '../analysis/causation.js';
import { blocksIn, type ReportModel, type Section } from '../engine/model.js';
import { placeholderPattern } from '../engine/templates.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const PLACEHOLDER = placeholderPattern();
/** "See Discussion", "as discussed above": the conclusion is stated elsewhere on purpose. */
const CROSS_REFERENCE = /\b(?:see|refer\s+to|as\s+(?:discussed|stated|set\s+out|explained|noted)|discussed|addressed|stated|answered|given)\s+(?:in\s+|under\s+|above|below|the\s+)?(?:the\s+)?(?:above|below|discussion|opinions?|summary|answers?|conclusions?|section)\b/i;

export const causationNoConclusion: Rule = {
  meta: {
    id: 'causation-no-conclusion',
    severity: 'warning',
    description: 'A Causation section exists but states no causation conclusion (only history, a restated question or TBD).',
    rationale: `The causation section is where the reader, the judge and opposing counsel look for the answer. A section that recites the history or restates the question without saying whether the condition was caused by the event leaves the central question unanswered. ${NOT_LEGAL_ADVICE}`,
    source: 'Escobedo v. Marshalls (2005) 70 CCC 604; 8 CCR §10682(b) (cause of the disability); FRCP 26(a)(2)(B)(i).',
    fixable: false,
  },
  check({ model }) {
    const { conclusions } = analyseCausation(model);
    return outermostCausationSections(model).flatMap((section) => {
      const inside = conclusions.some((c) => c.sentence.span.start >= section.span.start && c.sentence.span.end <= section.span.end);
      if (inside) return [];
      const blocks = blocksIn(model, section).filter((b) => b.type !== 'heading');
      const prose = blocks.map((b) => b.text).join('\n');
      // An empty or placeholder-only section is section-empty's and placeholder-left's to report.
      if (!/[A-Za-z]{2,}/.test(prose.replace(placeholderPattern('g'), ''))) return [];
      if (CROSS_REFERENCE.test(prose) && conclusions.length) return [];
      return [{ ruleId: 'causation-no-conclusion', span: section.heading.span, message: messageFor(prose, section) }];
    });
  },
};

function outermostCausationSections(model: ReportModel): Section[] {
  const isCausation = (s: Section) => s.kinds.includes('causation');
  return model.sections.filter((s) => {
    if (!isCausation(s)) return false;
    for (let p = s.parent; p; p = p.parent) if (isCausation(p)) return false;
    return true;
  });
}

function messageFor(prose: string, section: Section): string {
  const what = /\?/.test(prose) ? 'restates the question without answering it'
    : PLACEHOLDER.test(prose) ? 'is marked as unfinished'
    : 'recites facts without a finding';
  return `The ${section.heading.text.replace(/[:.]$/, '')} section ${what}: state whether the condition was, or was not, caused by the event, and why.`;
}
