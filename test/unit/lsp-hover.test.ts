import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOVER_PROVIDERS, hoverAt } from '../../server/src/engine/hover.js';
import { lint } from '../../server/src/engine/lint.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { minimalEdit } from '../../server/src/lsp/convert.js';
import { documentSymbols, foldingRanges } from '../../server/src/lsp/features.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const TEXT = report({ ...COMPLETE_SECTIONS, 'Work Status': 'Modified duty for TBD weeks.' });

// Providers other analyses register are set aside, so these tests see only their own.
let registered: typeof HOVER_PROVIDERS = [];
beforeEach(() => {
  registered = HOVER_PROVIDERS.splice(0);
});
afterEach(() => {
  HOVER_PROVIDERS.splice(0, HOVER_PROVIDERS.length, ...registered);
});

describe('hoverAt', () => {
  it("shows the rule's description, rationale and source over its diagnostic", () => {
    const at = TEXT.indexOf('TBD');
    const hover = hoverAt(lint(TEXT), at + 1);
    expect(hover).toContain('**placeholder-left**: A snippet placeholder or drafting mark');
    expect(hover).toContain('Fill or remove every placeholder before signing.');
    expect(hover).toContain('*Source:* Drafting practice');
  });

  it('says nothing outside diagnostics, or past the end of one', () => {
    const result = lint(TEXT);
    expect(hoverAt(result, TEXT.indexOf('Modified'))).toBeNull();
    expect(hoverAt(result, TEXT.indexOf('TBD') + 3)).toBeNull();
  });

  it('shows a rule once when several of its diagnostics share the place', () => {
    const text = report({ 'History of Present Illness': 'He lifted a box.' });
    const hover = hoverAt(lint(text), 3)!;
    expect(hover.match(/\*\*section-missing\*\*/g)).toHaveLength(1);
    expect(hover).toContain('**records-section-missing**');
  });

  it('adds what the registered providers say, for reports only', () => {
    HOVER_PROVIDERS.push((model, offset) => (model.text.startsWith('Within', offset) ? 'A causation standard.' : null));
    const at = TEXT.indexOf('Within');
    expect(hoverAt(lint(TEXT), at)).toBe('A causation standard.');
    expect(hoverAt(lint(TEXT), at + 1)).toBeNull();
    expect(hoverAt(lint('# Notes\n\nWithin reason.\n'), '# Notes\n\n'.length)).toBeNull();
  });
});

describe('language server helpers', () => {
  it('turns a whole-document fix into one edit of the changed part', () => {
    const before = 'a\r\nb\r\nc\r\n';
    const after = 'a\r\nb\r\nnew\r\nc\r\n';
    const edit = minimalEdit(before, after, new LineIndex(before))!;
    expect(edit.range.start).toEqual(edit.range.end);
    expect(edit.range.start).toEqual({ line: 2, character: 0 });
    expect(edit.newText).toBe('new\r\n');
    expect(minimalEdit(before, before, new LineIndex(before))).toBeNull();
  });

  it('folds each section from its heading to its last line of content', () => {
    const result = lint(TEXT);
    const lines = TEXT.split('\n');
    const records = lines.indexOf('## Records Reviewed');
    expect(foldingRanges(result)).toContainEqual({ startLine: records, endLine: records + 2, kind: 'region' });
    expect(foldingRanges(result)[0]).toEqual({ startLine: 0, endLine: lines.length - 2, kind: 'region' });
  });

  it('puts each records entry in the outline under the innermost section that holds it', () => {
    const text = report({
      ...COMPLETE_SECTIONS,
      'Records Reviewed': [
        '### Treatment records', '', '1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)',
        '### Imaging', '', '1. 04/02/2024 — Harbor Imaging: MRI of the lumbar spine (2 pages)',
      ].join('\n'),
    });
    const [title] = documentSymbols(lint(text));
    const records = title.children!.find((s) => s.name === 'Records Reviewed')!;
    expect(records.children!.map((s) => [s.name, s.children!.map((e) => e.name)])).toEqual([
      ['Treatment records', ['03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)']],
      ['Imaging', ['04/02/2024 — Harbor Imaging: MRI of the lumbar spine (2 pages)']],
    ]);
  });
});
