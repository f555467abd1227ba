import { analyseRecords } from '../analysis/records.js';
import { addEntryFix, capitalise, referenceText } from './record-fixes.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';

export const recordUnlisted: Rule = {
  meta: {
    id: 'record-unlisted',
    severity: 'warning',
    description: 'The body refers to a record that has no entry in the Records Reviewed section.',
    rationale: `The records list must name everything received or relied on. A record cited in the history or the opinions but missing from the list invites the question whether the examiner saw it at all, and an opinion from an examiner who did not review key records can be set aside (Bufearon, 167 AD3d 1391). ${NOT_LEGAL_ADVICE}`,
    source: '8 CCR §10682(b); 12 NYCRR 300.2; 28 TAC §127.220; FRCP 26(a)(2)(B)(ii).',
    fixable: true,
  },
  check({ model }) {
    const analysis = analyseRecords(model);
    const heading = analysis.sections[0]?.heading.text ?? 'Records Reviewed';
    return analysis.unlisted.map((unlisted): Finding => {
      const { reference, dates, later } = unlisted;
      const partial = dates.length > 0 && dates.length < reference.dates.length;
      const what = partial
        ? `${capitalise(reference.phrase)} of ${dates.map((d) => model.source.slice(d.span.start, d.span.end)).join(', ')}`
        : capitalise(referenceText(reference));
      return {
        ruleId: 'record-unlisted',
        span: reference.span,
        message: `${what} is cited here but has no entry under "${heading}".`,
        // Placed in the list only when asked for: a long report cites dozens of unlisted records at every keystroke.
        lazyFix: () => addEntryFix(model, unlisted),
        ...(later.length ? { related: later.map((r) => ({ span: r.span, message: 'The same record is cited again here.' })) } : {}),
      };
    });
  },
};
