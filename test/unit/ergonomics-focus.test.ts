import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { REPORT_DOCUMENTS } from '../../server/src/lsp/document.js';
import { FocusTracker, holdBackWhileTyping, paragraphAround } from '../../server/src/lsp/focus.js';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings.js';

const TEXT = `# Independent Medical Examination

## History of Present Illness

He lifted a keg. TODO: which side.
He stopped work on 03/12/2024.

## Causation

The back strain could have been caused by the lift. TBD.
`;

const at = (needle: string) => TEXT.indexOf(needle);
const shown = (cursor: number) => {
  const result = lint(TEXT);
  return holdBackWhileTyping(result.diagnostics, result.model, cursor).map((d) => `${d.ruleId}@${TEXT.slice(d.span.start, d.span.end).slice(0, 12)}`);
};

describe('focus mode', () => {
  it('holds back the findings in the paragraph being typed, and only those', () => {
    const all = shown(at('## History')); // cursor on a heading: nothing held back
    expect(all).toEqual(expect.arrayContaining(['placeholder-left@TODO', 'placeholder-left@TBD']));
    const typingHistory = shown(at('He stopped') + 3);
    expect(typingHistory).not.toContain('placeholder-left@TODO');
    expect(typingHistory).toContain('placeholder-left@TBD');
    expect(typingHistory.length).toBe(all.length - 1);
    const typingCausation = shown(at('TBD') + 3); // at the paragraph's very end
    expect(typingCausation).toContain('placeholder-left@TODO');
    expect(typingCausation.some((d) => d.endsWith('@TBD'))).toBe(false);
  });

  it('keeps findings about the report as a whole (on the title) while the title paragraph is typed', () => {
    const text = '# Independent Medical Examination\nTODO: intro.\n';
    const result = lint(text);
    const titleFindings = result.diagnostics.filter((d) => d.span.start === 0);
    expect(titleFindings.length).toBeGreaterThan(0);
    const kept = holdBackWhileTyping(result.diagnostics, result.model, text.indexOf('intro'));
    expect(kept).toEqual(titleFindings);
  });

  it('finds the paragraph around the cursor, none on a blank line', () => {
    expect(paragraphAround(TEXT, new LineIndex(TEXT), at('He stopped'))).toEqual({ start: at('He lifted'), end: at('03/12/2024.') + '03/12/2024.'.length });
    expect(paragraphAround(TEXT, new LineIndex(TEXT), at('\n\n## Causation') + 1)).toBeNull();
  });

  it('tracks typing: held while editing in place, released when the cursor leaves the paragraph', () => {
    const focus = new FocusTracker();
    const uri = 'file:///r.md';
    const document = REPORT_DOCUMENTS.create(uri, 'markdown', 1, TEXT);
    const historyLine = 4;
    focus.moved(uri, { line: historyLine, character: 5 }, document);
    expect(focus.typingAt(uri)).toBeNull(); // only moving around holds nothing back
    focus.edited(uri);
    expect(focus.typingAt(uri)).toEqual({ line: historyLine, character: 5 });
    expect(focus.moved(uri, { line: historyLine + 1, character: 2 }, document)).toBe(false); // same paragraph
    expect(focus.moved(uri, { line: historyLine + 2, character: 0 }, document)).toBe(false); // new line right after it
    expect(focus.typingAt(uri)).not.toBeNull();
    expect(focus.moved(uri, { line: 9, character: 0 }, document)).toBe(true); // into the Causation paragraph
    expect(focus.typingAt(uri)).toBeNull();
    focus.edited(uri);
    focus.forget(uri);
    expect(focus.typingAt(uri)).toBeNull();
  });
});

describe('settings', () => {
  it('reads imeLint.run and imeLint.focusMode with their defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ run: 'onType', focusMode: true });
    expect(readSettings({ run: 'onSave', focusMode: false })).toMatchObject({ run: 'onSave', focusMode: false });
    expect(readSettings({ run: 'sometimes', focusMode: 'yes' })).toMatchObject({ run: 'onType', focusMode: true });
  });
});
