import { findReasonConnector } from '../analysis/evidence.js';
import { type ImpairmentRating, findImpairmentRatings } from '../analysis/impairment.js';
import type { Block } from '../engine/model.js';
import { apportionmentBlocks } from './apportionment-missing.js';
import { NOT_LEGAL_ADVICE, type Finding, type Rule } from './types.js';

const PERCENTAGE = /\b\d{1,3}(?:\.\d+)?\s*(?:%|percent\b)|\b(?:one\s+hundred|fifty|half)\s+percent\b/i;
/** "no basis for apportionment", "cannot be apportioned", "not apportionable": a decision not to apportion, which needs its reasons too. */
const NO_APPORTIONMENT = /\bno\s+(?:basis\s+for\s+|legal\s+basis\s+for\s+)?apportionment\b|\b(?:not|cannot|can\s*not|unable\s+to)\s+(?:be\s+)?apportion\w*|\bentirely\s+(?:industrial|to\s+the)\b|\bsolely\b/i;

/** Reasons an apportionment gives beyond the usual connectors: "How and why:", "that pattern shows that", "risk factors". */
const APPORTIONMENT_REASON = /\bhow\s+and\s+why\b|\b(?:shows?|showed|establish(?:es|ed)?|supports?|means?)\s+that\b|\brisk\s+factors?\b|\breasons?\b/i;

/** A block's text with the ratings it mentions blanked: "the 3% whole person impairment" being apportioned is not an apportionment percentage. */
function withoutRatings(block: Block, ratings: ImpairmentRating[]): string {
  const chars = block.text.split(''); // UTF-16 units, as offsets count them
  for (const r of ratings) {
    if (r.sentence.block !== block) continue;
    for (let i = r.span.start; i < r.span.end; i++) chars[i - block.span.start] = ' ';
  }
  return chars.join('');
}

export const apportionmentIncomplete: Rule = {
  meta: {
    id: 'apportionment-incomplete',
    severity: 'warning',
    description: 'California: apportionment of rated permanent disability gives no percentages (nor the reasons it cannot), or gives percentages without how and why.',
    rationale: `Under Labor Code §4663 the physician must state the approximate percentage of permanent disability caused by the industrial injury and by other factors, or the specific reasons apportionment cannot be determined; an apportionment opinion must explain how and why the causes contribute, or it is not substantial evidence (Escobedo v. Marshalls (2005) 70 CCC 604). ${NOT_LEGAL_ADVICE}`,
    source: 'Labor Code §4663; Escobedo v. Marshalls (2005) 70 CCC 604.',
    fixable: false,
  },
  check({ model }) {
    const ratings = findImpairmentRatings(model);
    if (!ratings.some((r) => r.percent > 0)) return [];
    const blocks = apportionmentBlocks(model);
    if (!blocks.length) return []; // apportionment-missing
    const text = blocks.map((b) => withoutRatings(b, ratings)).join('\n');
    const section = blocks.find((b) => b.section?.kinds.includes('apportionment'))?.section;
    const span = section ? section.heading.span : blocks[0].sentences[0]?.span ?? blocks[0].span;
    const findings: Finding[] = [];
    const apportions = PERCENTAGE.test(text);
    if (!apportions && !NO_APPORTIONMENT.test(text)) {
      findings.push({
        ruleId: 'apportionment-incomplete',
        span,
        message: 'Apportionment gives no percentages: state the approximate percentage of the permanent disability caused by the injury and by other factors, or the specific reasons it cannot be apportioned (Labor Code §4663).',
      });
    } else if (!findReasonConnector(text) && !APPORTIONMENT_REASON.test(text)) {
      findings.push({
        ruleId: 'apportionment-incomplete',
        span,
        message: `Apportionment ${apportions ? 'gives percentages' : 'is declined'} without explaining how and why (Labor Code §4663; Escobedo v. Marshalls (2005) 70 CCC 604).`,
      });
    }
    return findings;
  },
};
