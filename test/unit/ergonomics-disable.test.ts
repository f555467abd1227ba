import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { CodeActionParams, Diagnostic as LspDiagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { disableFix, renderingOf } from '../../server/src/engine/disable-comments.js';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { IncrementalLinter } from '../../server/src/engine/incremental.js';
import { fixAll, lint, type LintResult } from '../../server/src/engine/lint.js';
import { parseMarkdown } from '../../server/src/engine/parse.js';
import { codeActions } from '../../server/src/lsp/actions.js';
import { toLspDiagnostic, toTextEdits } from '../../server/src/lsp/convert.js';

/** A report whose History section holds `body`; the rest lints clean. */
const report = (body: string) => `# Independent Medical Examination

## History of Present Illness

${body}

## Records Reviewed

1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)

## Physical Examination

Straight-leg raise negative bilaterally.

## Diagnoses

1. Lumbar strain.

## Causation

The urgent care note of 03/13/2024 documents acute spasm. Within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident of 03/12/2024.
`;

const placeholders = (text: string) => lint(text).diagnostics.filter((d) => d.ruleId === 'placeholder-left');

/** Applies "Disable placeholder-left for this <scope>" to the report's only placeholder. */
function disable(text: string, scope: 'line' | 'report'): string {
  const result = lint(text);
  const [finding] = placeholders(text);
  const fix = disableFix(result.model, finding.ruleId, finding.span, scope);
  expect(fix?.title).toBe(`Disable placeholder-left for this ${scope}`);
  expect(fix?.safe).toBe(false);
  return applyFixes(text, [fix!]).text;
}

/** Types of the ancestors of each HTML node holding an ime-lint comment. */
function commentParents(markdown: string): string[][] {
  const found: string[][] = [];
  const walk = (node: Nodes, ancestors: string[]) => {
    if (node.type === 'html' && node.value.includes('ime-lint-')) found.push(ancestors);
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child, [...ancestors, node.type]);
  };
  walk(parseMarkdown(markdown), []);
  return found;
}

/** The comment silences the finding, creates no other finding and changes nothing rendered. */
function expectInvisibleSuppression(before: string, after: string): void {
  expect(placeholders(before)).toHaveLength(1);
  expect(lint(after).diagnostics).toEqual([]);
  expect(renderingOf(after)).toBe(renderingOf(before));
  // A line of its own between blocks, or inline at the end of a paragraph's line: never in a table or code.
  for (const ancestors of commentParents(after)) {
    expect(['root', 'paragraph']).toContain(ancestors.at(-1));
    expect(ancestors).not.toContain('table');
  }
}

describe('Disable <rule> for this line', () => {
  it('puts a next-line comment above the first line of a paragraph', () => {
    const text = report('TODO: ask about prior injuries.\nHe lifted a keg on 03/12/2024.');
    const after = disable(text, 'line');
    expect(after).toContain('## History of Present Illness\n\n<!-- ime-lint-disable-next-line placeholder-left -->\nTODO: ask about prior injuries.\n');
    expectInvisibleSuppression(text, after);
    expect(commentParents(after)).toEqual([['root']]);
  });

  it('appends a disable-line comment to a later line of a paragraph instead of splitting it', () => {
    const text = report('He lifted a keg on 03/12/2024.\nHe felt a pull (TODO: which side).\nHe stopped work.');
    const after = disable(text, 'line');
    expect(after).toContain('He felt a pull (TODO: which side). <!-- ime-lint-disable-line placeholder-left -->\nHe stopped work.');
    expectInvisibleSuppression(text, after);
    expect(commentParents(after)).toEqual([['root', 'paragraph']]);
  });

  it('appends to a lazy continuation line of a list item, keeping the list whole', () => {
    const text = report('- He lifted a keg.\nThen TODO describe the pull.\n- He stopped work.');
    const after = disable(text, 'line');
    expect(after).toContain('Then TODO describe the pull. <!-- ime-lint-disable-line placeholder-left -->\n- He stopped work.');
    expectInvisibleSuppression(text, after);
    expect(commentParents(after)).toEqual([['root', 'list', 'listItem', 'paragraph']]);
  });

  it('wraps a table in a disable/enable pair for a finding in a body row', () => {
    const table = '| Date | Event |\n|---|---|\n| 03/12/2024 | TODO |\n| 03/13/2024 | Urgent care |';
    const text = report(table);
    const after = disable(text, 'line');
    expect(after).toContain(`<!-- ime-lint-disable placeholder-left -->\n${table}\n<!-- ime-lint-enable placeholder-left -->\n`);
    expectInvisibleSuppression(text, after);
    expect(commentParents(after)).toEqual([['root'], ['root']]);
  });

  it('puts a next-line comment above a table whose header row holds the finding', () => {
    const text = report('| Date | TODO |\n|---|---|\n| 03/12/2024 | Lift |');
    const after = disable(text, 'line');
    expect(after).toContain('<!-- ime-lint-disable-next-line placeholder-left -->\n| Date | TODO |');
    expectInvisibleSuppression(text, after);
  });

  it('never appends where it would end a hard line break or enter a code span', () => {
    for (const body of ['He lifted a keg.\nHe felt TODO a pull  \non the left.', 'He lifted a keg.\nTODO check `the\nrecord` again.']) {
      const text = report(body);
      const after = disable(text, 'line');
      expect(after).toContain(`<!-- ime-lint-disable placeholder-left -->\n${body}\n<!-- ime-lint-enable placeholder-left -->`);
      expectInvisibleSuppression(text, after);
    }
  });

  it('adds the rule to a next-line comment already above the line', () => {
    const text = report('<!-- ime-lint-disable-next-line causation-speculative -->\nTODO: ask about prior injuries.');
    const after = disable(text, 'line');
    expect(after).toContain('<!-- ime-lint-disable-next-line causation-speculative placeholder-left -->\nTODO');
    expect(placeholders(after)).toEqual([]);
  });

  it('keeps the document line breaks (CRLF)', () => {
    const text = report('TODO: ask about prior injuries.').replace(/\n/g, '\r\n');
    const after = disable(text, 'line');
    expect(after).toContain('\r\n<!-- ime-lint-disable-next-line placeholder-left -->\r\nTODO');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('Disable <rule> for this report', () => {
  it('puts a disable-file comment right after the title', () => {
    const text = report('He felt a pull.\nTODO: which side.');
    const after = disable(text, 'report');
    expect(after.startsWith('# Independent Medical Examination\n<!-- ime-lint-disable-file placeholder-left -->\n\n## History')).toBe(true);
    expectInvisibleSuppression(text, after);
  });

  it('puts it after the front matter when the report has no title heading', () => {
    const text = '---\nreport: IME\n---\nHe felt a pull. TODO: which side.\n';
    const result = lint(text);
    const finding = result.diagnostics.find((d) => d.ruleId === 'placeholder-left')!;
    const after = applyFixes(text, [disableFix(result.model, finding.ruleId, finding.span, 'report')!]).text;
    expect(after).toBe('---\nreport: IME\n---\n<!-- ime-lint-disable-file placeholder-left -->\nHe felt a pull. TODO: which side.\n');
    expect(lint(after).diagnostics.filter((d) => d.ruleId === 'placeholder-left')).toEqual([]);
  });

  it('adds the rule to an existing disable-file comment', () => {
    const text = report('He felt a pull. TODO: which side.').replace('# Independent Medical Examination\n', '# Independent Medical Examination\n<!-- ime-lint-disable-file section-missing -->\n');
    const after = disable(text, 'report');
    expect(after).toContain('<!-- ime-lint-disable-file section-missing placeholder-left -->');
    expect(after.match(/ime-lint-disable-file/g)).toHaveLength(1);
  });
});

describe('disable code actions', () => {
  it('offers both disable actions on a current diagnostic, and edits that silence it', () => {
    const text = report('He lifted a keg.\nHe felt TODO a pull.');
    const result = lint(text);
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(d, result.model.lines, 'file:///r.md', 3, undefined));
    const params = { textDocument: { uri: 'file:///r.md' }, range: diagnostics[0].range, context: { diagnostics } } as CodeActionParams;
    const actions = codeActions(params, result, 3, {}, (edits) => ({ changes: { 'file:///r.md': edits } }));
    expect(actions.map((a) => a.title)).toEqual(['Disable placeholder-left for this line', 'Disable placeholder-left for this report']);
    const edits: LspTextEdit[] = actions[0].edit!.changes!['file:///r.md'];
    expect(edits).toEqual([{ range: { start: { line: 5, character: 20 }, end: { line: 5, character: 20 } }, newText: ' <!-- ime-lint-disable-line placeholder-left -->' }]);
    // A diagnostic from an older version gets no action: its place may have moved.
    const stale: LspDiagnostic[] = diagnostics.map((d) => ({ ...d, data: { version: 2 } }));
    expect(codeActions({ ...params, context: { diagnostics: stale } }, result, 3, {}, () => undefined)).toEqual([]);
  });
});

describe('quick fix code actions', () => {
  const text = report('He lifted a keg. The MRI of 3/18/2024 showed a tear.');
  const unlistedOf = (result: LintResult) => result.diagnostics.find((d) => d.ruleId === 'record-unlisted')!;

  it('works out a records entry when the quick fix is asked for, from the lint of the same version', () => {
    const result = new IncrementalLinter().lint(text);
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(d, result.model.lines, 'file:///r.md', 3, undefined));
    const cited = diagnostics.find((d) => d.code === 'record-unlisted')!;
    // The diagnostic carries its version only: the fix is read from the lint when asked for.
    expect(cited.data).toEqual({ version: 3 });
    const params = { textDocument: { uri: 'file:///r.md' }, range: cited.range, context: { diagnostics: [cited] } } as CodeActionParams;
    const [add] = codeActions(params, result, 3, {}, (edits) => ({ changes: { 'file:///r.md': edits } }));
    expect(add.title).toBe('Add "MRI of 3/18/2024" to "Records Reviewed"');
    const after = applyFixes(text, [unlistedOf(lint(text)).fix!]).text;
    expect(after).toContain('1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)\n1. 03/18/2024 — MRI ([[pages]] pages)\n');
    expect(add.edit!.changes!['file:///r.md']).toEqual(toTextEdits(result.model.lines, unlistedOf(lint(text)).fix!.edits));
  });

  it('refuses to read a fix left unread once the document is linted again', () => {
    const linter = new IncrementalLinter();
    const first = linter.lint(text);
    const read = linter.lint(text);
    expect(unlistedOf(read).fix?.title).toBe('Add "MRI of 3/18/2024" to "Records Reviewed"');
    linter.lint(text.replace('keg', 'crate'));
    // Read before the next lint, a fix is kept; one never read would be placed by spans that have moved since.
    expect(unlistedOf(read).fix?.title).toBe('Add "MRI of 3/18/2024" to "Records Reviewed"');
    expect(() => unlistedOf(first).fix).toThrow(/read after the document was linted again/);
  });
});

describe('suppression forms', () => {
  const body = 'He lifted a keg. TODO: which side.';
  it.each([
    ['next-line', `<!-- ime-lint-disable-next-line placeholder-left -->\n${body}`],
    ['line', `${body} <!-- ime-lint-disable-line placeholder-left -->`],
    ['block', `<!-- ime-lint-disable placeholder-left -->\n${body}\n<!-- ime-lint-enable placeholder-left -->`],
    ['all rules', `<!-- ime-lint-disable -->\n${body}\n<!-- ime-lint-enable -->`],
  ])('%s comment silences the finding and is not reported unused', (_, suppressed) => {
    expect(lint(report(body)).diagnostics.map((d) => d.ruleId)).toEqual(['placeholder-left']);
    expect(lint(report(suppressed)).diagnostics).toEqual([]);
  });

  it('file comment silences the rule everywhere', () => {
    const text = report(`${body}\n\nTBD.`).replace('\n## History', '\n<!-- ime-lint-disable-file placeholder-left -->\n\n## History');
    expect(lint(text).diagnostics).toEqual([]);
  });
});

describe('unused-disable', () => {
  it('reports a comment that suppresses nothing, on the comment, and leaves removing it to the author', () => {
    const text = report('<!-- ime-lint-disable-next-line placeholder-left -->\nHe lifted a keg on 03/12/2024.');
    const [finding] = lint(text).diagnostics;
    expect(finding.ruleId).toBe('unused-disable');
    expect(finding.severity).toBe('information');
    expect(text.slice(finding.span.start, finding.span.end)).toBe('<!-- ime-lint-disable-next-line placeholder-left -->');
    expect(finding.message).toBe('This `ime-lint-disable-next-line` comment suppresses nothing: no placeholder-left finding on the next line. Remove it.');
    expect(finding.fix).toBeUndefined(); // fixes only add text, never take a line away
    expect(fixAll(text).text).toBe(text);
  });

  it('names a misspelt rule id', () => {
    const text = report('He lifted a keg. TODO. <!-- ime-lint-disable-line placeholder-lef -->');
    const messages = lint(text).diagnostics.map((d) => `${d.ruleId}: ${d.message}`);
    expect(messages).toContain('unused-disable: This `ime-lint-disable-line` comment suppresses nothing: "placeholder-lef" is not an ime-lint rule. Remove it.');
  });

  it('reports the part of a comment that suppresses nothing, without a removal fix', () => {
    const text = report('He lifted a keg. TODO. <!-- ime-lint-disable-line placeholder-left causation-speculative -->');
    const [finding] = lint(text).diagnostics;
    expect(finding.message).toBe('Part of this `ime-lint-disable-line` comment suppresses nothing: no causation-speculative finding on this line.');
    expect(finding.fix).toBeUndefined();
  });

  it('reports an all-rules block with nothing in it, and can itself be silenced', () => {
    const text = report('<!-- ime-lint-disable -->\nHe lifted a keg.\n<!-- ime-lint-enable -->');
    expect(lint(text).diagnostics.map((d) => d.message)).toEqual(['This `ime-lint-disable` comment suppresses nothing: no finding in the part it disables. Remove it.']);
    const silenced = text.replace('\n## History', '\n<!-- ime-lint-disable-file unused-disable -->\n\n## History');
    expect(lint(silenced).diagnostics).toEqual([]);
  });

  it('can be turned off in the config', () => {
    const text = report('<!-- ime-lint-disable-next-line placeholder-left -->\nHe lifted a keg.');
    expect(lint(text, { config: { rules: { 'unused-disable': 'off' } } }).diagnostics).toEqual([]);
  });
});
