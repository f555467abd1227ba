import { findDates } from '../analysis/dates.js';
import { type ReportModel, inKind } from '../engine/model.js';
import { titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Rule } from './types.js';

const EXAM_DATE = /\bdate\s+of\s+(?:the\s+)?(?:examination|evaluation|exam|interview|visit)\b|\b(?:examination|evaluation|exam|interview)\s+date\b|\bdate\s+seen\b|\b(?:I|we)\s+(?:\w+\s+){0,2}(?:examined|evaluated|interviewed|saw)\b|\b(?:examination|evaluation|interview)\s+(?:took\s+place|was\s+(?:performed|conducted|completed|done|held))\b|\b(?:examined|evaluated|interviewed)\s+on\b/i;
const STREET = String.raw`(?:Street|St|Avenue|Ave|Boulevard|Blvd|Road|Rd|Drive|Dr|Way|Lane|Ln|Place|Pl|Court|Ct|Parkway|Pkwy|Highway|Hwy|Circle|Plaza|Square|Terrace|Concourse|Suite|Ste)`;
const ADDRESS = new RegExp(String.raw`\b\d{1,6}(?:-\d+)?\s+(?:[A-Z0-9][\w'’.-]*\s+){1,5}${STREET}\b`);
const PLACE_LABEL = /\b(?:place|location|site|address)\s+of\s+(?:the\s+)?(?:examination|evaluation|exam)\s*:\s*\S/i;
const PERFORMED_BY = /\bpersonally\b|\bperformed\s+(?:the|this|my)\s+(?:examination|evaluation)\b|\bno\s+one\s+else\b|\bno\s+other\s+(?:person|individual)s?\b|\bperform\w*\s+(?:any\s+)?services\b|\bservices\s+(?:in\s+connection|were\s+performed|performed)\b/i;
const GUIDELINES = /\bguidelines?\b/i;
const TIME = /\btime\b|\bface[- ]to[- ]face\b|\bminutes\b|\bhours?\b|\bspent\b|\bvariance\b/i;
const TIME_REGULATION = /\b8\s+CCR\s+§*\s*49(?:\.\d+)?\b/i;

/** Prose of the report's own account: not the records list, not the questions posed. */
function ownTexts(model: ReportModel): string[] {
  return model.blocks
    .filter((b) => b.type !== 'heading' && !inKind(b, 'records') && !inKind(b, 'referral'))
    .flatMap((b) => (b.type === 'tableRow' ? [b.text.replace(/\s+/g, ' ')] : b.sentences.map((s) => s.text)));
}

interface Disclosure {
  present(texts: string[]): boolean;
  missing: string;
}

const DISCLOSURES: Disclosure[] = [
  {
    present: (texts) => texts.some((t) => EXAM_DATE.test(t) && findDates(t).length > 0),
    missing: 'the date of the evaluation (Labor Code §4628(b); 8 CCR §35.5(b))',
  },
  {
    present: (texts) => texts.some((t) => ADDRESS.test(t) || PLACE_LABEL.test(t)),
    missing: 'the street address where the evaluation was performed (Labor Code §4628(b); 8 CCR §35.5(b))',
  },
  {
    present: (texts) => texts.some((t) => PERFORMED_BY.test(t)),
    missing: 'that the signer performed the evaluation, and the name and qualifications of everyone else who performed services for it (Labor Code §4628(b))',
  },
  {
    present: (texts) => texts.some((t) => (GUIDELINES.test(t) && TIME.test(t)) || TIME_REGULATION.test(t)),
    missing: 'whether the evaluation and the time spent on it complied with the Administrative Director\'s guidelines, with any variance explained (Labor Code §4628(b))',
  },
];

export const ca4628DisclosuresMissing: Rule = {
  meta: {
    id: 'ca-4628-disclosures-missing',
    severity: 'warning',
    description: 'California: a Labor Code §4628(b) disclosure is missing (date and place of the evaluation, who performed it and any services, compliance with the time guidelines).',
    rationale: `Labor Code §4628(b) requires a medical-legal report to disclose the date and location of the evaluation, that the signer actually performed it, whether it and the time spent complied with the Administrative Director's guidelines (explaining any variance), and the name and qualifications of each person who performed services for it. 8 CCR §10682(c) makes §4628 part of every report; a report that fails it may be inadmissible and unpaid (§4628(e)). ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §4628(b); 8 CCR §§10682(c), 35.5(b).',
    fixable: false,
  },
  check({ model }) {
    const texts = ownTexts(model);
    return DISCLOSURES.filter((d) => !d.present(texts)).map((d) => ({
      ruleId: 'ca-4628-disclosures-missing',
      span: titleSpan(model),
      message: `The report does not disclose ${d.missing}.`,
    }));
  },
};
