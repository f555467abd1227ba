import type { SeveritySetting } from '../rules/types.js';
import type { SectionKind } from './sections.js';

export interface Profile {
  id: string;
  name: string;
  description: string;
  /** Section kinds the report must have, with the law each comes from. */
  required: Partial<Record<SectionKind, string>>;
  /** Every section kind in the order a report of this profile presents them. */
  order: SectionKind[];
  /** Rule severities that differ from the rules' defaults. */
  severities: Record<string, SeveritySetting>;
  /** Phrases that state the causation standard this jurisdiction accepts (lower case). */
  standards: string[];
  /** The phrase a fix inserts where the standard is missing. */
  standardPhrase: string;
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

export const PROFILES: Record<string, Profile> = {
  generic: {
    id: 'generic',
    name: 'Generic IME',
    description: 'History, records reviewed, examination, diagnoses and causation with reasons; everything else recommended.',
    required: {
      history: 'IME best practice (AMA Guides Newsletter, 2005): the history as told by the examinee',
      records: 'FRCP 26(a)(2)(B)(ii); 8 CCR §10682(b); 12 NYCRR 300.2: list the records reviewed',
      examination: 'IME best practice: the examination findings the opinions rest on',
      diagnoses: 'FRCP 35(b)(2); 8 CCR §10682(b): the diagnoses',
      causation: 'Escobedo v. Marshalls (2005) 70 CCC 604; FRCP 26(a)(2)(B)(i): causation with its reasons',
    },
    order: ANATOMY,
    severities: {},
    standards: COMMON_STANDARDS,
    standardPhrase: 'within a reasonable degree of medical probability',
  },
};

export const DEFAULT_PROFILE = 'generic';

export function profileNamed(name: string | undefined): Profile | undefined {
  return name === undefined ? undefined : PROFILES[name];
}
