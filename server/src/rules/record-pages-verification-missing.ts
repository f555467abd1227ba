import { analyseRecordPages } from '../analysis/record-pages.js';
import { PROFILES, type Profile } from '../engine/profiles.js';
import { toPlaceholders } from '../engine/templates.js';
import { blockInsertion, titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const LAW = '8 CCR §9795';

/** The profile's record review verification, in snippet syntax (California's when the profile has none). */
function verificationSnippet(profile: Profile): string {
  const ownOrCalifornia = [profile, PROFILES['california-wc']];
  for (const p of ownOrCalifornia) {
    const element = p.declaration.find((e) => e.law === LAW);
    if (element) return element.snippet;
  }
  return '';
}

export const recordPagesVerificationMissing: Rule = {
  meta: {
    id: 'record-pages-verification-missing',
    severity: 'warning',
    description: 'California: the report does not verify the total number of pages of records reviewed (required even when zero).',
    rationale: `Under the California medical-legal fee schedule every report must verify under penalty of perjury the total number of pages of records the examiner reviewed, even when no records were received (8 CCR §9795); claims administrators deny bills that lack it. A dedicated "Record Review Verification" statement is the common practice. ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §9795 (medical-legal fee schedule, from April 1, 2021).',
    fixable: true,
  },
  check({ model, profile }) {
    const { sections, entries, totals, noRecords } = analyseRecordPages(model);
    if (totals.length || noRecords) return [];
    const section = sections[0];
    const counted = entries.length > 0 && entries.every((e) => e.pages !== null);
    const sum = entries.reduce((total, e) => total + (e.pages ?? 0), 0);
    const snippet = verificationSnippet(profile).replace(/\$\{\d+:number\}/, (placeholder) => (counted ? String(sum) : placeholder));
    const at = section?.span.end;
    return [{
      ruleId: 'record-pages-verification-missing',
      span: section ? section.heading.span : titleSpan(model),
      message: `The report does not verify the total number of pages of records reviewed; every California medical-legal report must, even when the total is zero (${LAW}).`,
      ...(at !== undefined && snippet ? {
        fix: {
          title: 'Add a Record Review Verification',
          edits: [{ span: { start: at, end: at }, newText: blockInsertion(model.source, at, toPlaceholders(snippet)) }],
          snippet: { span: { start: at, end: at }, newText: blockInsertion(model.source, at, snippet) },
          safe: false, // a statement under penalty of perjury is the examiner's to make
        },
      } : {}),
    }];
  },
};
