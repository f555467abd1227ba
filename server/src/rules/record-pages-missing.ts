import { analyseRecordPages } from '../analysis/record-pages.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const LAW = '8 CCR §9795';

export const recordPagesMissing: Rule = {
  meta: {
    id: 'record-pages-missing',
    severity: 'warning',
    description: 'California: a Records Reviewed entry does not state its page count.',
    rationale: `The California medical-legal fee schedule pays record review by the page and requires the examiner to verify the total number of pages reviewed (8 CCR §9795); an entry without its page count makes that total impossible to check. ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §9795 (medical-legal fee schedule, from April 1, 2021).',
    fixable: false,
  },
  check({ model }) {
    const { sections, entries } = analyseRecordPages(model);
    const uncounted = entries.filter((e) => e.pages === null);
    if (!uncounted.length) return [];
    // When no entry counts its pages, one diagnostic on the section says so.
    if (uncounted.length === entries.length && entries.length > 1) {
      return [{
        ruleId: 'record-pages-missing',
        span: sections[0].heading.span,
        message: `No entry of the records list states its page count; give each record's number of pages so the verified total can be checked (${LAW}).`,
      }];
    }
    return uncounted.map((entry) => ({
      ruleId: 'record-pages-missing',
      span: entry.span,
      message: `This records entry does not state its page count (${LAW}).`,
    }));
  },
};
