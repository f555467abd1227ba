import type { ReportModel, Sentence } from '../engine/model.js';
import { inKind } from '../engine/model.js';

export interface CausationConclusion {
  sentence: Sentence;
  /** Whether the sentence asserts (true) or denies (false) the causal link. */
  positive: boolean;
}

export interface CausationAnalysis {
  conclusions: CausationConclusion[];
}

const CAUSAL = /\b(caused\s+by|cause\s+of|causally\s+(?:related|connected|linked)|causal(?:ly)?\s+(?:relationship|connection|link|nexus)|related\s+to|result(?:ed)?\s+(?:of|from)|as\s+a\s+result\s+of|due\s+to|secondary\s+to|attributable\s+to|arose\s+out\s+of|aris(?:es|ing)\s+out\s+of|AOE\/?COE|(?:non-?)?industrial(?:ly)?(?:\s+related|\s+caused)?|work-?related|work\s+related|aggravat(?:ed|ion)|accelerat(?:ed|ion)|l(?:it|ighting)\s+up|substantial\s+(?:contributing\s+)?(?:factor|cause)|contributing\s+(?:factor|cause))\b/i;
const QUESTION = /\?\s*$|^\s*(?:\d+[.)]\s*)?(?:is|are|was|were|did|does|do|has|have|whether)\b|\b(?:asked|asks|ask|question(?:s|ed)?)\s+(?:me\s+)?(?:whether|if|about)\b/i;
const NEGATIVE = /\b(?:not|no|non-?industrial|never|cannot|unrelated)\b/i;

/** Finds the sentences that state a causation conclusion (RULES.md "Causation quality"). */
export function analyseCausation(model: ReportModel): CausationAnalysis {
  const cached = model.cache.get('causation') as CausationAnalysis | undefined;
  if (cached) return cached;
  const conclusions: CausationConclusion[] = [];
  for (const block of model.blocks) {
    if (block.type === 'heading' || inKind(block, 'records') || inKind(block, 'referral')) continue;
    for (const sentence of block.sentences) {
      if (!CAUSAL.test(sentence.text) || QUESTION.test(sentence.text)) continue;
      conclusions.push({ sentence, positive: !NEGATIVE.test(sentence.text) });
    }
  }
  const analysis = { conclusions };
  model.cache.set('causation', analysis);
  return analysis;
}
