import { analyseTreating, type TreatingDisagreement } from '../analysis/treating.js';
import type { ReportModel } from '../engine/model.js';
import { lineBreakOf } from '../engine/text.js';
import { NOT_LEGAL_ADVICE, type Finding, type Fix, type Rule } from './types.js';

export const treatingDisagreementUnaddressed: Rule = {
  meta: {
    id: 'treating-disagreement-unaddressed',
    severity: 'warning',
    description: "A disagreement with a treating physician's opinion that does not engage that physician's reasoning (no reason with supporting evidence nearby).",
    rationale: `A report that simply contradicts the treating physician is weaker than one that identifies the flaw in the treating physician's analysis and explains it with the records and findings. In California a report that fails to address a contrary medical opinion is not substantial evidence. ${NOT_LEGAL_ADVICE}`,
    source: 'Radiator Specialty Co. v. WCAB (Kang) (2015) 80 CCC 79; Escobedo v. Marshalls (2005) 70 CCC 604; WAC 296-23-377.',
    fixable: true,
  },
  check({ model, config }) {
    const findings: Finding[] = [];
    for (const disagreement of analyseTreating(model, config.treating).disagreements) {
      if (disagreement.connector && disagreement.evidence) continue;
      const name = disagreement.physician.display;
      findings.push({
        ruleId: 'treating-disagreement-unaddressed',
        span: disagreement.sentence.span,
        message: `Disagreement with ${name} does not address the reasoning behind ${name}'s opinion${disagreement.topic ? ` on ${disagreement.topic}` : ''}: ${missing(disagreement)}`,
        fix: templateFix(model, disagreement),
      });
    }
    return findings;
  },
};

function missing({ connector, evidence, physician }: TreatingDisagreement): string {
  if (connector) return 'the reason given cites no record, test, examination finding or guideline that supports your view.';
  if (evidence) return `the records or findings nearby are not tied to the disagreement; say why they lead you away from ${physician.display}'s opinion ("because ...").`;
  return `neither this paragraph nor the next says what ${physician.display} based the opinion on or why you reach a different one, with the record or finding that shows it.`;
}

/** Inserts, after the paragraph, the sentence the examiner completes: not safe, the examiner must write it. */
function templateFix(model: ReportModel, disagreement: TreatingDisagreement): Fix {
  const { physician, topic, sentence } = disagreement;
  const block = sentence.block;
  const subject = `${capitalise(physician.display)}'s opinion${topic ? ` on ${topic}` : ''}`;
  const plain = `${subject} rests on [[basis]]. I disagree because [[reason]], as shown by [[record or finding]].`;
  const snippet = `${subject} rests on \${1:basis}. I disagree because \${2:reason}, as shown by \${3:record or finding}.`;
  const lb = lineBreakOf(model.source);
  // Inside a list item the sentence joins the item's paragraph; elsewhere it is a paragraph of its own.
  const table = block.type === 'tableRow' ? block.table?.position?.end.offset : undefined;
  const at = table ?? block.span.end;
  const prefix = block.list && table === undefined ? ' ' : `${lb}${lb}`;
  const span = { start: at, end: at };
  return {
    title: `Insert a sentence that engages ${physician.display}'s reasoning`,
    edits: [{ span, newText: prefix + plain }],
    snippet: { span, newText: prefix + snippet },
    safe: false,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
