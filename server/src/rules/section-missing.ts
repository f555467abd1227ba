import { hasKind } from '../engine/model.js';
import { SECTION_TITLES, type SectionKind } from '../engine/sections.js';
import { insertSectionEdit, titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';

// These kinds have rules of their own that say more than "missing" (RULES.md; corpus judgment call 1).
const OWN_RULE: ReadonlySet<SectionKind> = new Set(['records', 'causation']);

export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    severity: 'warning',
    description: 'A section the active profile requires is absent.',
    rationale: `Each profile requires the sections its jurisdiction's rules ask a report to contain; a missing one is a gap opposing counsel can point to, and in New York may get the report precluded. The message names the rule of law. ${NOT_LEGAL_ADVICE}`,
    source: 'Per profile: 8 CCR §10682(b) (California), 12 NYCRR 300.2 (New York), FRCP 35(b)(2) and 26(a)(2)(B) (federal).',
    fixable: true,
  },
  check({ model, profile }) {
    const findings: Finding[] = [];
    for (const kind of profile.order) {
      const law = profile.required[kind];
      if (!law || OWN_RULE.has(kind) || hasKind(model, kind)) continue;
      const title = SECTION_TITLES[kind];
      findings.push({
        ruleId: 'section-missing',
        span: titleSpan(model),
        message: `The report has no ${title} section, which the ${profile.name} profile requires (${law}).`,
        fix: { title: `Insert a ${title} section`, edits: [insertSectionEdit(model, profile, kind)], safe: true },
      });
    }
    return findings;
  },
};
