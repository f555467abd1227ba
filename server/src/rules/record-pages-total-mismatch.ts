import { analyseRecordPages } from '../analysis/record-pages.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';

const LAW = '8 CCR §9795';

export const recordPagesTotalMismatch: Rule = {
  meta: {
    id: 'record-pages-total-mismatch',
    severity: 'warning',
    description: 'California: the stated total of pages reviewed differs from the sum of the records entries\' page counts.',
    rationale: `The examiner verifies the total number of pages reviewed under penalty of perjury (8 CCR §9795). A total that does not match the itemized entries invites a billing dispute and a question about the care taken with the record review. ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §9795 (medical-legal fee schedule, from April 1, 2021).',
    fixable: true,
  },
  check({ model }) {
    const { entries, totals } = analyseRecordPages(model);
    // The sum is known only when every entry states its pages (record-pages-missing says when not).
    if (!entries.length || entries.some((e) => e.pages === null)) return [];
    const sum = entries.reduce((total, e) => total + (e.pages ?? 0), 0);
    return totals.filter((t) => t.value !== sum).map((t): Finding => ({
      ruleId: 'record-pages-total-mismatch',
      span: t.span,
      message: `The stated total of ${t.value} pages differs from the ${sum} pages that the ${entries.length} records entries add up to (${LAW}).`,
      fix: { title: `Change the total to ${sum}`, edits: [{ span: t.span, newText: String(sum) }], safe: false },
    }));
  },
};
