import { apportionmentIncomplete } from './apportionment-incomplete.js';
import { apportionmentMissing } from './apportionment-missing.js';
import { ca1393StatementMissing } from './ca-139-3-statement-missing.js';
import { ca4628DisclosuresMissing } from './ca-4628-disclosures-missing.js';
import { caDeclarationMissing } from './ca-declaration-missing.js';
import { frcp26DisclosuresMissing } from './frcp-26-disclosures-missing.js';
import { impairmentGuidesEdition } from './impairment-guides-edition.js';
import { psychCausationPercentageMissing } from './psych-causation-percentage-missing.js';
import { recordPagesMissing } from './record-pages-missing.js';
import { recordPagesTotalMismatch } from './record-pages-total-mismatch.js';
import { recordPagesVerificationMissing } from './record-pages-verification-missing.js';
import { causationMissing } from './causation-missing.js';
import { causationNoConclusion } from './causation-no-conclusion.js';
import { causationNoReasoning } from './causation-no-reasoning.js';
import { causationNoStandard } from './causation-no-standard.js';
import { causationSpeculative } from './causation-speculative.js';
import { frontMatterInvalid } from './front-matter-invalid.js';
import { placeholderLeft } from './placeholder-left.js';
import { recordCitationUnknown } from './record-citation-unknown.js';
import { recordEntryUndated } from './record-entry-undated.js';
import { recordUnlisted } from './record-unlisted.js';
import { recordsSectionMissing } from './records-section-missing.js';
import { sectionMissing } from './section-missing.js';
import { treatingDisagreementUnaddressed } from './treating-disagreement-unaddressed.js';
import { treatingOpinionNotDiscussed } from './treating-opinion-not-discussed.js';
import type { Rule } from './types.js';
import { unusedDisable } from './unused-disable.js';

/** Every rule, in the order their findings are listed for the same place. */
export const RULES: readonly Rule[] = [
  // causation family
  causationMissing,
  causationNoConclusion,
  causationNoReasoning,
  causationSpeculative,
  causationNoStandard,
  // records family
  recordsSectionMissing,
  recordUnlisted,
  recordCitationUnknown,
  recordEntryUndated,
  // treating-physician family
  treatingDisagreementUnaddressed,
  treatingOpinionNotDiscussed,
  // structure
  sectionMissing,
  placeholderLeft,
  frontMatterInvalid,
  // jurisdiction profiles (off unless the profile turns them on)
  caDeclarationMissing,
  ca1393StatementMissing,
  ca4628DisclosuresMissing,
  recordPagesMissing,
  recordPagesTotalMismatch,
  recordPagesVerificationMissing,
  apportionmentMissing,
  apportionmentIncomplete,
  impairmentGuidesEdition,
  psychCausationPercentageMissing,
  frcp26DisclosuresMissing,
  // inline control: checked after every other rule (runsLast)
  unusedDisable,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
