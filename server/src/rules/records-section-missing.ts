import { distinctReferences } from '../analysis/records.js';
import { hasKind } from '../engine/model.js';
import { newEntryFor, recordsListBody } from './record-fixes.js';
import { insertSectionEdit, titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

export const recordsSectionMissing: Rule = {
  meta: {
    id: 'records-section-missing',
    severity: 'warning',
    description: 'The report has no Records Reviewed section.',
    rationale: `Every jurisdiction asks the examiner to list what was reviewed; an opinion from an examiner whose record review cannot be checked is open to the charge that key records were never seen (Bufearon, 167 AD3d 1391). ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §10682(b); 12 NYCRR 300.2; 28 TAC §127.220; FRCP 26(a)(2)(B)(ii).',
    fixable: true,
  },
  check({ model, profile }) {
    if (hasKind(model, 'records')) return [];
    const references = distinctReferences(model);
    const cited = references.length > 0;
    const plural = references.length === 1 ? '' : 's';
    return [{
      ruleId: 'records-section-missing',
      span: titleSpan(model),
      message: cited
        ? `The report has no Records Reviewed section, though it cites ${references.length} record${plural}: list every record received or relied on, with its date, author and length.`
        : 'The report has no Records Reviewed section: list every record received or relied on, with its date, author and length.',
      // Worked out when asked for: each entry looks up its provider's fullest name in the whole text, at every keystroke otherwise.
      lazyFix: () => {
        // Pre-populated with every record the body refers to, one entry each, in date order.
        const entries = references.map((r) => newEntryFor(model, r, r.dates));
        const body = cited ? recordsListBody(model, entries, '[[pages]]') : undefined;
        const snippet = cited ? recordsListBody(model, entries, (i) => `\${${i + 1}:pages}`) : undefined;
        return {
          title: cited ? `Insert a Records Reviewed section listing the ${references.length} cited record${plural}` : 'Insert a Records Reviewed section',
          edits: [insertSectionEdit(model, profile, 'records', body)],
          safe: true,
          ...(snippet ? { snippet: insertSectionEdit(model, profile, 'records', snippet) } : {}),
        };
      },
    }];
  },
};
