import type { Span } from '../engine/text.js';
import { findDates } from './dates.js';

/**
 * Reason connectors (RULES.md "Reason connector"): phrases that give a reason for an opinion.
 * "as" counts only where it introduces a reason ("as the MRI shows"), not as a comparison.
 */
const REASON_CONNECTOR = new RegExp(
  [
    String.raw`\bbecause\b`, String.raw`\bsince\b(?!\s+(?:then|that\s+time|\d|january|february|march|april|may|june|july|august|september|october|november|december))`,
    String.raw`\bgiven\s+(?:that|the|his|her|their)\b`, String.raw`\bdue\s+to\s+the\s+fact\b`, String.raw`\bwhich\s+is\s+why\b`,
    String.raw`\btherefore\b`, String.raw`\bthus\b`, String.raw`\bhence\b`, String.raw`\baccordingly\b`, String.raw`\bconsequently\b`,
    String.raw`\bfor\s+(?:this|these|that|those|the\s+following)\s+reasons?\b`, String.raw`\bthe\s+reasons?\s+(?:is|are|being)\b`,
    String.raw`\bas\s+(?:shown|demonstrated|documented|evidenced|confirmed|seen|noted|reflected|indicated)\s+(?:by|in|on)\b`,
    String.raw`\bas\s+(?:the|his|her|their|my)\s+\w+`, String.raw`\b(?:in|)consistent\s+with\b`, String.raw`\bnot\s+consistent\s+with\b`,
    String.raw`\bdoes\s+not\s+(?:account|explain)\b`, String.raw`\bdid\s+not\s+(?:account|explain|review|consider|address|examine|test)\b`,
    String.raw`\bfails?\s+to\s+(?:consider|account|explain|address|mention|note)\b`, String.raw`\bfailed\s+to\b`,
    String.raw`\boverlook(?:s|ed)?\b`, String.raw`\b(?:is|are|was|were)\s+contradicted\s+by\b`, String.raw`\bcontradicts\b`,
    String.raw`\bin\s+light\s+of\b`, String.raw`\bbased\s+(?:up)?on\b`, String.raw`\bsupported\s+by\b`, String.raw`\bin\s+view\s+of\b`,
    String.raw`\bthis\s+is\s+(?:shown|supported|confirmed)\b`, String.raw`\bwhich\s+(?:shows?|showed|demonstrates?|confirms?|explains?)\b`,
    String.raw`\bthe\s+(?:mechanism|timing|onset|temporal\s+relationship)\b`, String.raw`\bexplains?\b`, String.raw`\bindicat(?:es|ing)\b`,
    String.raw`\bdemonstrat(?:es|ing)\b`, String.raw`\bfits?\b`, String.raw`\bso\s+that\b`, String.raw`\bin\s+the\s+absence\s+of\b`,
    String.raw`\bthere\s+(?:is|was|are|were)\s+no\s+(?:evidence|objective)\b`, String.raw`\brel(?:y|ies|ied)\s+on\b`,
  ].join('|'),
  'i',
);

const EVIDENCE_TERMS = [
  // studies and tests
  String.raw`\bMRIs?\b`, String.raw`\bMR\s+arthrogram\b`, String.raw`\bCT\b`, String.raw`\bCAT\s+scan\b`, String.raw`\bx-?rays?\b`,
  String.raw`\bradiographs?\b`, String.raw`\bimaging\b`, String.raw`\bEMG\b`, String.raw`\bNCS\b`, String.raw`\bnerve\s+conduction\b`,
  String.raw`\belectrodiagnostic\b`, String.raw`\bultrasound\b`, String.raw`\bbone\s+scan\b`, String.raw`\blabs?\b`, String.raw`\blaborator(?:y|ies)\b`,
  String.raw`\bblood\s+tests?\b`, String.raw`\bFCE\b`, String.raw`\bfunctional\s+capacity\b`, String.raw`\barthrogram\b`, String.raw`\bmyelogram\b`,
  String.raw`\bdiscogram\b`, String.raw`\bstud(?:y|ies)\b`, String.raw`\bscan\b`, String.raw`\btesting\b`, String.raw`\btest\s+results?\b`,
  String.raw`\bMMPI(?:-\d)?(?:-RF)?\b`, String.raw`\bBDI(?:-II)?\b`, String.raw`\bpsychological\s+test`, String.raw`\bvalidity\s+scales?\b`,
  // examination findings
  String.raw`\brange\s+of\s+motion\b`, String.raw`\bmotion\b`, String.raw`\bflexion\b`, String.raw`\bextension\b`, String.raw`\babduction\b`,
  String.raw`\breflex(?:es)?\b`, String.raw`\bstrength\b`, String.raw`\b[0-5][+-]?/5\b`, String.raw`\bstraight[- ]leg[- ]rais`,
  String.raw`\bSLR\b`, String.raw`\bWaddell\b`, String.raw`\batrophy\b`, String.raw`\bcircumference\b`, String.raw`\bmeasure(?:d|ments?)\b`,
  String.raw`\bsensation\b`, String.raw`\bdermatom`, String.raw`\bTinel\b`, String.raw`\bPhalen\b`, String.raw`\bSpurling\b`,
  String.raw`\bMcMurray\b`, String.raw`\bLachman\b`, String.raw`\bimpingement\s+signs?\b`, String.raw`\bslump\s+test\b`, String.raw`\btender(?:ness)?\b`,
  String.raw`\bspasm\b`, String.raw`\beffusion\b`, String.raw`\bgrip\b`, String.raw`\bJamar\b`, String.raw`\bgait\b`, String.raw`\bswelling\b`,
  String.raw`\bexamination\b`, String.raw`\bexam\b`, String.raw`\bfindings?\b`, String.raw`\bobjective\b`, String.raw`\bmental\s+status\b`,
  String.raw`\bnon-?organic\b`, String.raw`\bdegrees?\b`, String.raw`°`,
  // records, history and guidance
  String.raw`\brecords?\b`, String.raw`\bnotes?\b`, String.raw`\breports?\b`, String.raw`\bchart\b`, String.raw`\bdocument(?:s|ed|ation)?\b`,
  String.raw`\bprior\s+(?:injur|claim|history|treatment|complaints|symptoms|episode|accident|condition|surgery)`,
  String.raw`\bpre-?existing\b`, String.raw`\bhistory\b`, String.raw`\bdegenerat`, String.raw`\bage-related\b`,
  String.raw`\bAMA\s+Guides\b`, String.raw`\bGuides\b`, String.raw`\bACOEM\b`, String.raw`\bODG\b`, String.raw`\bMTUS\b`, String.raw`\bguidelines?\b`,
  String.raw`\bliterature\b`, String.raw`\bjournal\b`, String.raw`\bet\s+al\b`, String.raw`\bstudies\s+show\b`,
  String.raw`\[\^?[Rr]\d+\]`, String.raw`\(Rec\.?\s*\d+\)`,
];
const EVIDENCE = new RegExp(EVIDENCE_TERMS.join('|'), 'i');

export function findReasonConnector(text: string): RegExpExecArray | null {
  return REASON_CONNECTOR.exec(text);
}

/** An evidence reference: a dated record, a named test or study, an exam finding, prior history or published guidance. */
export function findEvidence(text: string): { span: Span; kind: 'term' | 'date' } | null {
  const term = EVIDENCE.exec(text);
  if (term) return { span: { start: term.index, end: term.index + term[0].length }, kind: 'term' };
  const date = findDates(text)[0];
  return date ? { span: date.span, kind: 'date' } : null;
}

export function hasReasoning(text: string): { connector: boolean; evidence: boolean } {
  return { connector: findReasonConnector(text) !== null, evidence: findEvidence(text) !== null };
}
