import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditedText } from '../../server/src/engine/edited-text.js';
import { REPORT_DOCUMENTS } from '../../server/src/lsp/document.js';

// CI runs 1,000 cases; `IME_LINT_FUZZ_RUNS` sets more (or fewer) as for the other properties.
const numRuns = Number(process.env.IME_LINT_FUZZ_RUNS ?? 1000);
const PROPERTY_TIMEOUT_MS = Math.max(300_000, numRuns * 100);

// Line breaks of every kind, characters outside Latin-1, and the few a search looks for.
const char = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '[', '^', '|', '-', 'é', '—');
const text = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(''));
const edit = fc.record({ from: fc.integer({ min: -3, max: 50 }), to: fc.integer({ min: -3, max: 50 }), insert: text });
const search = fc.array(char, { maxLength: 3 }).map((cs) => cs.join(''));
const offset = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(Infinity, -Infinity, NaN));

/** Every way the engine reads a text, asked of an edited text and of the same text as one string. */
function expectReadsAsString(edited: EditedText, whole: string, probes: { a: number; b: number; s: string }[]): void {
  expect(edited.length).toBe(whole.length);
  for (const { a, b, s } of probes) {
    expect(edited.slice(a, b)).toBe(whole.slice(a, b));
    expect(edited.slice(a)).toBe(whole.slice(a));
    expect(edited.charCodeAt(a)).toEqual(whole.charCodeAt(a));
    expect(edited.charAt(a)).toBe(whole.charAt(a));
    expect(edited.indexOf(s, a)).toBe(whole.indexOf(s, a));
    expect(edited.lastIndexOf(s, a)).toBe(whole.lastIndexOf(s, a));
    expect(edited.lastIndexOf(s)).toBe(whole.lastIndexOf(s));
    expect(edited.startsWith(s, a)).toBe(whole.startsWith(s, a));
    expect(edited.includes(s, a)).toBe(whole.includes(s, a));
  }
}

describe('edited text', () => {
  it('reads as the string it stands for, after any edits', () => {
    const probes = fc.array(fc.record({ a: offset, b: offset, s: search }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(text, fc.array(fc.tuple(edit, probes), { maxLength: 8 }), (start, steps) => {
      let edited = EditedText.of(start);
      let whole = start;
      for (const [{ from, to, insert }, reads] of steps) {
        const a = Math.min(Math.max(from, 0), whole.length);
        const b = Math.max(a, Math.min(Math.max(to, 0), whole.length));
        edited = edited.edited(from, to, insert);
        whole = whole.slice(0, a) + insert + whole.slice(b);
        expectReadsAsString(edited, whole, reads);
      }
      expect(edited.text).toBe(whole);
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('tells what changed since an earlier version: outside that, the two agree', () => {
    fc.assert(fc.property(text, fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat(), (start, edits, pick) => {
      const versions = [EditedText.of(start)];
      for (const { from, to, insert } of edits) versions.push(versions.at(-1)!.edited(from, to, insert));
      const earlier = versions[pick % versions.length];
      const later = versions.at(-1)!;
      const { start: at, oldEnd, newEnd } = later.changeSince(earlier)!;
      expect(at <= oldEnd && at <= newEnd).toBe(true);
      expect(earlier.text.slice(0, at)).toBe(later.text.slice(0, at));
      expect(earlier.text.slice(oldEnd)).toBe(later.text.slice(newEnd));
      expect(newEnd - oldEnd).toBe(later.length - earlier.length);
    }), { numRuns });
  });

  it('does not say what changed between versions of two lines of edits from one version', () => {
    const base = EditedText.of('abc');
    const first = base.edited(1, 1, 'x');
    const second = base.edited(2, 3, '');
    expect(first.changeSince(base)).toEqual({ start: 1, oldEnd: 1, newEnd: 2 });
    expect(second.changeSince(first)).toBeNull();
    expect(second.changeSince(base)).toBeNull(); // its log starts at itself: a reader compares the texts
  });

  it('builds the whole text once, and reads one built version as a single piece', () => {
    let edited = EditedText.of('a'.repeat(100));
    for (let i = 0; i < 200; i++) edited = edited.edited(i % 90, i % 90, 'b');
    expect(edited.text).toBe(edited.slice(0, edited.length));
    expect(edited.text.length).toBe(300);
  });
});

describe('open documents', () => {
  const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 30 }) });
  const change = fc.oneof(
    fc.record({ range: fc.record({ start: position, end: position }), text }),
    fc.record({ text }),
  );

  it('apply changes, and give offsets and positions, as the LSP library documents do', () => {
    fc.assert(fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 5 }), fc.array(position, { maxLength: 5 }), (start, versions, probes) => {
      let library = TextDocument.create('file:///r.ime.md', 'markdown', 1, start);
      let ours = REPORT_DOCUMENTS.create('file:///r.ime.md', 'markdown', 1, start);
      for (const [i, changes] of versions.entries()) {
        for (const c of changes) {
          // Ranges on the document's lines, as clients send them (past its last line the library's line table gets holes).
          const onLines = (p: { line: number; character: number }) => ({ line: Math.min(p.line, library.lineCount - 1), character: p.character });
          const sent = 'range' in c ? { range: { start: onLines(c.range.start), end: onLines(c.range.end) }, text: c.text } : c;
          library = TextDocument.update(library, [sent], i + 2);
          ours = REPORT_DOCUMENTS.update(ours, [sent], i + 2);
        }
        expect(ours.getText()).toBe(library.getText());
        expect(ours.version).toBe(library.version);
        expect(ours.lineCount).toBe(library.lineCount);
        for (const p of probes) {
          expect(ours.offsetAt(p)).toBe(library.offsetAt(p));
          expect(ours.positionAt(p.character)).toEqual(library.positionAt(p.character));
          expect(ours.getText({ start: p, end: { line: p.line + 1, character: 2 } })).toBe(library.getText({ start: p, end: { line: p.line + 1, character: 2 } }));
        }
      }
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('put text sent for lines past the end at the end, and never repeat what is there', () => {
    let document = REPORT_DOCUMENTS.create('file:///r.ime.md', 'markdown', 1, 'one\n');
    document = REPORT_DOCUMENTS.update(document, [{ range: { start: { line: 9, character: 0 }, end: { line: 7, character: 3 } }, text: 'two\n' }], 2);
    document = REPORT_DOCUMENTS.update(document, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '' }], 3);
    expect(document.getText()).toBe('one\ntwo\n');
  });
});
