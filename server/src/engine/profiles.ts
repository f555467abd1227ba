import type { SeveritySetting } from '../rules/types.js';
import type { SectionKind } from './sections.js';

/** One statement of the closing declaration a jurisdiction asks for, in snippet syntax. */
export interface DeclarationElement {
  /** What the statement does, e.g. "penalty-of-perjury declaration". */
  label: string;
  /** The statement with `${n:...}` tab stops, numbered across the whole declaration. */
  snippet: string;
  /** The rule of law it comes from. */
  law: string;
}

/** The impairment guides a jurisdiction rates by, and the ones it does not accept. */
export interface ImpairmentGuide {
  /** Its name as a message gives it. */
  name: string;
  /** A mention of the guides this jurisdiction uses. */
  accepted: RegExp;
  /** Guides this jurisdiction does not rate by, and how a message names them. */
  rejected: { pattern: RegExp; name: string }[];
  /** Whether a rating must name the guides (otherwise only rejected guides are flagged). */
  mustName: boolean;
  law: string;
}

export interface Profile {
  id: string;
  name: string;
  description: string;
  /** Section kinds the report must have, with the law each comes from. */
  required: Partial<Record<SectionKind, string>>;
  /** Section kinds a complete report of this profile has, with why; skeletons include them, no rule asks for them. */
  recommended: Partial<Record<SectionKind, string>>;
  /** Every section kind in the order a report of this profile presents them. */
  order: SectionKind[];
  /** Rule severities that differ from the rules' defaults. */
  severities: Record<string, SeveritySetting>;
  /** Phrases that state the causation standard this jurisdiction accepts (lower case). */
  standards: string[];
  /** The phrase a fix inserts where the standard is missing. */
  standardPhrase: string;
  /** The statements the attestation closes with, in order (snippets and the "New report" skeleton use them). */
  declaration: DeclarationElement[];
  /** Where impairment is rated, the guides this jurisdiction rates by. */
  impairmentGuide?: ImpairmentGuide;
}

/** Report anatomy (DOMAIN.md "Typical report anatomy"), shared by every profile. */
const ANATOMY: SectionKind[] = [
  'identification', 'referral', 'history', 'records', 'past-history', 'treating', 'examination', 'diagnostics',
  'diagnoses', 'discussion', 'causation', 'mmi', 'impairment', 'apportionment', 'work-status', 'future-care',
  'answers', 'attestation',
];

const COMMON_STANDARDS = [
  'reasonable medical probability', 'reasonable degree of medical probability', 'reasonable degree of medical certainty',
  'reasonable medical certainty', 'more likely than not', 'more probably than not', 'more likely than it is not',
  'greater than 50%', 'greater than fifty percent', 'more than 50%', 'medically probable', 'probable',
  'reasonable degree of medical and scientific certainty', 'reasonable degree of chiropractic certainty',
  'reasonable degree of psychological certainty', 'reasonable degree of psychiatric certainty', 'probability',
];

/**
 * Rules that check one jurisdiction's requirements. Every profile turns them off unless it
 * turns them on, so a generic report is never held to California's page-count rule; a
 * config's `rules` can still turn one on anywhere.
 */
export const JURISDICTION_RULES = [
  'ca-declaration-missing', 'ca-139-3-statement-missing', 'ca-4628-disclosures-missing',
  'record-pages-missing', 'record-pages-total-mismatch', 'record-pages-verification-missing',
  'apportionment-missing', 'apportionment-incomplete', 'impairment-guides-edition',
  'psych-causation-percentage-missing', 'frcp-26-disclosures-missing',
] as const;

type JurisdictionRule = (typeof JURISDICTION_RULES)[number];

/** Severities for a profile: every jurisdiction rule off, except the ones named. */
function severities(on: Partial<Record<JurisdictionRule | 'causation-no-standard', SeveritySetting>>): Record<string, SeveritySetting> {
  return { ...Object.fromEntries(JURISDICTION_RULES.map((id) => [id, 'off'])), ...on };
}

const GENERIC_REQUIRED: Profile['required'] = {
  history: 'IME best practice (AMA Guides Newsletter, 2005): the history as told by the examinee',
  records: 'FRCP 26(a)(2)(B)(ii); 8 CCR §10682(b); 12 NYCRR 300.2: list the records reviewed',
  examination: 'IME best practice: the examination findings the opinions rest on',
  diagnoses: 'FRCP 35(b)(2); 8 CCR §10682(b): the diagnoses',
  causation: 'Escobedo v. Marshalls (2005) 70 CCC 604; FRCP 26(a)(2)(B)(i): causation with its reasons',
};

const BEST_PRACTICE = 'IME best practice (AMA Guides Newsletter, 2005)';

export const PROFILES: Record<string, Profile> = {
  generic: {
    id: 'generic',
    name: 'Generic IME',
    description: 'History, records reviewed, examination, diagnoses and causation with reasons; everything else recommended.',
    required: GENERIC_REQUIRED,
    recommended: {
      identification: `${BEST_PRACTICE}: examinee, dates, referral source`,
      referral: `${BEST_PRACTICE}: the questions posed`,
      'past-history': `${BEST_PRACTICE}: prior injuries and conditions`,
      diagnostics: `${BEST_PRACTICE}: results of studies`,
      discussion: `${BEST_PRACTICE}: how the findings fit together`,
      mmi: `${BEST_PRACTICE}: maximum medical improvement`,
      'work-status': `${BEST_PRACTICE}: work capacity`,
      'future-care': `${BEST_PRACTICE}: future medical care`,
      answers: `${BEST_PRACTICE}: an answer to each question posed`,
      attestation: `${BEST_PRACTICE}: the examiner's disclosure of no treating relationship, and signature`,
    },
    order: ANATOMY,
    severities: severities({}),
    standards: COMMON_STANDARDS,
    standardPhrase: 'within a reasonable degree of medical probability',
    declaration: [
      {
        label: 'disclosure of no treating relationship',
        snippet: 'I have no treating relationship with ${1:the examinee}. I personally took the history, performed the examination and reviewed the records listed above.',
        law: `${BEST_PRACTICE}`,
      },
      { label: 'signature and date', snippet: '${2:signature}  \nSigned ${3:date}, ${4:city and county}', law: BEST_PRACTICE },
    ],
  },

  'california-wc': {
    id: 'california-wc',
    name: 'California workers\' compensation',
    description: 'California medical-legal reports: 8 CCR §10682(b) contents, Labor Code §4628 disclosures and declaration, the §139.3 statement, record page counts, apportionment under Labor Code §4663.',
    required: {
      history: '8 CCR §10682(b): the history of the injury',
      records: '8 CCR §10682(b): a listing of all information received in preparation of the report or relied upon',
      'past-history': '8 CCR §10682(b): the medical history, including prior injuries',
      examination: '8 CCR §10682(b): the findings on examination',
      diagnoses: '8 CCR §10682(b): the diagnosis',
      causation: '8 CCR §10682(b): the cause of the disability, with how and why (Escobedo v. Marshalls (2005) 70 CCC 604)',
      mmi: '8 CCR §10682(b): whether permanent disability resulted and whether it is permanent and stationary (8 CCR §9785)',
      'work-status': '8 CCR §10682(b): the nature, extent and duration of disability and work limitations',
      'future-care': '8 CCR §10682(b): the treatment indicated',
    },
    recommended: {
      identification: '8 CCR §35.5(b); Labor Code §4628(b): the date the examination was completed and its street address',
      referral: '8 CCR §35.5(c)(1): each contested issue and question in the parties’ cover letters',
      diagnostics: '8 CCR §10682(b): findings, including studies',
      discussion: '8 CCR §10682(b): the reasons for the opinions',
      impairment: 'Labor Code §4660(b)(1); 8 CCR §1: impairment under the AMA Guides, 5th edition',
      apportionment: 'Labor Code §4663; 8 CCR §10682(b): apportionment of permanent disability, with how and why',
      answers: '8 CCR §35.5(c)(1): an attempt to answer each question in the parties’ cover letters',
      attestation: 'Labor Code §§4628(j), 5703(a)(2): the declarations under penalty of perjury, dated and signed, with the county',
    },
    order: ANATOMY,
    severities: severities({
      'causation-no-standard': 'warning',
      'ca-declaration-missing': 'warning',
      'ca-139-3-statement-missing': 'warning',
      'ca-4628-disclosures-missing': 'warning',
      'record-pages-missing': 'warning',
      'record-pages-total-mismatch': 'warning',
      'record-pages-verification-missing': 'warning',
      'apportionment-missing': 'warning',
      'apportionment-incomplete': 'warning',
      'impairment-guides-edition': 'warning',
      'psych-causation-percentage-missing': 'warning',
    }),
    standards: ['reasonable medical probability', 'reasonable degree of medical probability', 'medically probable',
      'more likely than not', 'more probably than not', 'reasonable degree of medical certainty', 'reasonable medical certainty',
      'greater than 50%', 'more than 50%', 'probable'],
    standardPhrase: 'within reasonable medical probability',
    declaration: [
      {
        label: 'Labor Code §4628(b) disclosures',
        snippet: 'I personally performed this evaluation on ${1:date of examination} at ${2:street address of the examination}. ${3:Name, qualifications and services of each other person who performed services in connection with this report, or: No one else performed services in connection with this report other than its clerical preparation.} The evaluation and the time I spent on it ${4|complied,did not comply|} with the Administrative Director’s guidelines${5:; any variance and the reasons for it}.',
        law: 'Labor Code §4628(b)',
      },
      {
        label: 'record review verification',
        snippet: '**Record Review Verification.** I reviewed ${6:number} pages of records. I declare under penalty of perjury that this is the total number of pages of records I reviewed.',
        law: '8 CCR §9795',
      },
      {
        label: 'penalty-of-perjury declaration',
        snippet: 'I declare under penalty of perjury that the information contained in this report and its attachments, if any, is true and correct to the best of my knowledge and belief, except as to information that I have indicated I received from others, and as to that information, I declare under penalty of perjury that the information accurately describes the information provided to me and, except as noted herein, that I believe it to be true.',
        law: 'Labor Code §4628(j)',
      },
      {
        label: 'Labor Code §139.3 statement',
        snippet: 'I have not violated Labor Code section 139.3, and the contents of this report and bill are true and correct to the best of my knowledge. This statement is made under penalty of perjury.',
        law: 'Labor Code §5703(a)(2)',
      },
      {
        label: 'date, place and county of signing, and signature',
        snippet: 'Executed on ${7:date} at ${8:city}, ${9:county} County, California.\n\n${10:signature}  \n${11:name and credentials}',
        law: 'Labor Code §4628(j)',
      },
    ],
    impairmentGuide: {
      name: 'the AMA Guides, 5th edition',
      accepted: /\b(?:AMA\s+)?Guides\b[^.;]{0,60}?\b(?:5th|fifth)\b|\b(?:5th|fifth)\s+edition\b[^.;]{0,40}?\bGuides\b/i,
      rejected: [{ pattern: /\b(?:AMA\s+)?Guides\b[^.;]{0,60}?\b(?:6th|sixth)\b|\b(?:6th|sixth)\s+edition\b[^.;]{0,40}?\bGuides\b/i, name: 'the 6th edition of the AMA Guides' }],
      mustName: true,
      law: 'Labor Code §4660(b)(1); 8 CCR §1',
    },
  },

  'new-york-wc': {
    id: 'new-york-wc',
    name: 'New York workers\' compensation',
    description: 'New York IMEs: every item reviewed listed (12 NYCRR 300.2), causation stated as a probability, impairment under the Board’s Guidelines.',
    required: {
      ...GENERIC_REQUIRED,
      records: '12 NYCRR 300.2 (2014 amendments): a list of all documents, reports and other items reviewed',
      causation: 'Matter of Norberg, 10 AD3d 740: a causation opinion that signifies a probability',
    },
    recommended: {
      identification: `${BEST_PRACTICE}: claimant, WCB case number, dates and place of examination`,
      referral: `${BEST_PRACTICE}: the carrier’s questions`,
      'past-history': `${BEST_PRACTICE}: prior injuries and claims`,
      diagnostics: `${BEST_PRACTICE}: results of studies`,
      mmi: `${BEST_PRACTICE}: maximum medical improvement`,
      impairment: 'New York Guidelines for Determining Impairment (2012; schedule loss of use, 2018)',
      'work-status': `${BEST_PRACTICE}: degree of disability and work capacity`,
      'future-care': `${BEST_PRACTICE}: further treatment`,
      answers: `${BEST_PRACTICE}: an answer to each question posed`,
      attestation: 'WCL §137(1); 12 NYCRR 300.2: authorization, no treating relationship, same-day service of the report',
    },
    order: ANATOMY,
    severities: severities({ 'causation-no-standard': 'warning', 'impairment-guides-edition': 'warning' }),
    standards: [...COMMON_STANDARDS, 'most likely', 'more likely', 'probably', 'reasonable degree of medical certainty'],
    standardPhrase: 'within a reasonable degree of medical probability',
    declaration: [
      {
        label: 'Board authorization',
        snippet: 'I am authorized by the New York State Workers’ Compensation Board to perform independent medical examinations (authorization no. ${1:number}).',
        law: 'WCL §137; 12 NYCRR 300.2',
      },
      {
        label: 'items reviewed and no treating relationship',
        snippet: 'I personally examined ${2:the claimant} and prepared this report. Every document, report and other item I reviewed is listed under Records Reviewed. I have no treating relationship with the claimant.',
        law: '12 NYCRR 300.2',
      },
      {
        label: 'same-day service',
        snippet: 'On the day this report is filed, copies are being sent to the Workers’ Compensation Board, the carrier, the claimant’s attending provider, the claimant’s representative and the claimant.',
        law: 'WCL §137(1)',
      },
      { label: 'signature and date', snippet: '${3:signature}  \n${4:date}', law: '12 NYCRR 300.2' },
    ],
    impairmentGuide: {
      name: 'the Workers\' Compensation Board\'s own Guidelines',
      accepted: /\b(?:New\s+York|NYS?|Board['’]?s?|WCB)\b[^.;]{0,50}?\bGuidelines\b|\bGuidelines\s+for\s+Determining\b/i,
      rejected: [{ pattern: /\bAMA\s+Guides\b|\bAmerican\s+Medical\s+Association['’]?s?\s+Guides\b/i, name: 'the AMA Guides' }],
      mustName: false,
      law: 'New York Guidelines for Determining Impairment (2012; schedule loss of use, 2018)',
    },
  },

  'federal-rule-35': {
    id: 'federal-rule-35',
    name: 'Federal Rule 35',
    description: 'Court-ordered examinations in federal civil cases: detailed findings, diagnoses, conclusions and test results (FRCP 35(b)(2)); a testifying examiner’s FRCP 26(a)(2)(B) disclosures.',
    required: {
      history: `${BEST_PRACTICE}: the history the opinions rest on`,
      records: 'FRCP 26(a)(2)(B)(ii): the facts or data considered',
      examination: 'FRCP 35(b)(2): the examiner’s findings, in detail',
      diagnoses: 'FRCP 35(b)(2): the diagnoses',
      causation: 'FRCP 35(b)(2): the conclusions; FRCP 26(a)(2)(B)(i): every opinion with its basis and reasons',
    },
    recommended: {
      identification: 'FRCP 35(a)(2)(B): the time, place, manner, conditions and scope of the examination the order set',
      referral: 'FRCP 35(a)(2)(B): the scope of the examination',
      'past-history': `${BEST_PRACTICE}: prior injuries and conditions`,
      diagnostics: 'FRCP 35(b)(2): the results of any tests',
      discussion: 'FRCP 26(a)(2)(B)(i): the basis and reasons for every opinion',
      mmi: `${BEST_PRACTICE}: maximum medical improvement`,
      'work-status': `${BEST_PRACTICE}: work capacity`,
      'future-care': `${BEST_PRACTICE}: future medical care`,
      attestation: 'FRCP 26(a)(2)(B)(iv)–(vi): qualifications and publications, prior testimony, compensation; 28 U.S.C. §1746',
    },
    order: ANATOMY,
    severities: severities({ 'causation-no-standard': 'warning', 'frcp-26-disclosures-missing': 'warning' }),
    standards: COMMON_STANDARDS,
    standardPhrase: 'more likely than not',
    declaration: [
      {
        label: 'independence and basis',
        snippet: 'I have never treated ${1:the examinee}. The opinions above are my own, are stated ${2:to a reasonable degree of medical probability}, and are based on the facts and data listed under Records Reviewed.',
        law: 'FRCP 26(a)(2)(B)(i)–(ii)',
      },
      {
        label: 'qualifications and publications',
        snippet: '${3:Board certification, licensure and experience}. My curriculum vitae, listing my publications of the past ten years, is Exhibit ${4:A}.',
        law: 'FRCP 26(a)(2)(B)(iv)',
      },
      {
        label: 'prior testimony',
        snippet: 'The cases in which I have testified as an expert at trial or by deposition during the past four years are listed in Exhibit ${5:B}.',
        law: 'FRCP 26(a)(2)(B)(v)',
      },
      {
        label: 'compensation',
        snippet: 'My compensation is ${6:rate} for record review, examination and report, and ${7:rate} for testimony.',
        law: 'FRCP 26(a)(2)(B)(vi)',
      },
      {
        label: 'declaration and signature',
        snippet: 'I declare under penalty of perjury that the foregoing is true and correct. Executed on ${8:date} at ${9:city, state}.\n\n${10:signature}',
        law: '28 U.S.C. §1746',
      },
    ],
  },
};

export const DEFAULT_PROFILE = 'generic';

export function profileNamed(name: string | undefined): Profile | undefined {
  return name === undefined ? undefined : PROFILES[name];
}

/** The profile's closing declaration in snippet syntax: the attestation section's body in its skeleton. */
export function declarationSnippet(profile: Profile): string {
  return profile.declaration.map((element) => element.snippet).join('\n\n');
}
