import { TextMemo } from './memo.js';

/** Section kinds and the headings that name them (RULES.md "Section kinds"). */
export const SECTION_KINDS = [
  'identification', 'referral', 'history', 'past-history', 'records', 'treating', 'examination',
  'diagnostics', 'diagnoses', 'discussion', 'causation', 'mmi', 'impairment', 'apportionment',
  'work-status', 'future-care', 'answers', 'attestation',
] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_TITLES: Record<SectionKind, string> = {
  identification: 'Identifying Information',
  referral: 'Reason for Referral',
  history: 'History of Present Illness',
  'past-history': 'Past Medical History',
  records: 'Records Reviewed',
  treating: 'Treating Physician Opinions',
  examination: 'Physical Examination',
  diagnostics: 'Diagnostic Studies',
  diagnoses: 'Diagnoses',
  discussion: 'Discussion',
  causation: 'Causation',
  mmi: 'Maximum Medical Improvement',
  impairment: 'Impairment Rating',
  apportionment: 'Apportionment',
  'work-status': 'Work Status',
  'future-care': 'Future Medical Care',
  answers: 'Answers to Questions',
  attestation: 'Attestation',
};

const SYNONYMS: Record<SectionKind, string[]> = {
  identification: ['Identifying Information', 'Identifying Data', 'Claimant Information', 'Examinee Information',
    'Introduction', 'Case Information', 'Descriptive Data', 'Demographic Information', 'Patient Information'],
  referral: ['Reason for Referral', 'Referral', 'Questions Posed', 'Questions Presented', 'Purpose of Examination',
    'Purpose of Evaluation', 'Referral Questions', 'Questions Asked'],
  history: ['History of Present Illness', 'History of Injury', 'Mechanism of Injury', "Claimant's Account",
    "Examinee's Account", 'History', 'History of the Injury', 'History of Present Injury', 'Present Illness',
    'HPI', 'Injury History', 'Occupational History and Injury', 'History of Accident'],
  'past-history': ['Past Medical History', 'Prior Injuries', 'Prior Claims', 'Medical History', 'Past History',
    'PMH', 'Prior Medical History', 'Previous Injuries'],
  records: ['Records Reviewed', 'Review of Records', 'Medical Records Reviewed', 'Records Review',
    'Documents Reviewed', 'Review of Medical Records', 'Medical Records Review', 'Record Review',
    'Records Received', 'Records Considered', 'Documents Considered', 'Materials Reviewed',
    'Summary of Records', 'Medical Records', 'Records', 'Review of Documents', 'List of Records Reviewed'],
  treating: ['Treating Physician Opinions', 'Opinions of Treating Physicians', 'Comments on Treating Physician Reports',
    'Treating Physicians', 'Treating Physician', "Treating Physicians' Opinions", "Treating Physician's Opinion",
    'Comments on Treating Physician Opinions'],
  examination: ['Physical Examination', 'Examination Findings', 'Objective Findings', 'Examination',
    'Physical Exam', 'Clinical Examination', 'Mental Status Examination', 'Findings on Examination'],
  diagnostics: ['Diagnostic Studies', 'Imaging', 'Test Results', 'Diagnostic Testing', 'Diagnostic Tests',
    'Imaging Studies', 'Radiology', 'Psychological Testing', 'Laboratory Studies'],
  diagnoses: ['Diagnoses', 'Diagnosis', 'Impression', 'Assessment', 'Diagnostic Impression', 'Clinical Impression',
    'Impressions', 'Final Diagnoses', 'Working Diagnosis', 'Diagnostic Impressions'],
  discussion: ['Discussion', 'Opinion', 'Opinions', 'Medical Opinion', 'Summary and Opinions', 'Medical Opinions',
    'Summary', 'Summary of Opinions', 'Analysis', 'Conclusions', 'Conclusion', 'Discussion and Opinions'],
  causation: ['Causation', 'Causation Analysis', 'Causal Relationship', 'Industrial Causation', 'AOE/COE', 'AOE COE',
    'Work-Relatedness', 'Work Relatedness', 'Causation Opinion', 'Causality', 'Causation of Injury',
    'Industrial Causation of Injury', 'Causal Connection'],
  mmi: ['Maximum Medical Improvement', 'MMI', 'Permanent and Stationary', 'P&S Status', 'Permanent and Stationary Status',
    'MMI Status', 'P&S'],
  impairment: ['Impairment Rating', 'Whole Person Impairment', 'Permanent Impairment', 'Disability', 'Impairment',
    'Permanent Disability', 'Schedule Loss of Use', 'Degree of Disability'],
  apportionment: ['Apportionment'],
  'work-status': ['Work Status', 'Work Restrictions', 'Return to Work', 'Work Capacity', 'Restrictions',
    'Work Ability', 'Disability Status', 'Temporary Disability'],
  'future-care': ['Future Medical Care', 'Treatment Recommendations', 'Future Medical Treatment', 'Future Medical',
    'Future Care', 'Recommendations', 'Treatment Plan', 'Medical Treatment Recommendations'],
  answers: ['Answers to Questions', 'Responses to Interrogatories', 'Response to Questions', 'Responses to Questions',
    'Answers to Questions Posed', 'Answers to Specific Questions', 'Questions and Answers'],
  attestation: ['Attestation', 'Certification', 'Declaration', 'Signature', 'Disclosure', 'Disclosures',
    'Declaration Under Penalty of Perjury', 'Examiner Attestation', 'Statement of Compliance'],
};

/** Normalises a heading for synonym lookup: case, numbering, punctuation, articles and plurals ignored. */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/^\s*(?:section\s+)?(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])[.)]\s*|^\s*[0-9]+\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'the' && w !== 'a' && w !== 'an')
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') ? w.slice(0, -1) : w))
    .join(' ');
}

export class SectionClassifier {
  private readonly lookup = new Map<string, Set<SectionKind>>();

  constructor(extra: Partial<Record<string, string[]>> = {}) {
    for (const kind of SECTION_KINDS) {
      for (const synonym of [...SYNONYMS[kind], ...(extra[kind] ?? [])]) this.add(synonym, kind);
    }
  }

  private add(synonym: string, kind: SectionKind): void {
    const key = normalizeHeading(synonym);
    if (!key) return;
    const kinds = this.lookup.get(key) ?? new Set<SectionKind>();
    kinds.add(kind);
    this.lookup.set(key, kinds);
  }

  /** Headings read before: a lint reads every heading of the report, and an edit changes few. */
  private readonly classified = new TextMemo<readonly SectionKind[]>(10_000, 1_000);

  /** Kinds named by a heading: the whole heading, or each part of "X and Y", "X / Y", "X, Y". Shared: not to be changed. */
  classify(heading: string): readonly SectionKind[] {
    return this.classified.get(heading, (h) => this.readKinds(h));
  }

  private readKinds(heading: string): SectionKind[] {
    const whole = this.lookup.get(normalizeHeading(heading));
    if (whole) return [...whole];
    const kinds = new Set<SectionKind>();
    for (const part of heading.split(/\s*(?:[,;/]|&|\band\b|\bor\b|\bwith\b|\bincluding\b)\s*/i)) {
      for (const kind of this.lookup.get(normalizeHeading(part)) ?? []) kinds.add(kind);
    }
    return [...kinds];
  }
}
