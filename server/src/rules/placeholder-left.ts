import { placeholderPattern } from '../engine/templates.js';
import type { Finding, Rule } from './types.js';

const PLACEHOLDER = placeholderPattern('g');

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
      PLACEHOLDER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PLACEHOLDER.exec(block.text))) {
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
