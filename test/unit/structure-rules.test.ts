import { describe, expect, it } from 'vitest';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { COMPLETE_SECTIONS, lineOf, report } from '../helpers/report.js';

const ids = (text: string, options = {}) => lint(text, options).diagnostics.map((d) => d.ruleId);
const without = (...names: string[]) => Object.fromEntries(Object.entries(COMPLETE_SECTIONS).filter(([k]) => !names.includes(k)));

describe('section-missing', () => {
  it('is quiet when every required section is present', () => {
    expect(ids(report(COMPLETE_SECTIONS))).toEqual([]);
  });

  it('names each missing section on the title heading, with its legal source', () => {
    const text = report(without('Diagnoses', 'Physical Examination'));
    const found = lint(text).diagnostics.filter((d) => d.ruleId === 'section-missing');
    expect(found.map((d) => d.message)).toEqual([
      expect.stringMatching(/^The report has no Physical Examination section, which the Generic IME profile requires/),
      expect.stringMatching(/^The report has no Diagnoses section, which the Generic IME profile requires \(FRCP 35\(b\)\(2\)/),
    ]);
    for (const d of found) expect(text.slice(d.span.start, d.span.end)).toBe('# Independent Medical Examination');
  });

  it('recognises synonyms, numbering and case', () => {
    const text = report({
      '1. HISTORY OF INJURY': 'He slipped on ice on 1/5/2024.',
      '2. Review of Records': '- 1/5/2024 — ER record',
      '3. Objective Findings': 'Knee effusion.',
      '4. Impression': 'Meniscus tear.',
      '5. AOE/COE': 'Within reasonable medical probability the tear was caused by the fall, because the MRI shows an acute tear.',
    });
    expect(ids(text)).toEqual([]);
  });

  it('inserts each missing section at its place in the profile order', () => {
    const text = report(without('Diagnoses', 'History of Present Illness'));
    const fixed = fixAll(text);
    const order = ['# Independent Medical Examination', '## History of Present Illness', '## Records Reviewed', '## Physical Examination', '## Diagnoses', '## Causation'];
    const positions = order.map((h) => fixed.text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(fixed.result.diagnostics.map((d) => d.ruleId)).not.toContain('section-missing');
    for (const line of text.split('\n')) expect(fixed.text.split('\n')).toContain(line);
  });

  it('inserts a section before an indented heading without splitting its line', () => {
    const text = '# Independent Medical Examination\n\n## Discussion\n\nText.\n\n  ## Work Status\n\nFull duty.\n';
    const fixed = fixAll(text, { filePath: 'case.ime.md' });
    expect(fixed.text.split('\n')).toContain('  ## Work Status');
    expect(fixed.text).toMatch(/\n\n## Causation\n[\s\S]*\n\n  ## Work Status\n/);
  });

  it('offers no section to insert where a fence or HTML block left open would swallow it', () => {
    // "<?" opens an HTML block that runs to the end: a heading inserted there is not a heading.
    const text = '# Independent Medical Examination\n\n<? I disagree with Dr. Smith.\n';
    const result = lint(text, { filePath: 'case.ime.md' });
    const missing = result.diagnostics.filter((d) => d.ruleId === 'section-missing');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((d) => !d.fix)).toBe(true);
    expect(fixAll(text, { filePath: 'case.ime.md' }).text).toBe(text);
    // Closed, the same block leaves room after it.
    const closed = text.replace('Smith.', 'Smith. ?>');
    expect(fixAll(closed, { filePath: 'case.ime.md' }).text).toContain('\n## Causation\n');
  });

  it('fills a report that has only a title and a paragraph, keeping the paragraph first', () => {
    const text = '# Independent Medical Examination\n\nMr. Doe was examined on 2/2/2024.\n';
    const fixed = fixAll(text);
    expect(fixed.text.startsWith(text.trimEnd())).toBe(true);
    const left = fixed.result.diagnostics.map((d) => d.ruleId);
    for (const id of ['section-missing', 'records-section-missing', 'causation-missing']) expect(left).not.toContain(id);
    expect(fixed.text.match(/^## .*/gm)).toEqual(['## History of Present Illness', '## Records Reviewed', '## Physical Examination', '## Diagnoses', '## Causation']);
  });
});

describe('placeholder-left', () => {
  it.each(['TODO', 'TBD', '[[date]]', 'XX/XX/XXXX', '${1:basis}', '_____'])('flags %s with its exact range', (mark) => {
    const text = report({ ...COMPLETE_SECTIONS, Diagnoses: `1. Lumbar strain, seen on ${mark}.` });
    const found = lint(text).diagnostics.filter((d) => d.ruleId === 'placeholder-left');
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe(mark);
    expect(found[0].message).toContain(`"${mark}"`);
  });

  it('ignores marks in code, comments and ordinary words', () => {
    const text = report({
      ...COMPLETE_SECTIONS,
      Diagnoses: '1. Lumbar strain. The fee was $650 and the code `TODO` is an example. <!-- TODO: check --> Todos los días.',
    });
    expect(ids(text)).toEqual([]);
  });
});

describe('inline control', () => {
  const base = { ...COMPLETE_SECTIONS, Diagnoses: '1. Lumbar strain TBD.' };
  it('disable-next-line silences one rule on the next line', () => {
    const text = report({ ...base, Diagnoses: '<!-- ime-lint-disable-next-line placeholder-left -->\n1. Lumbar strain TBD.' });
    expect(ids(text)).toEqual([]);
  });
  it('disable ... enable silences a block', () => {
    const text = report({ ...base, Diagnoses: '<!-- ime-lint-disable placeholder-left -->\n\n1. Lumbar strain TBD.\n\n<!-- ime-lint-enable placeholder-left -->\n\nTODO' });
    const found = lint(text).diagnostics;
    expect(found.map((d) => d.ruleId)).toEqual(['placeholder-left']);
    expect(lineOf(text, 'TODO')).toBe(text.slice(0, found[0].span.start).split('\n').length);
  });
  it('a bare disable silences every rule', () => {
    expect(ids(`<!-- ime-lint-disable -->\n${report({ ...base })}`)).toEqual([]);
  });
  it('config can turn a rule off or raise it', () => {
    expect(ids(report(base), { config: { rules: { 'placeholder-left': 'off' } } })).toEqual([]);
    expect(lint(report(base), { config: { rules: { 'placeholder-left': 'error' } } }).diagnostics[0].severity).toBe('error');
  });
});

describe('which files are reports', () => {
  const body = '## Notes\n\nTODO: call the adjuster.\n';
  it.each([
    ['front matter report key', `---\nreport: QME\n---\n# Visit\n\n${body}`, undefined, true],
    ['.ime.md file name', `# Visit\n\n${body}`, 'case.ime.md', true],
    ['title naming an examination report', `# Qualified Medical Evaluation\n\n${body}`, undefined, true],
    ['ordinary note', `# Office notes\n\n## Independent Medical Examinations booked\n\n${body}`, 'notes.md', false],
    ['report: false wins', `---\nreport: false\n---\n# Independent Medical Examination\n\n${body}`, undefined, false],
  ])('%s', (_name, text, filePath, expected) => {
    expect(lint(text, { filePath }).isReport).toBe(expected);
  });
  it('include and exclude globs from config', () => {
    expect(lint(`# Visit\n\n${body}`, { relativePath: 'cases/a.md', config: { include: ['cases/**/*.md'] } }).isReport).toBe(true);
    expect(lint(`# Independent Medical Examination\n\n${body}`, { relativePath: 'templates/a.md', config: { exclude: ['templates/**'] } }).isReport).toBe(false);
  });
});
