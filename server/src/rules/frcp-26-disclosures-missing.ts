import { statementSentences } from '../analysis/statements.js';
import { titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

/** The examiner says they were retained or will testify: Rule 26(a)(2)(B) then applies to the report. */
const TESTIFYING = /\bI\s+(?:was|am|have\s+been)\s+(?:\w+\s+)?retained\b|\bretained\s+me\b|\bI\s+(?:will|may|expect\s+to|anticipate)\s+(?:\w+\s+)?testify\b|\bexpert\s+(?:witness|report)\b|\b26\(a\)\(2\)/i;

interface Disclosure {
  pattern: RegExp;
  missing: string;
}

const DISCLOSURES: Disclosure[] = [
  {
    pattern: /\bqualifications?\b|\bcurriculum\s+vitae\b|\b(?:my|the|attached)\s+CV\b|\bboard[- ]certified\b|\bboard\s+certification\b|\bdiplomate\b|\blicensed\b/i,
    missing: "the examiner's qualifications (FRCP 26(a)(2)(B)(iv))",
  },
  {
    pattern: /\bpublications?\b|\bpublished\b|\bauthored\b/i,
    missing: 'a list of the publications the examiner authored in the previous 10 years, or that there are none (FRCP 26(a)(2)(B)(iv))',
  },
  {
    pattern: /\bI\s+(?:have\s+)?(?:\w+\s+)?testified\b|\bin\s+which\s+I\s+(?:have\s+)?testified\b|\b(?:my|prior|previous)\s+(?:expert\s+)?testimony\b|\btestimony\s+list\b/i,
    missing: 'the cases in which the examiner testified as an expert at trial or by deposition in the previous 4 years (FRCP 26(a)(2)(B)(v))',
  },
  {
    pattern: /\bcompensat(?:ion|ed)\b(?<!workers['’]?\s+compensation)|\bper\s+hour\b|\bhourly\b|\bfees?\b|\$\s?\d/i,
    missing: "the examiner's compensation for the study and testimony (FRCP 26(a)(2)(B)(vi))",
  },
];

export const frcp26DisclosuresMissing: Rule = {
  meta: {
    id: 'frcp-26-disclosures-missing',
    severity: 'warning',
    description: 'Federal: the report of a retained, testifying examiner lacks an FRCP 26(a)(2)(B) disclosure (qualifications, publications of 10 years, testimony of 4 years, compensation).',
    rationale: `An examiner retained to testify in a federal case must serve a written report that, besides every opinion with its basis and the facts or data considered, states the witness's qualifications with publications of the previous 10 years, the cases of expert testimony in the previous 4 years, and the compensation paid (FRCP 26(a)(2)(B)(iv)–(vi)). A report without them can be excluded under FRCP 37(c)(1). ${NOT_LEGAL_ADVICE}`,
    source: 'FRCP 26(a)(2)(B)(iv)–(vi); FRCP 37(c)(1).',
    fixable: false,
  },
  check({ model }) {
    const statements = statementSentences(model);
    if (!statements.some((s) => TESTIFYING.test(s.text))) return [];
    return DISCLOSURES.filter((d) => !statements.some((s) => d.pattern.test(s.text))).map((d) => ({
      ruleId: 'frcp-26-disclosures-missing',
      span: titleSpan(model),
      message: `The report of a retained examiner does not state ${d.missing}.`,
    }));
  },
};
