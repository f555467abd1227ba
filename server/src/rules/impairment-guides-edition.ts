import { findImpairmentRatings } from '../analysis/impairment.js';
import { statementSentences } from '../analysis/statements.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';

/** A sentence about rating impairment (not, say, the AMA Guides to causation). */
const ABOUT_RATING = /\b(?:rat(?:e|ed|es|ing)|impairment|schedule\s+loss|SLU|loss\s+of\s+use|whole[- ]person)\b|%/i;
const OTHER_BOOK = /\bcausation\b/i;
const NEGATED = /\b(?:not|rather\s+than|instead\s+of|unlike|nor|never)\b/i;

export const impairmentGuidesEdition: Rule = {
  meta: {
    id: 'impairment-guides-edition',
    severity: 'warning',
    description: 'An impairment rating does not name the guides the jurisdiction rates by, or uses guides it does not accept (California: AMA Guides, 5th edition; New York: the Board\'s Guidelines, not the AMA Guides).',
    rationale: `Impairment must be rated under the guides the jurisdiction prescribes. California rates permanent impairment under the AMA Guides, 5th edition (Labor Code §4660(b)(1); 8 CCR §1; Almaraz/Guzman (2009) allows rebuttal only within the Guides). New York rates under its own Guidelines for Determining Impairment (2012; schedule loss of use, 2018), not the AMA Guides. A rating under the wrong guides, or one that does not say which, cannot be relied on. ${NOT_LEGAL_ADVICE}`,
    source: 'California: Labor Code §4660(b)(1); 8 CCR §1. New York: Guidelines for Determining Impairment (2012; schedule loss of use, 2018).',
    fixable: false,
  },
  check({ model, profile }) {
    const guide = profile.impairmentGuide;
    if (!guide) return [];
    const statements = statementSentences(model);
    if (statements.some((s) => guide.accepted.test(s.text))) return [];
    const findings: Finding[] = [];
    for (const rejected of guide.rejected) {
      for (const sentence of statements) {
        const m = rejected.pattern.exec(sentence.text);
        if (!m || !ABOUT_RATING.test(sentence.text) || OTHER_BOOK.test(sentence.text) || NEGATED.test(sentence.text.slice(0, m.index))) continue;
        const start = sentence.span.start + m.index;
        findings.push({
          ruleId: 'impairment-guides-edition',
          span: { start, end: start + m[0].length },
          message: `Impairment is rated under ${rejected.name}; the ${profile.name} profile rates impairment under ${guide.name} (${guide.law}).`,
        });
      }
    }
    const rating = findImpairmentRatings(model)[0];
    if (guide.mustName && rating && !findings.length) {
      findings.push({
        ruleId: 'impairment-guides-edition',
        span: rating.span,
        message: `Impairment is rated without naming ${guide.name}, under which the ${profile.name} profile rates it (${guide.law}).`,
      });
    }
    return findings;
  },
};
