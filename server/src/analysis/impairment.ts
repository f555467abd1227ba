import { findNames } from './names.js';
import { type ReportModel, type Sentence, inKind } from '../engine/model.js';
import type { Span } from '../engine/text.js';

/** A permanent impairment or disability rating the examiner gives ("3% whole person impairment"). */
export interface ImpairmentRating {
  sentence: Sentence;
  percent: number;
  /** The rating as written. */
  span: Span;
}

const PERCENT = String.raw`(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)`;
const RATED_THING = String.raw`(?:(?:right|left|bilateral)\s+)?(?:whole[- ]person(?:\s+impairment)?|WPI\b|(?:upper|lower)[- ]extremity(?:\s+impairment)?|(?:permanent\s+)?(?:partial\s+)?(?:impairment|disability)\b|(?:of\s+the\s+)?whole\s+person|schedule(?:d)?\s+loss(?:\s+of\s+use)?|SLU\b)`;
/** "3% whole person impairment", "5 percent right upper extremity impairment", "20% SLU" */
const PERCENT_FIRST = new RegExp(String.raw`\b${PERCENT}\s*(?:\(\s*\w+\s*\)\s*)?${RATED_THING}`, 'gi');
/** "whole person impairment of 3%", "WPI: 5%" */
const THING_FIRST = new RegExp(String.raw`\b(?:whole[- ]person\s+impairment|WPI|permanent\s+(?:partial\s+)?(?:impairment|disability)|impairment\s+rating|schedule(?:d)?\s+loss\s+of\s+use)\s*(?:of|is|was|:|=|at|equals)\s*${PERCENT}`, 'gi');
/**
 * Temporary ratings (New York's "50% temporary impairment"), prior awards, questions and
 * other physicians' ratings ("Dr. Lee rated 10% WPI") are not this report's permanent rating.
 */
const NOT_A_RATING = /\btemporar\w*|\bTTD\b|\bTPD\b|\b(?:prior|previous|earlier)\s+(?:award|rating|stipulat)|\bawarded\b|\b(?:PTP|treating|primary\s+treating)\b|\?\s*$/i;

/** The permanent impairment ratings the examiner states, in document order. */
export function findImpairmentRatings(model: ReportModel): ImpairmentRating[] {
  const cached = model.cache.get('impairment-ratings') as ImpairmentRating[] | undefined;
  if (cached) return cached;
  const ratings: ImpairmentRating[] = [];
  for (const block of model.blocks) {
    if (block.type === 'heading' || inKind(block, 'records') || inKind(block, 'referral') || inKind(block, 'past-history')) continue;
    for (const sentence of block.sentences) {
      if (NOT_A_RATING.test(sentence.text) || findNames(sentence.text).length) continue;
      for (const pattern of [PERCENT_FIRST, THING_FIRST]) {
        for (const m of sentence.text.matchAll(pattern)) {
          const start = sentence.span.start + m.index;
          ratings.push({ sentence, percent: Number(m[1]), span: { start, end: start + m[0].length } });
        }
      }
    }
  }
  ratings.sort((a, b) => a.span.start - b.span.start);
  model.cache.set('impairment-ratings', ratings);
  return ratings;
}
