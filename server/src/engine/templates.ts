import { SECTION_KINDS, type SectionKind } from './sections.js';

/**
 * What each section holds when ime-lint writes it, in snippet syntax: `${1:name}` tab stops
 * and `${2|a,b|}` choices. Editors expand them as snippets; fixes and the CLI write them as
 * `[[name]]` placeholders, which `placeholder-left` flags until the examiner fills them.
 */
export const SECTION_SNIPPETS: Record<SectionKind, string> = {
  identification: '- **Examinee:** ${1:name}\n- **Claim number:** ${2:claim number}\n- **Date of injury:** ${3:date}\n- **Date of examination:** ${4:date}\n- **Requested by:** ${5:party}',
  referral: '1. ${1:question posed by the referring party}',
  history: "${1:How the injury happened, in the examinee's words}\n\n${2:Treatment since the injury}\n\n**Current complaints.** ${3:present complaints}",
  'past-history': '- **Prior injuries and claims:** ${1:prior injuries, claims and treatment of the same body part}\n- **Medical:** ${2:other conditions}\n- **Medications:** ${3:medications}',
  records: '1. ${1:date} — ${2:provider or facility}: ${3:document type} (${4:pages} pages)',
  treating: "${1:Dr. name}'s opinion rests on ${2:basis}. I ${3|agree,disagree|} because ${4:reason}, as shown by ${5:record or finding}.",
  examination: '${1:Objective findings: inspection, range of motion, strength, reflexes, sensation, special tests}',
  diagnostics: '- **${1:study}, ${2:date}** (${3:facility}): ${4:result}',
  diagnoses: '1. ${1:diagnosis}',
  discussion: '${1:How the history, records and findings fit together}',
  causation: [
    '**Mechanism:** ${1:how the event could produce the condition}',
    '**Temporal relationship:** ${2:onset of symptoms relative to the event}',
    '**Alternative and pre-existing causes:** ${3:what else could explain the condition, and why it does or does not}',
    '**Records relied on:** ${4:records and findings that support the opinion}',
    '**Conclusion:** ${5:Within a reasonable degree of medical probability}, ${6:condition} ${7|is,is not|} causally related to ${8:event} because ${9:reason}.',
  ].join('\n\n'),
  mmi: '${1:The examinee} ${2|reached,has not reached|} maximum medical improvement on ${3:date}, because ${4:reason}.',
  impairment: '${1:Body part}: ${2:percent}% whole person impairment under the ${3|AMA Guides to the Evaluation of Permanent Impairment, 5th edition,AMA Guides to the Evaluation of Permanent Impairment, 6th edition,New York Guidelines for Determining Impairment (2012)|}, table ${4:table}, page ${5:page}, because ${6:findings}.',
  apportionment: '${1:percent}% of the permanent disability is caused by the industrial injury of ${2:date} and ${3:percent}% by ${4:other factors}, because ${5:how and why}.',
  'work-status': '${1:The examinee} can ${2|return to full duty,work with restrictions,not work|} (${3:restrictions}) for ${4:duration}, because ${5:reason}.',
  'future-care': '- ${1:treatment}: ${2:reason}',
  answers: '1. ${1:answer to each question posed, with its reasons}',
  attestation: 'I have no treating relationship with ${1:the examinee}. I personally took the history, performed the examination and reviewed the records listed above.\n\n${2:signature}  \nSigned ${3:date}, ${4:city and county}',
};

/** Snippet syntax to the plain placeholders a fix writes: `${1:x}` -> `[[x]]`, `${2|a,b|}` -> `[[a / b]]`. */
export function toPlaceholders(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^|}]*)\|\}/g, (_m, choices: string) => `[[${choices.split(',').join(' / ')}]]`)
    .replace(/\$\{\d+:([^}]*)\}/g, (_m, text: string) => `[[${text}]]`);
}

export const SECTION_BODIES = Object.fromEntries(SECTION_KINDS.map((k) => [k, toPlaceholders(SECTION_SNIPPETS[k])])) as Record<SectionKind, string>;

/**
 * Unfilled placeholders and drafting marks: snippet tab stops and choices, `[[...]]` blanks,
 * TODO/TBD/FIXME/TK, unfilled dates and `___` lines. One definition for every rule that asks
 * "is this still a draft?".
 */
export function placeholderPattern(flags = ''): RegExp {
  return new RegExp(String.raw`\$\{\d+(?:[:|][^}\n]*)?\}|\[\[[^\]\n]{0,200}\]\]|\b(?:TODO|TBD|FIXME|TK)\b|\bX{1,2}\/X{1,2}\/X{2,4}\b|\bXX-XX-XXXX\b|_{3,}`, flags);
}
