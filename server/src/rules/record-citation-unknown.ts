import { analyseRecords } from '../analysis/records.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

export const recordCitationUnknown: Rule = {
  meta: {
    id: 'record-citation-unknown',
    severity: 'error',
    description: 'A record citation key (such as [R12]) that no entry of the Records Reviewed list carries.',
    rationale: `A citation that points nowhere cannot be checked: the reader cannot tell which record supports the statement, or whether it was reviewed at all. ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §10682(b); 12 NYCRR 300.2; FRCP 26(a)(2)(B)(ii).',
    fixable: false,
  },
  check({ model }) {
    const analysis = analyseRecords(model);
    const heading = analysis.sections[0]?.heading.text ?? 'Records Reviewed';
    return analysis.unknownKeys.map(({ span, label }) => ({
      ruleId: 'record-citation-unknown',
      span,
      message: `No entry under "${heading}" carries the key ${label}.`,
    }));
  },
};
