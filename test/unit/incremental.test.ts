import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ChunkedParser, cutText, splitPoints } from '../../server/src/engine/chunks.js';
import { EditedText, type TextLike, wholeText } from '../../server/src/engine/edited-text.js';
import { changeBetween, LineIndex } from '../../server/src/engine/text.js';
import { recordsSections } from '../../server/src/analysis/records-sections.js';
import { analyseTreating } from '../../server/src/analysis/treating.js';
import { IncrementalLinter } from '../../server/src/engine/incremental.js';
import { lint, type LintResult } from '../../server/src/engine/lint.js';
import { parseMarkdown } from '../../server/src/engine/parse.js';
import { reportLike } from '../helpers/arbitraries.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

// CI runs 1,000 cases; `IME_LINT_FUZZ_RUNS` sets more (or fewer) as for the other properties.
const numRuns = Number(process.env.IME_LINT_FUZZ_RUNS ?? 1000);
// A thousand cases take seconds to tens of seconds on a busy 2-core machine; they are not timing tests.
// Scaled with the runs, so `npm run test:fuzz` has the time it needs.
const PROPERTY_TIMEOUT_MS = Math.max(300_000, numRuns * 100);
const options = { filePath: 'case.ime.md' };

/** What a user sees of a lint: whether it is a report, the diagnostics with their fixes, and the model's blocks and sections. */
function observable(result: LintResult) {
  return {
    isReport: result.isReport,
    diagnostics: result.diagnostics.map((d) => ({ rule: d.rule.id, severity: d.severity, span: d.span, message: d.message, fix: d.fix })),
    blocks: result.isReport ? result.model.blocks.map((b) => [b.type, b.span, b.text, b.sentences.map((s) => s.span), b.section?.span, b.node.position]) : [],
    sections: result.isReport ? result.model.sections.map((s) => [s.heading.text, s.kinds, s.span]) : [],
    comments: result.isReport ? result.model.comments : [],
  };
}

// Insertions that change Markdown structure, global ones among them (fences, definitions, front matter).
const SNIPPETS = [
  '\n', '\n\n', 'x', ' ', '```', '```\n', '~~~~\n', '---\n', '\n---\n', '[R12]: https://example.com\n', '[^1]: note\n', '[R12]', '[^1]',
  '<!--', '-->', '<!-- ime-lint-disable -->\n\n', '<script>\n', '# ', '## Causation\n\n', '## Records Reviewed\n\n', '- ', '1. ', '    ',
  '> ', '| a | b |\n|---|---|\n', '===\n', 'TBD', 'Dr. Smith', 'I disagree with Dr. Smith.', 'The MRI of 4/3/2023 showed a tear. ',
  'was caused by the fall', 'could have been caused by the lift. ', '\r\n',
];
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 })),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** The same edit made to an edited text, as the language server's documents make it. */
function editedBy(text: EditedText, e: { at: number; remove: number; insert: string }): EditedText {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.edited(at, at + e.remove, e.insert);
}

/** A text as a string, or (as the server reads an open document) as an edited text: the edits then reach it as edits. */
const textKind = fc.constantFrom('string', 'edited');
const asKind = (kind: string, text: string): TextLike => (kind === 'edited' ? EditedText.of(text) : text);
const editKind = (text: TextLike, e: { at: number; remove: number; insert: string }): TextLike =>
  typeof text === 'string' ? applyEdit(text, e) : editedBy(text, e);

describe('incremental analysis', () => {
  it('equals a full lint after every edit of a random edit sequence', () => {
    fc.assert(fc.property(reportLike, fc.array(edit, { minLength: 1, maxLength: 5 }), textKind, (start, edits, kind) => {
      const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
      let text = asKind(kind, start);
      expect(observable(linter.lint(text, options))).toEqual(observable(lint(start, options)));
      for (const e of edits) {
        text = editKind(text, e);
        expect(observable(linter.lint(text, options))).toEqual(observable(lint(wholeText(text), options)));
      }
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('reads only around an edit of an edited text: it never builds the whole report again', () => {
    // The bundled example, reports whose fixes insert sections (one citing records it has no list for, one with only a title),
    // and a California report whose declaration is read with the rest of its section.
    const { 'Records Reviewed': _listed, ...unlisted } = COMPLETE_SECTIONS;
    const declared = report({
      ...COMPLETE_SECTIONS,
      Declaration: 'I declare under penalty of perjury that the information contained in this report is true and correct. Signed in Alameda County on 02/03/2025.\n\n/s/ Meera Iyengar, M.D.',
    }, { frontMatter: 'profile: california-wc' });
    const reports = [readFileSync('examples/lumbar-ime.md', 'utf8'), report(unlisted), report({}), declared];
    const whole = vi.spyOn(EditedText.prototype, 'text', 'get');
    try {
      for (const start of reports) {
        const linter = new IncrementalLinter();
        let text = EditedText.of(start);
        linter.lint(text, options);
        for (let k = 1; k <= 9; k++) {
          const at = Math.floor((k / 10) * text.length);
          text = text.edited(at, at, k % 3 ? 'x' : '\n');
          linter.lint(text, options);
        }
      }
      expect(whole).not.toHaveBeenCalled();
    } finally {
      whole.mockRestore();
    }
  });

  it('reads a long table in chunks of rows, and after an edit only the edited rows again', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| ${i + 1} | 0${1 + (i % 9)}/1${i % 10}/2023 | Clinic note ${i + 1} |`);
    const text = ['# Report', '', '| # | Date | Record |', '|:--|---|---|', ...rows, '', 'After.'].join('\n');
    // Cuts chosen by content, as by default (the lines' hashes), so those after the edit fall where they fell before.
    const parser = new ChunkedParser({ min: 200, oneIn: 4 });
    const before = parser.parse(text);
    expect(before).toEqual(parseMarkdown(text));
    const edited = text.replace('Clinic note 150 |', 'Clinic note 150, revised |');
    const after = parser.parse(edited);
    expect(after).toEqual(parseMarkdown(edited));
    const table = (root: typeof before) => root.children.find((n) => n.type === 'table')!;
    const [oldRows, newRows] = [table(before), table(after)].map((t) => (t.type === 'table' ? t.children : []));
    expect(newRows).toHaveLength(301);
    // Every row but the edited one is the same node, moved (those of its chunk too); the edited row is read again.
    expect(newRows[150]).not.toBe(oldRows[150]);
    expect(newRows.filter((row, i) => row !== oldRows[i]).map((row) => newRows.indexOf(row))).toEqual([150]);
  });

  it('after an edit inside one item of a long list, reads only that item again', () => {
    const items = Array.from({ length: 300 }, (_, i) => `${i + 1}. 0${1 + (i % 9)}/1${i % 10}/2023 — Clinic note ${i + 1}. Seen for low back pain.`);
    const text = ['# Report', '', ...items, '', 'After.'].join('\n');
    const parser = new ChunkedParser({ min: 200, oneIn: 4 });
    const list = (root: ReturnType<ChunkedParser['parse']>) => root.children.find((n) => n.type === 'list')!;
    const before = list(parser.parse(text));
    const edited = text.replace('Clinic note 150.', 'Clinic note 150, revised.');
    const root = parser.parse(edited);
    expect(root).toEqual(parseMarkdown(edited));
    const after = list(root);
    const [oldItems, newItems] = [before, after].map((l) => (l.type === 'list' ? l.children : []));
    // The items parsed again with the edited one (its chunk's) are the nodes read before, moved to where they stand.
    expect(newItems.filter((item, i) => item !== oldItems[i]).map((item) => newItems.indexOf(item))).toEqual([149]);
    expect(newItems[151].position?.start.offset).toBe(edited.indexOf('152. '));
  });

  it('reuses the parse of the blocks an edit did not touch', () => {
    const text = report(COMPLETE_SECTIONS);
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const before = linter.lint(text, options).model;
    const edited = text.replace('Lumbar strain.', 'Lumbar sprain.');
    const after = linter.lint(edited, options).model;
    const heading = (m: typeof before, name: string) => m.blocks.find((b) => b.type === 'heading' && b.text.includes(name))!.node;
    expect(heading(after, 'Physical Examination')).toBe(heading(before, 'Physical Examination'));
    expect(heading(after, 'Causation')).toBe(heading(before, 'Causation'));
    expect(observable(linter.lint(edited, options))).toEqual(observable(lint(edited, options)));
  });

  it("groups the records list's items again only when an edit reaches the list", () => {
    const text = report(COMPLETE_SECTIONS);
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const items = (result: LintResult) => recordsSections(result.model)[0].items;
    const before = items(linter.lint(text, options));
    const elsewhere = text.replace('Lumbar strain.', 'Lumbar sprain.');
    expect(items(linter.lint(elsewhere, options))).toBe(before);
    const inList = elsewhere.replace('urgent care note', 'urgent care visit note');
    expect(inList).not.toBe(elsewhere);
    expect(items(linter.lint(inList, options))).not.toBe(before);
    expect(observable(linter.lint(inList, options))).toEqual(observable(lint(inList, options)));
  });

  it('places a new records entry by what the body cites now, though the list is unchanged', () => {
    // The list is read once and kept; whether the body cites its items by number changes where the fix puts the entry.
    const records = '1. 02/27/2024 — Employer: report of injury.\n2. 05/14/2024 — Steven Whitley, M.D.: operative report.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': 'The MRI of 3/18/2024 shows a tear. The operative report describes the repair.', 'Records Reviewed': records });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const fixText = (result: LintResult) => result.diagnostics.find((d) => d.rule.id === 'record-unlisted')?.fix?.edits[0].newText;
    expect(fixText(linter.lint(text, options))).toContain('2. 03/18/2024 — MRI.');
    const cited = text.replace('operative report describes', 'operative report (Rec. 2) describes');
    const after = linter.lint(cited, options);
    expect(fixText(after)).toContain('3. 03/18/2024 — MRI.');
    expect(observable(after)).toEqual(observable(lint(cited, options)));
  });

  it('writes a new records entry as the list stands after an edit to one of its entries', () => {
    // What the fix copies from the list is carried over an edit to one entry only when that entry gives the same.
    const records = '1. 02/27/2024 — Employer: report of injury.\n2. 03/17/2024 — Gulf Coast Imaging: x-ray.\n3. 05/14/2024 — Steven Whitley, M.D.: operative report.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': 'The MRI of 3/18/2024 shows a tear.', 'Records Reviewed': records });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const fixText = (result: LintResult) => result.diagnostics.find((d) => d.rule.id === 'record-unlisted')?.fix?.edits[0].newText;
    const steps: [string, string][] = [
      [text, '3. 03/18/2024 — MRI.'],
      [text.replace('operative report.', 'operative report of the knee.'), '3. 03/18/2024 — MRI.'],
      [text.replace('02/27/2024', '2/27/2024'), '3. 3/18/2024 — MRI.'],
      [text.replace('x-ray.', 'x-ray. (12 pages)'), '3. 03/18/2024 — MRI. ([[pages]] pages)'],
      [text.replace('3. 05/14/2024', '3. 03/01/2024'), '4. 03/18/2024 — MRI.'],
    ];
    for (const [version, entry] of steps) {
      const result = linter.lint(version, options);
      expect(fixText(result)).toContain(entry);
      expect(observable(result)).toEqual(observable(lint(version, options)));
    }
  });

  it('matches a reference with a records entry whose date an edit changed', () => {
    const records = '1. 02/27/2024 — Employer: report of injury.\n2. 03/17/2024 — Gulf Coast Imaging: MRI.\n3. 05/14/2024 — Steven Whitley, M.D.: operative report.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': 'The MRI of 3/18/2024 shows a tear.', 'Records Reviewed': records });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const unlisted = (result: LintResult) => result.diagnostics.filter((d) => d.rule.id === 'record-unlisted' && d.message.startsWith('MRI of 3/18/2024')).length;
    expect(unlisted(linter.lint(text, options))).toBe(1);
    const corrected = text.replace('03/17/2024', '03/18/2024');
    expect(unlisted(linter.lint(corrected, options))).toBe(0);
    expect(unlisted(linter.lint(text, options))).toBe(1);
    expect(observable(linter.lint(corrected, options))).toEqual(observable(lint(corrected, options)));
  });

  it("reads a pronoun's opinion again when the sentences before it change in another block", () => {
    // "She" refers back to the last person named up to four sentences before it.
    const history = 'Dr. Maria Lopez, the PTP, saw her on 04/02/2024.\n\nShe recommended a lumbar fusion.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': history });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const opinions = (result: LintResult) => analyseTreating(result.model).opinions.map((o) => [o.physician.display, o.sentence.text]);
    expect(opinions(linter.lint(text, options))).toEqual([['Dr. Lopez', 'She recommended a lumbar fusion.']]);
    const edited = text.replace('on 04/02/2024.', 'on 04/02/2024. It rained. The clinic was busy. The lot was full. The wait was long.');
    expect(opinions(linter.lint(edited, options))).toEqual([]);
    expect(opinions(linter.lint(text, options))).toEqual([['Dr. Lopez', 'She recommended a lumbar fusion.']]);
  });

  it('finds the mentions of a physician where they stand after an edit before them', () => {
    const history = 'Dr. Maria Lopez, the PTP, saw her on 04/02/2024. She recommended a lumbar fusion.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': history, Discussion: 'I disagree with Dr. Lopez because the MRI is normal.' });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const mentions = (result: LintResult, source: string) => analyseTreating(result.model).mentions.map((m) => [m.physician.display, m.span, source.slice(m.span.start, m.span.end)]);
    const before = mentions(linter.lint(text, options), text);
    expect(before.map(([, , said]) => said)).toEqual(['Dr. Maria Lopez', 'the PTP', 'Dr. Lopez']);
    const edited = text.replace('Dr. Maria Lopez, the PTP,', 'As noted, Dr. Maria Lopez, the PTP,');
    const after = mentions(linter.lint(edited, options), edited);
    expect(after).toEqual(mentions(lint(edited, options), edited));
    expect(after.map(([, , said]) => said)).toEqual(['Dr. Maria Lopez', 'the PTP', 'Dr. Lopez']);
  });

  it('keeps or settles again who the physicians are as an edit to a sentence naming one says', () => {
    const history = 'Dr. Maria Lopez, the PTP, saw her on 04/02/2024. She recommended a lumbar fusion.';
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': history, Discussion: 'I disagree with Dr. Lopez.' });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const treating = (result: LintResult) => {
      const analysis = analyseTreating(result.model);
      return { physicians: analysis.physicians.map((p) => p.display), opinions: analysis.opinions.map((o) => o.physician.display) };
    };
    expect(treating(linter.lint(text, options))).toEqual({ physicians: ['Dr. Lopez'], opinions: ['Dr. Lopez'] });
    // The same name and role in other words: the registry holds.
    const reworded = text.replace('saw her on', 'saw her again on');
    expect(treating(linter.lint(reworded, options))).toEqual({ physicians: ['Dr. Lopez'], opinions: ['Dr. Lopez'] });
    expect(observable(linter.lint(reworded, options))).toEqual(observable(lint(reworded, options)));
    // Another role: she is no longer a treating physician.
    const examiner = reworded.replace('the PTP', 'the defense IME');
    expect(treating(linter.lint(examiner, options))).toEqual({ physicians: [], opinions: [] });
    expect(observable(linter.lint(examiner, options))).toEqual(observable(lint(examiner, options)));
  });

  it('leaves the ranges of a result as they were when the next version is linted', () => {
    const text = report({ ...COMPLETE_SECTIONS, Discussion: 'Dr. Alan Smith, the PTP, opined that she cannot work. I disagree with Dr. Smith.' });
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    const first = linter.lint(text, options);
    const ranges = JSON.stringify(first.diagnostics);
    expect(first.diagnostics.some((d) => d.rule.id === 'treating-disagreement-unaddressed')).toBe(true);
    // An insertion at the top moves every block the two versions share.
    linter.lint(text.replace('# ', '# Amended '), options);
    expect(JSON.stringify(first.diagnostics)).toBe(ranges);
  });

  it('reads a text cut into chunks as Markdown reads it whole', () => {
    // Lines where reading list items or table rows apart could go wrong: other markers, lazy lines, loose items, fences, quotes.
    const lines = fc.constantFrom(
      '1. Record one', '2. Record two', '10) Record ten', '2) Other delimiter', '- Bullet', '* Star', '+ Plus', '-', '1.',
      '   continued', '  - nested', 'lazy text', '', '', '---', '* * *', '> quote', '```', '    code', '| a | b |', '|---|---|',
      '# Heading', 'Paragraph.', '<!--', '-->', '  ```', '- [ ] task', '01. Zero-padded', '1) One', '  2. Indented',
      // Tables, cut between rows: rows of other widths, without outer pipes, escaped pipes, a lone pipe.
      '| c | d |', '| e |', '|:--|--:|', 'f | g', '| h \\| i |', '|', '  | j | k |', '| `l|m` | n |', '| o | p | q |',
    );
    const document = fc.oneof(fc.array(lines, { maxLength: 30 }).map((ls) => ls.join('\n')), reportLike);
    // Chunks of any size, down to one per split point.
    const sizes = fc.record({ min: fc.nat({ max: 200 }), oneIn: fc.integer({ min: 1, max: 3 }) });
    fc.assert(fc.property(document, sizes, fc.array(edit, { maxLength: 4 }), textKind, (start, chunkSizes, edits, kind) => {
      const parser = new ChunkedParser(chunkSizes);
      let text = asKind(kind, start);
      expect(parser.parse(text)).toEqual(parseMarkdown(start));
      for (const e of edits) {
        text = editKind(text, e);
        expect(parser.parse(text)).toEqual(parseMarkdown(wholeText(text)));
      }
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('cuts an edited text where it cuts the same text read afresh', () => {
    const lines = fc.constantFrom('1. Record one', '- Bullet', '', '', 'Paragraph.', '---', '# Heading', '  continued', 'x', '2) Two', '| a | b |', '|---|---|', '| c |');
    const document = fc.oneof(fc.array(lines, { maxLength: 40 }).map((ls) => ls.join('\n')), reportLike);
    const sizes = fc.record({ min: fc.nat({ max: 60 }), oneIn: fc.integer({ min: 1, max: 3 }) });
    fc.assert(fc.property(document, sizes, fc.array(edit, { maxLength: 5 }), textKind, (start, chunkSizes, edits, kind) => {
      let text = asKind(kind, start);
      let cut = cutText(text, null, chunkSizes);
      for (const e of edits) {
        text = editKind(text, e);
        cut = cutText(text, cut, chunkSizes);
        expect({ ...cut, text: wholeText(cut.text) }).toEqual(cutText(wholeText(text), null, chunkSizes));
      }
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('finds where a long text was edited', () => {
    const long = fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3000 })).map(([unit, n]) => unit.repeat(n));
    fc.assert(fc.property(long, edit, (before, e) => {
      const after = applyEdit(before, e);
      const { start, oldEnd, newEnd } = changeBetween(before, after);
      expect(before.slice(0, start)).toBe(after.slice(0, start));
      expect(before.slice(oldEnd)).toBe(after.slice(newEnd));
      expect(start <= oldEnd && start <= newEnd).toBe(true);
      // Nothing more agrees at either end.
      if (start < Math.min(before.length, after.length)) expect(before[start]).not.toBe(after[start]);
      if (oldEnd > start && newEnd > start) expect(before[oldEnd - 1]).not.toBe(after[newEnd - 1]);
    }), { numRuns });
  });

  it('finds line starts after an edit as a fresh index does, whatever the line breaks', () => {
    const lines = fc.array(fc.constantFrom('a', 'b ', '\n', '\r', '\r\n'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(lines, fc.array(edit, { maxLength: 4 }), textKind, (first, edits, kind) => {
      let text = asKind(kind, first);
      let index = new LineIndex(text);
      for (const e of edits) {
        expect(index.lineCount).toBeGreaterThan(0); // an index derives only from one that has found its starts
        text = editKind(text, e);
        index = LineIndex.after(index, text);
        const fresh = new LineIndex(wholeText(text));
        expect(index.lineCount).toBe(fresh.lineCount);
        for (let line = 0; line < fresh.lineCount; line++) expect(index.lineStart(line)).toBe(fresh.lineStart(line));
        // Every offset (and one past each end) is on the last line starting at or before it.
        for (let offset = -1; offset <= text.length + 1; offset++) {
          const at = Math.max(0, Math.min(offset, text.length));
          let line = 0;
          while (line + 1 < fresh.lineCount && fresh.lineStart(line + 1) <= at) line++;
          expect(index.positionAt(offset)).toEqual({ line, character: at - fresh.lineStart(line) });
        }
      }
    }), { numRuns });
  });

  it('cuts before blocks and list items, never inside the front matter', () => {
    const text = '---\nreport: IME\n\nkey: 1\n---\n\n# IME Report\n\n- one\n\n- two\n  more\n-\n---\n\nLast.\n';
    const starts = splitPoints(text).map((c) => [text.slice(c.at, c.at + 4), c.listItem]);
    expect(starts).toEqual([['# IM', false], ['- on', true], ['- tw', true], ['Last', false]]);
  });
});
