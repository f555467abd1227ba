import { analyseRecords } from '../analysis/records.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

export const recordEntryUndated: Rule = {
  meta: {
    id: 'record-entry-undated',
    severity: 'information',
    description: 'A Records Reviewed entry without a date or date range.',
    rationale: `Each record is identified by its date, author and length; an undated entry cannot be matched to the record it stands for, nor checked against the dates the report relies on. ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §10682(b); 12 NYCRR 300.2; AMA Guides Newsletter, IME report standards (2005).',
    fixable: false,
  },
  check({ model }) {
    return analyseRecords(model).entries
      .filter((e) => !e.dates.length && e.container.kind !== 'paragraph')
      .map((e) => ({
        ruleId: 'record-entry-undated',
        span: e.span,
        message: 'This records entry gives no date: add the date or date range of the record.',
      }));
  },
};
