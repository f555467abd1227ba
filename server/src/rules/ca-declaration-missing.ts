import { findDates } from '../analysis/dates.js';
import { findNames, parseName } from '../analysis/names.js';
import { restOfSection } from '../analysis/statements.js';
import type { ReportModel, Sentence } from '../engine/model.js';
import type { Profile } from '../engine/profiles.js';
import { toPlaceholders } from '../engine/templates.js';
import { blockInsertion, insertSectionEdit, titleSpan } from './skeletons.js';
import { NOT_LEGAL_ADVICE, type Finding, type Fix, type Rule } from './types.js';

const LAW = 'Labor Code §4628(j)';
const PERJURY = /\bpenalty\s+of\s+perjury\b/i;
const TRUE_AND_CORRECT = /\btrue\s+and\s+(?:correct|accurate)\b|\btrue\s+to\s+the\s+best\b/i;
const ABOUT_REPORT = /\b(?:report|information|contents|foregoing)\b/i;
// The page-count verification is a declaration of its own (record-pages-verification-missing).
const ABOUT_PAGES_ONLY = /\bpages?\b/i;
const FROM_OTHERS = /\bfrom\s+others\b|\bprovided\s+to\s+me\b|\bby\s+others\b/i;
const COUNTY = /\bcounty\b/i;
const SIGNED = /\/s\/|\bsignature\b|\belectronically\s+signed\b|!\[/i;
const SIGNER_ROLE = /\b(?:Qualified|Agreed)\s+Medical\s+Evaluator\b|\bDiplomate\b|\bQME\b|\bAME\b/;

/** The §4628(j) declaration: the sentence that declares the report true and correct under penalty of perjury. */
function findPerjuryDeclaration(model: ReportModel): Sentence | undefined {
  for (const block of model.blocks) {
    if (block.type === 'heading') continue;
    const found = block.sentences.find((s) => PERJURY.test(s.text) && TRUE_AND_CORRECT.test(s.text) && ABOUT_REPORT.test(s.text)
      && !(ABOUT_PAGES_ONLY.test(s.text) && !/\breport\b/i.test(s.text)));
    if (found) return found;
  }
  return undefined;
}

/** A signature block: the examiner's name (with credentials, or as the front matter gives it), a signature line or image, or the signer's role. */
function hasSignature(model: ReportModel, raw: string, text: string): boolean {
  if (SIGNED.test(raw) || SIGNER_ROLE.test(text) || findNames(text).length) return true;
  const examiner = model.frontMatter?.data.examiner;
  const surname = typeof examiner === 'string' ? parseName(examiner)?.surname : undefined;
  return !!surname && text.includes(surname);
}

/** Inserts the profile's §4628(j) statements: into the attestation section, or as a new one. */
function insertDeclaration(model: ReportModel, profile: Profile): Fix | undefined {
  const elements = profile.declaration.filter((e) => e.law === LAW);
  if (!elements.length) return undefined;
  const snippet = elements.map((e) => e.snippet).join('\n\n');
  const attestation = model.sections.find((s) => s.kinds.includes('attestation'));
  const title = `Insert the ${LAW} declaration`;
  if (attestation) {
    const at = { start: attestation.span.end, end: attestation.span.end };
    return {
      title,
      edits: [{ span: at, newText: blockInsertion(model.source, at.start, toPlaceholders(snippet)) }],
      snippet: { span: at, newText: blockInsertion(model.source, at.start, snippet) },
      safe: false, // a sworn statement is the examiner's to make
    };
  }
  return {
    title,
    edits: [insertSectionEdit(model, profile, 'attestation', toPlaceholders(snippet))],
    snippet: insertSectionEdit(model, profile, 'attestation', snippet),
    safe: false,
  };
}

export const caDeclarationMissing: Rule = {
  meta: {
    id: 'ca-declaration-missing',
    severity: 'warning',
    description: 'California: the Labor Code §4628(j) declaration under penalty of perjury is missing, or lacks the information-from-others clause, the date, the county of signing or the signature.',
    rationale: `Labor Code §4628(j) requires every medical-legal report to carry a declaration under penalty of perjury that its contents are true and correct to the best of the signer's knowledge and belief (information received from others being described accurately), dated, signed, and stating the county where it was signed; 8 CCR §10682(c) makes §4628 part of every report. A report without it can be objected to and its fee denied. ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §4628(j); 8 CCR §10682(c).',
    fixable: true,
  },
  check({ model, profile }) {
    const declaration = findPerjuryDeclaration(model);
    if (!declaration) {
      const fix = insertDeclaration(model, profile);
      return [{
        ruleId: 'ca-declaration-missing',
        span: titleSpan(model),
        message: `The report has no declaration under penalty of perjury that its contents are true and correct to the best of the examiner's knowledge and belief, dated, signed and stating the county of signing (${LAW}).`,
        ...(fix ? { fix } : {}),
      }];
    }
    const context = restOfSection(model, declaration);
    const missing: string[] = [];
    if (!FROM_OTHERS.test(declaration.text) && !FROM_OTHERS.test(context.text)) missing.push('does not cover information received from others (that it accurately describes what was provided)');
    if (!findDates(context.text).length) missing.push('is not dated');
    if (!COUNTY.test(context.text)) missing.push('does not state the county where it was signed');
    if (!hasSignature(model, context.raw, context.text)) missing.push('is not followed by the examiner\'s signature');
    return missing.map((what): Finding => ({
      ruleId: 'ca-declaration-missing',
      span: declaration.span,
      message: `The penalty-of-perjury declaration ${what} (${LAW}).`,
    }));
  },
};
