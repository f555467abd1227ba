import { type DirectiveKind, SUPPRESSIONS_KEY, type SuppressionsInUse } from '../engine/suppress.js';
import type { Finding, Rule } from './types.js';

const WHERE: Record<DirectiveKind, string> = {
  'disable-next-line': 'on the next line',
  'disable-line': 'on this line',
  'disable-file': 'in the report',
  disable: 'in the part it disables',
};

export const unusedDisable: Rule = {
  meta: {
    id: 'unused-disable',
    severity: 'information',
    description: 'An `ime-lint-disable` comment suppresses nothing: the finding it silenced is gone, or the rule id is misspelt.',
    rationale: 'A disable comment that no longer silences anything hides the next real finding at that place, and a misspelt rule id silences nothing at all. Remove it, or correct the rule id.',
    source: 'ime-lint inline control (README, Configuration).',
    // No removal fix: fixes only ever add text, so no fix can take away a line the author wrote.
    fixable: false,
  },
  runsLast: true,
  check({ model }) {
    const state = model.cache.get(SUPPRESSIONS_KEY) as SuppressionsInUse | undefined;
    if (!state) return [];
    const findings: Finding[] = [];
    for (const directive of state.suppressions.directives) {
      // A comment that silences unused-disable itself is judged after this rule's findings exist.
      const named = directive.rules.filter((id) => id !== unusedDisable.meta.id);
      if (directive.rules.length && !named.length) continue;
      const unused = directive.rules.length ? named.filter((id) => !directive.used.has(id)) : directive.used.size ? [] : ['*'];
      if (!unused.length) continue;
      const where = WHERE[directive.kind];
      const reasons = unused.map((id) => {
        if (id === '*') return `no finding ${where}`;
        return state.ruleIds.has(id) ? `no ${id} finding ${where}` : `"${id}" is not an ime-lint rule`;
      });
      const wholeComment = unused.length === (directive.rules.length || 1);
      const comment = `\`ime-lint-${directive.kind}\` comment`;
      findings.push({
        ruleId: unusedDisable.meta.id,
        span: directive.comment.span,
        message: wholeComment
          ? `This ${comment} suppresses nothing: ${reasons.join('; ')}. Remove it.`
          : `Part of this ${comment} suppresses nothing: ${reasons.join('; ')}.`,
      });
    }
    return findings;
  },
};
