import type { Block } from '../engine/model.js';
import { placeholderPattern } from '../engine/templates.js';
import { allMatches } from '../engine/text.js';
import type { Finding, Rule } from './types.js';

const PLACEHOLDER = placeholderPattern('g');

/**
 * Each block's placeholders, at offsets in its text, kept with the block: later lints share the
 * blocks of unchanged chunks, and reading every block's text again was a pass over the report.
 */
const placeholdersOf = new WeakMap<Block, readonly RegExpExecArray[]>();

/** The shared answer for the blocks that hold none, which are most. */
const NONE: readonly RegExpExecArray[] = Object.freeze([]);

function placeholdersIn(block: Block): readonly RegExpExecArray[] {
  let found = placeholdersOf.get(block);
  if (!found) {
    const matches = allMatches(PLACEHOLDER, block.text);
    placeholdersOf.set(block, (found = matches.length ? matches : NONE));
  }
  return found;
}

export const placeholderLeft: Rule = {
  meta: {
    id: 'placeholder-left',
    severity: 'warning',
    description: 'A snippet placeholder or drafting mark (TODO, TBD, [[...]], XX/XX/XXXX, ___) is left in the report.',
    rationale: 'A served report with "TBD" or an unfilled date reads as unfinished work; opposing counsel will ask what else was not done. Fill or remove every placeholder before signing.',
    source: 'Drafting practice; 8 CCR §10682(b) and FRCP 26(a)(2)(B) require the complete opinions and their basis.',
    fixable: false,
  },
  check({ model }) {
    const findings: Finding[] = [];
    // Code spans and HTML comments are already blanked in block text, so examples in code are not flagged.
    for (const block of model.blocks) {
      const found = placeholdersIn(block);
      for (let i = 0; i < found.length; i++) {
        const m = found[i];
        const start = block.span.start + m.index;
        findings.push({
          ruleId: 'placeholder-left',
          span: { start, end: start + m[0].length },
          message: `Placeholder "${m[0].length > 40 ? `${m[0].slice(0, 37)}...` : m[0]}" is still in the report: fill it in or remove it.`,
        });
      }
    }
    return findings;
  },
};
