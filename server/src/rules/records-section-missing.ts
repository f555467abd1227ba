import { hasKind } from '../engine/model.js';
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
    return [{
      ruleId: 'records-section-missing',
      span: titleSpan(model),
      message: 'The report has no Records Reviewed section: list every record received or relied on, with its date, author and length.',
      fix: { title: 'Insert a Records Reviewed section', edits: [insertSectionEdit(model, profile, 'records')], safe: true },
    }];
  },
};
