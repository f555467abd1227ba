import type { CausationConclusion } from '../analysis/causation.js';
import type { ReportModel } from '../engine/model.js';
import { SECTION_SNIPPETS, toPlaceholders } from '../engine/templates.js';
import { lineBreakOf } from '../engine/text.js';
import { blockInsertion } from './skeletons.js';
import type { Fix } from './types.js';

/** The Causation skeleton's reasoning parts (mechanism, timing, other causes, records), without its conclusion line. */
const REASONING_SNIPPET = SECTION_SNIPPETS.causation.split('\n\n').filter((part) => !part.startsWith('**Conclusion:**')).join('\n\n');

/** Inserts the reasoning skeleton after the conclusion's paragraph (after its whole list when it is a list item). */
export function reasoningSkeletonFix(model: ReportModel, conclusion: CausationConclusion): Fix {
  const block = conclusion.sentence.block;
  const at = block.list ? (block.list.list.position?.end.offset ?? block.span.end) : block.span.end;
  const nl = lineBreakOf(model.source);
  const edit = (body: string) => ({ span: { start: at, end: at }, newText: blockInsertion(model.source, at, body.replace(/\n/g, nl)) });
  return {
    title: 'Insert a reasoning skeleton (mechanism, timing, other causes, records relied on)',
    edits: [edit(toPlaceholders(REASONING_SNIPPET))],
    safe: false,
    snippet: edit(REASONING_SNIPPET),
  };
}

/**
 * Puts the profile's standard phrase right after the conclusion, as a placeholder the examiner
 * must confirm: "... caused by the lift. [[I hold this opinion within a reasonable degree of
 * medical probability.]]". It goes at the end of the conclusion's line, so no line of the
 * report is changed, only added to.
 */
export function standardPhraseFix(model: ReportModel, conclusion: CausationConclusion, phrase: string): Fix {
  const at = model.lines.lineEnd(model.lines.positionAt(conclusion.sentence.span.end).line);
  const sentence = `I hold this opinion ${phrase}.`;
  const edit = (inserted: string) => ({ span: { start: at, end: at }, newText: ` ${inserted}` });
  return {
    title: `Add "${phrase}" to the conclusion (confirm it states your opinion)`,
    edits: [edit(`[[${sentence}]]`)],
    safe: false,
    snippet: edit(`\${1:${sentence}}`),
  };
}
