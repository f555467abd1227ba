import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model.js';
import { normalizeHeading, SectionClassifier } from '../../server/src/engine/sections.js';
import { splitSentences } from '../../server/src/engine/sentences.js';
import { LineIndex, SpanSet } from '../../server/src/engine/text.js';

describe('section kinds', () => {
  const classifier = new SectionClassifier();
  it.each([
    ['Records Reviewed', ['records']],
    ['5. Records Reviewed', ['records']],
    ['VII. Diagnoses', ['diagnoses']],
    ['RECORDS REVIEWED', ['records']],
    ['Review of Records:', ['records']],
    ['History of Present Illness', ['history']],
    ["Claimant's Account", ['history']],
    ['Discussion and Causation', ['discussion', 'causation']],
    ['Maximum Medical Improvement and Work Status', ['mmi', 'work-status']],
    ['AOE/COE', ['causation']],
    ['P&S Status', ['mmi']],
    ['Disclosure and Attestation', ['attestation']],
    ['Objective Findings', ['examination']],
  ])('%s -> %j', (heading, kinds) => {
    expect([...classifier.classify(heading)].sort()).toEqual([...kinds].sort());
  });

  it('leaves ordinary headings without a kind', () => {
    expect(classifier.classify('Lumbar spine')).toEqual([]);
    expect(classifier.classify('Weekly notes')).toEqual([]);
  });

  it('takes extra synonyms from config', () => {
    const custom = new SectionClassifier({ records: ['Documents Considered and Relied Upon'] });
    expect(custom.classify('Documents considered and relied upon')).toEqual(['records']);
  });

  it('normalises numbering, case and punctuation', () => {
    expect(normalizeHeading('IX.  CAUSATION:')).toBe('causation');
    expect(normalizeHeading('12) Work-Relatedness')).toBe('work relatedness');
  });
});

describe('report model', () => {
  it('keeps sentence offsets after an emoji (prose counts UTF-16 units, as spans do)', () => {
    const model = buildModel('# T\n\n😀 First one. Second *one*.\n');
    const sentences = model.blocks[1].sentences;
    expect(sentences.map((s) => s.text)).toEqual(['😀 First one.', 'Second  one .']);
    expect(sentences.map((s) => model.text.slice(s.span.start, s.span.end))).toEqual(['😀 First one.', 'Second *one*.']);
  });


  const text = [
    '---', 'report: IME', 'date-of-injury: 2024-03-12', 'treating:', '  - Helen Marsh, M.D.', '---', '',
    'IME REPORT', '==========', '',
    'Records Reviewed', '----------------', '',
    '| Date | Source | Pages |', '|---|---|---:|', '| 03/13/2024 | Seacoast Urgent Care note | 3 |', '',
    '## Causation', '', '### Lumbar spine', '', 'Dr. Smith saw him on 4/3/23. The MRI was normal.', '',
    '<!-- ime-lint-disable placeholder-left -->', '',
  ].join('\n');
  const model = buildModel(text);

  it('reads front matter with a YAML parser', () => {
    expect(model.frontMatter?.data).toMatchObject({ report: 'IME', 'date-of-injury': '2024-03-12', treating: ['Helen Marsh, M.D.'] });
  });

  it('builds nested sections with kinds from setext and ATX headings', () => {
    expect(model.title?.text).toBe('IME REPORT');
    expect(model.sections.map((s) => [s.heading.text, s.kinds, s.parent?.heading.text ?? null])).toEqual([
      ['IME REPORT', [], null],
      ['Records Reviewed', ['records'], 'IME REPORT'],
      ['Causation', ['causation'], 'IME REPORT'],
      ['Lumbar spine', [], 'Causation'],
    ]);
  });

  it('gives sentences exact source ranges', () => {
    const sentences = model.blocks.flatMap((b) => b.sentences).map((s) => text.slice(s.span.start, s.span.end));
    expect(sentences).toContain('Dr. Smith saw him on 4/3/23.');
    expect(sentences).toContain('The MRI was normal.');
  });

  it('splits tables into rows and cells', () => {
    const rows = model.blocks.filter((b) => b.type === 'tableRow');
    expect(rows).toHaveLength(2);
    expect(rows[1].cells?.map((c) => text.slice(c.start, c.end).trim())).toEqual(['03/13/2024', 'Seacoast Urgent Care note', '3']);
  });

  it('collects HTML comments for inline control', () => {
    expect(model.comments.map((c) => c.body)).toEqual(['ime-lint-disable placeholder-left']);
  });

  it('reports broken front matter instead of throwing', () => {
    const broken = buildModel('---\nreport: [IME\n---\n# Title\n');
    expect(broken.frontMatter?.error).toBeTruthy();
    expect(broken.frontMatter?.data).toEqual({});
  });

  it('blanks Markdown syntax but keeps offsets', () => {
    const m = buildModel('Seen by **Dr. Okafor** on [5/2/2023](notes.md).');
    const block = m.blocks[0];
    expect(block.text.length).toBe(block.span.end - block.span.start);
    expect(block.text.replace(/\s+/g, ' ').trim()).toBe('Seen by Dr. Okafor on 5/2/2023 .');
  });
});

describe('sentences', () => {
  const split = (t: string) => splitSentences(t, 0).map((s) => t.slice(s.start, s.end));
  it('does not split after titles, initials, credentials or decimals', () => {
    expect(split('Dr. A. Smith, M.D. saw her. She had 4.5 cm of swelling, e.g. at the knee. Next.')).toEqual([
      'Dr. A. Smith, M.D. saw her.', 'She had 4.5 cm of swelling, e.g. at the knee.', 'Next.',
    ]);
  });
  it('splits at question and exclamation marks', () => {
    expect(split('Is it related? Yes! It is.')).toEqual(['Is it related?', 'Yes!', 'It is.']);
  });
  it('stays linear on long paragraphs', () => {
    const long = 'The MRI of 4/3/2023 was normal. '.repeat(20000);
    expect(splitSentences(long, 0)).toHaveLength(20000);
  });
});

describe('line index', () => {
  it('converts offsets with LF and CRLF line breaks', () => {
    const idx = new LineIndex('ab\r\ncd\nef');
    expect(idx.positionAt(5)).toEqual({ line: 1, character: 1 });
    expect(idx.offsetAt({ line: 2, character: 1 })).toBe(8);
    expect(idx.lineEnd(0)).toBe(2);
  });
});

describe('span set', () => {
  it('finds overlaps among unsorted, nested spans like a linear scan would', () => {
    const spans = [{ start: 50, end: 60 }, { start: 0, end: 100 }, { start: 10, end: 12 }, { start: 200, end: 210 }].map((span) => ({ span }));
    const set = new SpanSet(spans);
    for (const probe of [{ start: 100, end: 150 }, { start: 150, end: 200 }, { start: 205, end: 206 }, { start: 99, end: 101 }, { start: 210, end: 300 }]) {
      const linear = spans.some(({ span }) => span.start < probe.end && probe.start < span.end);
      expect(set.overlaps(probe)).toBe(linear);
    }
  });
});
