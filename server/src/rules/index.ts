import { causationMissing } from './causation-missing.js';
import { frontMatterInvalid } from './front-matter-invalid.js';
import { placeholderLeft } from './placeholder-left.js';
import { recordsSectionMissing } from './records-section-missing.js';
import { sectionMissing } from './section-missing.js';
import type { Rule } from './types.js';

/** Every rule, in the order their findings are listed for the same place. */
export const RULES: readonly Rule[] = [
  // causation family
  causationMissing,
  // records family
  recordsSectionMissing,
  // treating-physician family
  // structure
  sectionMissing,
  placeholderLeft,
  frontMatterInvalid,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
