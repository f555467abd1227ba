import { describe, expect, it } from 'vitest';
import { analyseRecordPages } from '../../server/src/analysis/record-pages.js';
import { analyseRecords, recordDefinition, recordReferences } from '../../server/src/analysis/records.js';
import { IncrementalLinter } from '../../server/src/engine/incremental.js';
import { buildModel, type ReportModel } from '../../server/src/engine/model.js';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { lineOf, report } from '../helpers/report.js';

const RECORD_RULES = ['record-unlisted', 'records-section-missing', 'record-citation-unknown', 'record-entry-undated'];
const findings = (text: string, rule = 'record-unlisted') => lint(text).diagnostics.filter((d) => d.ruleId === rule);
const line = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);
const withRecords = (history: string, records: string) => report({ 'History of Present Illness': history, 'Records Reviewed': records });

/** Applies the safe fixes of the records rules until none is left. */
function fixRecords(text: string): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = lint(current).diagnostics.filter((d) => RECORD_RULES.includes(d.ruleId) && d.fix?.safe).map((d) => d.fix!);
    const next = applyFixes(current, fixes).text;
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Every original line is still there (item numbers aside, which a chronological insertion moves up). */
function keepsEveryLine(before: string, after: string): void {
  const renumbered = (l: string) => l.replace(/^(\s*)\d+([.)])/, '$1#$2').replace(/^\|\s*\d+\s*\|/, '| # |');
  const afterLines = new Set(after.split('\n').map(renumbered));
  for (const l of before.split('\n')) expect(afterLines.has(renumbered(l)), l).toBe(true);
}

describe('records list parser', () => {
  it('reads numbered items with dates, providers, types, page counts and multi-date entries', () => {
    const text = withRecords('History.', [
      '1. 01/2023–06/2023 — Kaiser Permanente records, including physical therapy notes. 212 pages.',
      '2. Progress notes of Dr. Lopez dated 2/1/23, 3/1/23 and 4/5/23. 6 pages.',
      '3. 05/09/2023 — Kevin Chu, M.D.: operative report. 3 pp.',
    ].join('\n'));
    const { entries } = analyseRecords(buildModel(text));
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.container.kind)).toEqual(['numbered', 'numbered', 'numbered']);
    expect(entries[0].dates.map((d) => slice(text, d.span))).toEqual(['01/2023–06/2023']);
    expect(entries[0].dates[0].end).toEqual({ year: 2023, month: 6 });
    expect(entries[0].providers.map((p) => p.text)).toEqual(['Kaiser Permanente']);
    expect(entries[0].pages).toBe(212);
    expect(entries[1].dates.map((d) => slice(text, d.span))).toEqual(['2/1/23', '3/1/23', '4/5/23']);
    expect(entries[1].providers[0].name?.surname).toBe('Lopez');
    expect([...entries[2].families]).toEqual(['clinical']);
    expect(entries[2].providers[0].name).toMatchObject({ given: 'Kevin', surname: 'Chu' });
    expect(entries.map((e) => e.number)).toEqual([1, 2, 3]);
  });

  it('reads GFM tables by their header roles, with keys and ranges', () => {
    const text = withRecords('History.', [
      '| Key | Date | Source | Document | Pages |',
      '|---|---|---|---|---:|',
      '| [R1] | 01/09/2024 | St. Brendan\'s Hospital | Emergency department record | 4 |',
      '| [R2] | 02/20/2024–04/30/2024 | Queensboro Physical Therapy | Evaluation and treatment notes | 30 |',
    ].join('\n'));
    const { entries, containers } = analyseRecords(buildModel(text));
    expect(containers[0].columns).toEqual({ key: 0, date: 1, provider: 2, type: 3, pages: 4 });
    expect(entries.map((e) => e.keys)).toEqual([['r1'], ['r2']]);
    expect(entries[1].dates[0]).toMatchObject({ start: { year: 2024, month: 2, day: 20 }, end: { year: 2024, month: 4, day: 30 } });
    expect(entries[0].providers.map((p) => p.text)).toEqual(["St. Brendan's Hospital"]);
  });

  it('reads bulleted lists, paragraphs per record with bold date lead-ins, and [^r12] footnotes', () => {
    const bullets = analyseRecords(buildModel(withRecords('History.', '* 4/18/2023 — Westside Occupational Health: X-rays, right shoulder.\n* 5/9/2023–8/25/2023 — Body in Motion Physical Therapy: notes.')));
    expect(bullets.entries.map((e) => [e.container.kind, [...e.families]])).toEqual([['bulleted', ['x-ray']], ['bulleted', ['generic']]]);

    const paragraphs = withRecords('History.', 'I reviewed the following records:\n\n**March 4, 2024.** Fordham Community Hospital, emergency department record.\n\n**April 10, 2024.** Fordham Open MRI: MRI of the cervical spine.');
    const parsed = analyseRecords(buildModel(paragraphs));
    expect(parsed.entries.map((e) => e.container.kind)).toEqual(['paragraph', 'paragraph']);
    expect(parsed.entries.map((e) => slice(paragraphs, e.dates[0].span))).toEqual(['March 4, 2024', 'April 10, 2024']);

    const footnotes = `${withRecords('The MRI of 02/02/2024[^r5] showed a tear.', 'See the notes below.')}\n[^r5]: 02/02/2024 Astoria Open MRI, MRI of the right knee.\n`;
    const model = buildModel(footnotes);
    const withKeys = analyseRecords(model);
    expect(withKeys.entries.map((e) => e.keys)).toEqual([['r5']]);
    expect(recordDefinition(model, footnotes.indexOf('[^r5]') + 2)).toEqual(withKeys.entries[0].span);
  });

  it("counts an entry's pages from all its blocks, a footnote defined inside it too, whichever analysis reads them first", () => {
    const records = '1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)[^r2]\n\n   [^r2]: 03/14/2024 Seacoast Imaging, MRI of the lumbar spine (2 pages).';
    const text = withRecords('History.', records);
    const pagesByRecords = analyseRecords(buildModel(text)).entries.map((e) => [e.keys, e.pages]);
    const model = buildModel(text);
    const pageEntries = analyseRecordPages(model).entries.map((e) => e.pages);
    expect(analyseRecords(model).entries.map((e) => [e.keys, e.pages])).toEqual(pagesByRecords);
    expect(pagesByRecords).toEqual([[['1'], 5], [['r2'], null]]);
    expect(pageEntries).toEqual([5]);
  });

  it('treats an item holding a nested list as a group and reads its provider into the sub-items', () => {
    const text = withRecords('The Kaiser progress note of 3/1/2023 documents pain.', '- Kaiser Permanente:\n  - 3/1/2023 progress note\n  - 4/5/2023 progress note');
    const { entries, unlisted } = analyseRecords(buildModel(text));
    expect(entries).toHaveLength(2);
    expect(unlisted).toEqual([]);
  });
});

describe('records analysis over edits', () => {
  /** What the analysis says, with every offset, and nothing of the model's objects. */
  function reading(model: ReportModel) {
    const { entries, references, unlisted } = analyseRecords(model);
    return {
      entries: entries.map(({ span, itemSpan, head, dates, providers, families, keys, number, numberSpan, pages }) => ({
        span, itemSpan, head, dates, providers, families: [...families], keys, number, numberSpan, pages,
      })),
      references: references.map(({ span, noun, phrase, dates, providers }) => ({ span, noun, phrase, dates, providers })),
      unlisted: unlisted.map((u) => [u.reference.span, u.dates, u.later.map((r) => r.span)]),
    };
  }

  it('reads each version of an edited report as it reads it from scratch', () => {
    let text = withRecords(
      "The MRI of 2/2/2021 [R3] showed a tear. Dr. Okafor's progress notes describe spasm. The x-rays of 1/6/2021 were negative.\n\nOn 3/3/2021 he saw Dr. Lopez. The EMG of 3/3/2021 was normal.",
      [
        '1. 1/4/2021 — Westside Occupational Health, Dr. Chinedu Okafor: clinic note. (3 pages)',
        '2. R3 — 2/2/2021 — Lakeside Imaging: MRI of the lumbar spine. 4 pp.',
        '3. Kaiser Permanente:',
        '   - 3/3/2021 — EMG report',
        '   - 3/4/2021 — progress note',
        '4. Total: 7 pages',
      ].join('\n'),
    );
    const linter = new IncrementalLinter({ min: 0, oneIn: 1 });
    // Before the list (every item moves), in an item, in a group heading, in the body, and back.
    const edits: [string, string][] = [['The MRI', 'An MRI'], ['clinic note', 'clinic notes'], ['Kaiser Permanente:', 'Kaiser:'], ['1. 1/4/2021', '1. 1/5/2021'], ['[R3]', '[R2]'], ['An MRI', 'The MRI']];
    for (const [from, to] of [['', ''], ...edits]) {
      text = text.replace(from, to);
      expect(reading(linter.lint(text).model)).toEqual(reading(buildModel(text)));
    }
  });
});

describe('record reference extractor', () => {
  const references = (sentence: string) => {
    const text = withRecords(sentence, '1. 01/01/2020 — Somewhere Clinic: note.');
    return analyseRecords(buildModel(text)).references.map((r) => slice(text, r.span));
  };

  it.each([
    ['04/03/2023', 'The MRI of 04/03/2023 showed a bulge.', 'MRI of 04/03/2023'],
    ['4/3/23', 'The MRI of 4/3/23 showed a bulge.', 'MRI of 4/3/23'],
    ['April 3, 2023', 'The lumbar MRI dated April 3, 2023 showed a bulge.', 'MRI dated April 3, 2023'],
    ['3 April 2023', 'An MRI on 3 April 2023 showed a bulge.', 'MRI on 3 April 2023'],
    ['2023-04-03', 'The 2023-04-03 MRI showed a bulge.', '2023-04-03 MRI'],
    ['a sentence-initial date', 'On 4/3/2023, an MRI of the lumbar spine showed a bulge.', '4/3/2023, an MRI'],
  ])('ties a document to a date written %s', (_format, sentence, expected) => {
    expect(references(sentence)).toEqual([expected]);
  });

  it.each([
    ["Dr. Chu's operative report of May 9, 2023 describes the repair.", "Dr. Chu's operative report of May 9, 2023"],
    ['The operative report of Kevin Chu, M.D. describes the repair.', 'operative report of Kevin Chu, M.D.'],
    ['The Kaiser physical therapy notes show progress.', 'Kaiser physical therapy notes'],
    ['The deposition of the applicant taken 1/12/2024 is consistent.', 'deposition of the applicant taken 1/12/2024'],
    ['An MRI of the right shoulder performed at Lakeside Imaging on 6/2/2023 showed a tear.', 'MRI of the right shoulder performed at Lakeside Imaging on 6/2/2023'],
    ['Progress notes of Dr. Lopez dated 2/1/23, 3/1/23 and 4/5/23 record pain.', 'Progress notes of Dr. Lopez dated 2/1/23, 3/1/23 and 4/5/23'],
  ])('ties a document to its provider or facility: %s', (sentence, expected) => {
    expect(references(sentence)).toEqual([expected]);
  });

  it.each([
    ['a document with no date or provider', 'X-rays were taken and the MRI showed a tear.'],
    ['the examiner who ordered, not wrote', 'Dr. Chu ordered an MRI, which showed a tear.'],
    ["the examinee's own statements", 'She reports that on 3/4/2023 her pain began.'],
    ['this report', 'This report of 06/10/2024 answers the questions posed.'],
    ['a date that belongs to the injury', 'The MRI after the injury of 4/17/2023 showed a tear.'],
    ['a record not received', 'The MRI report of 7/7/2023 was not provided for review.'],
    ['a cumulative trauma period', 'Date of injury: CT 06/01/2022 – 02/15/2024.'],
    ['the date of examination', 'Date of evaluation: 12/10/2024.'],
  ])('ignores %s', (_label, sentence) => {
    expect(references(sentence)).toEqual([]);
  });

  it('drops a document dated on the day of the examination', () => {
    const text = report({ Introduction: 'I examined her on 06/10/2024.', 'Physical Examination': 'The evaluation on 06/10/2024 was unremarkable.', 'Records Reviewed': '1. 01/01/2020 — Clinic: note.' });
    expect(analyseRecords(buildModel(text)).references).toEqual([]);
  });

  it('reads citation keys, lists and ranges of keys', () => {
    const text = withRecords('See [R1], [R2–R4] and (Rec. 7).', '| Key | Date | Document |\n|---|---|---|\n| R1 | 1/1/2024 | Note |');
    const { citations } = analyseRecords(buildModel(text));
    expect(citations.map((c) => c.keys.map((k) => k.label))).toEqual([['R1'], ['R2', 'R3', 'R4'], ['7']]);
  });
});

describe('record-unlisted', () => {
  const RECORDS = [
    '1. 01/2023–06/2023 — Kaiser Permanente: progress notes and physical therapy notes. 212 pages.',
    '2. 04/03/2023 — Lakeside Imaging: MRI of the lumbar spine. 2 pages.',
    '3. 05/09/2023 — Kevin Chu, M.D.: operative report. 3 pages.',
  ].join('\n');

  it.each([
    ['a date inside an entry\'s range', 'The Kaiser physical therapy note of March 3, 2023 records progress.'],
    ['another date format', 'The MRI of 3 April 2023 shows a disc bulge.'],
    ['the provider without first name or credentials', "Dr. Chu's operative report of May 9, 2023 describes a meniscectomy."],
    ['a facility alias and no date', 'The Kaiser physical therapy notes show progress.'],
    ['an undated reference of the same provider and type', "Dr. Chu's operative report describes a meniscectomy."],
  ])('matches %s', (_label, history) => {
    expect(findings(withRecords(history, RECORDS))).toEqual([]);
  });

  it('reports the first mention of an unlisted record, with later mentions as related information', () => {
    const text = withRecords('An MRI of the right knee performed at Lakeside Imaging on 6/2/2023 showed a tear.\n\nThe MRI of 6/2/2023 shows a partial tear.', RECORDS);
    const [finding, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(slice(text, finding.span)).toBe('MRI of the right knee performed at Lakeside Imaging on 6/2/2023');
    expect(finding.message).toBe('MRI of the right knee performed at Lakeside Imaging on 6/2/2023 is cited here but has no entry under "Records Reviewed".');
    expect(finding.related?.map((r) => slice(text, r.span))).toEqual(['MRI of 6/2/2023']);
  });

  it('names only the dates no entry covers when one reference lists several', () => {
    const text = withRecords('Progress notes of Dr. Lopez dated 2/1/24, 3/1/24 and 4/5/24 record knee pain.', '1. Progress notes of Dr. Lopez dated 2/1/24 and 3/1/24. 6 pages.');
    const [finding] = findings(text);
    expect(finding.message).toBe('Progress notes of 4/5/24 is cited here but has no entry under "Records Reviewed".');
  });

  it('does not match a record of the same date but another type and provider', () => {
    const text = withRecords('The X-rays of 4/18/2023 at Westside Occupational Health show no fracture.', '1. 4/18/2023 — Kevin Chu, M.D.: office note. 2 pages.');
    expect(findings(text)).toHaveLength(1);
  });

  it('gives no finding without a records section, nor for a record cited by a key', () => {
    expect(findings(report({ 'History of Present Illness': 'The MRI of 6/2/2023 showed a tear.' }))).toEqual([]);
    const keyed = withRecords('Therapy notes of Queensboro Physical Therapy of 3/3/2024 [R10] show progress.', '| Key | Date | Document |\n|---|---|---|\n| [R7] | 02/20/2024–04/30/2024 | Queensboro Physical Therapy notes |');
    expect(findings(keyed)).toEqual([]);
    expect(findings(keyed, 'record-citation-unknown').map((d) => [slice(keyed, d.span), d.message])).toEqual([['[R10]', 'No entry under "Records Reviewed" carries the key R10.']]);
  });
});

describe('record-unlisted fix', () => {
  it('adds a bulleted entry in date order, in the list\'s date format and separators', () => {
    const text = withRecords('An MRI of the right shoulder performed at Lakeside Imaging on 6/2/2023 showed a tear.', '* 4/18/2023 — Westside Occupational Health: X-rays, right shoulder.\n* 10/16/2023 — Midstate Mutual Insurance: referral letter with questions.');
    const fixed = fixRecords(text);
    expect(fixed).toContain('* 4/18/2023 — Westside Occupational Health: X-rays, right shoulder.\n* 6/2/2023 — Lakeside Imaging: MRI of the right shoulder.\n* 10/16/2023 — Midstate');
    expect(findings(fixed)).toEqual([]);
    keepsEveryLine(text, fixed);
  });

  it('adds a table row with the same columns, the next key and a page placeholder', () => {
    const text = withRecords('The urgent care note of 2/28/2024 records a small effusion.', [
      '| Key | Date | Provider | Record | Pages |',
      '|---|---|---|---|---|',
      '| [R1] | 2024-02-27 | Gulf Breeze Home Health | Employer\'s first report of injury | 2 |',
      '| [R2] | 2024-03-05 | Steven Whitley, M.D. | Initial consultation | 4 |',
    ].join('\n'));
    const fixed = fixRecords(text);
    expect(fixed).toContain("| 2 |\n| [R3] | 2024-02-28 | | Urgent care note | [[pages]] |\n| [R2] |");
    expect(findings(fixed)).toEqual([]);
    keepsEveryLine(text, fixed);
  });

  it('offers the new entry as a snippet too, its page count a tab stop', () => {
    const listed = withRecords('The MRI of 3/18/2024 (Gulf Coast Imaging) shows a tear.', '1. 02/27/2024 — Employer: report of injury. 2 pp.');
    const tabled = withRecords('The urgent care note of 2/28/2024 records a small effusion.', [
      '| Key | Date | Provider | Record | Pages |',
      '|---|---|---|---|---|',
      "| [R1] | 2024-02-27 | Gulf Breeze Home Health | Employer's first report of injury | 2 |",
    ].join('\n'));
    for (const text of [listed, tabled]) {
      const { fix } = findings(text)[0];
      expect(fix?.snippet).toEqual({ ...fix!.edits[0], newText: fix!.edits[0].newText.replace('[[pages]]', '${1:pages}') });
    }
    const unpaged = withRecords('The MRI of 3/18/2024 (Gulf Coast Imaging) shows a tear.', '1. 02/27/2024 — Employer: report of injury.');
    expect(findings(unpaged)[0].fix?.snippet).toBeUndefined();
  });

  it('keeps a numbered list chronological without rewriting the numbers of later items', () => {
    const text = withRecords('The MRI of 3/18/2024 (Gulf Coast Imaging) shows a tear. The FCE of 10/2/2024 limits lifting.', '1. 02/27/2024 — Employer: report of injury. 2 pp.\n2. 05/14/2024 — Steven Whitley, M.D.: operative report. 3 pp.');
    const fixed = fixRecords(text);
    // Markdown numbers the rendered list 1-4 in order; the author's own lines stay as written.
    expect(fixed).toContain('1. 02/27/2024 — Employer: report of injury. 2 pp.\n2. 03/18/2024 — Gulf Coast Imaging: MRI. [[pages]] pp.\n2. 05/14/2024 — Steven Whitley, M.D.: operative report. 3 pp.\n3. 10/02/2024 — FCE. [[pages]] pp.');
    expect(findings(fixed)).toEqual([]);
    keepsEveryLine(text, fixed);
  });

  it('appends with the next number when the body cites the items by number', () => {
    const text = withRecords('The MRI of 3/18/2024 shows a tear. The operative report (Rec. 2) describes the repair.', '1. 02/27/2024 — Employer: report of injury.\n2. 05/14/2024 — Steven Whitley, M.D.: operative report.');
    expect(fixRecords(text)).toContain('2. 05/14/2024 — Steven Whitley, M.D.: operative report.\n3. 03/18/2024 — MRI.');
  });

  it('adds a paragraph in the style of paragraph-per-record lists', () => {
    const text = withRecords('The EMG of June 5, 2024 was normal.', '**March 4, 2024.** Fordham Community Hospital: emergency department record.\n\n**April 10, 2024.** Fordham Open MRI: MRI of the cervical spine.');
    const fixed = fixRecords(text);
    expect(fixed).toContain('**April 10, 2024.** Fordham Open MRI: MRI of the cervical spine.\n\n**June 5, 2024.** EMG.');
    expect(findings(fixed)).toEqual([]);
  });
});

describe('records-section-missing fix', () => {
  it('lists every record the body cites, one entry each, in date order', () => {
    const text = report({
      'History of Present Illness': "The employer's report of injury dated 04/22/2024 describes the lift. The MRI of the lumbar spine dated 05/06/2024 at Summit Imaging showed a bulge. Dr. Karen Howell saw him. Her initial evaluation of 04/24/2024 records spasm.",
      'Diagnostic Studies': 'MRI of the lumbar spine, 05/06/2024 (Summit Imaging): mild bulge.',
      'Physical Examination': 'Normal.',
    });
    const [finding] = findings(text, 'records-section-missing');
    expect(finding.message).toContain('though it cites 3 records');
    expect(finding.fix!.title).toBe('Insert a Records Reviewed section listing the 3 cited records');
    const fixed = applyFixes(text, [finding.fix!]).text;
    expect(fixed).toContain([
      '## Records Reviewed',
      '',
      "1. 04/22/2024 — Employer's report of injury ([[pages]] pages)",
      '2. 04/24/2024 — Dr. Karen Howell: initial evaluation ([[pages]] pages)',
      '3. 05/06/2024 — Summit Imaging: MRI of the lumbar spine ([[pages]] pages)',
    ].join('\n'));
    expect(findings(fixed)).toEqual([]);
    keepsEveryLine(text, fixed);
  });

  it('keeps the template when the body cites no record', () => {
    const text = report({ 'History of Present Illness': 'He lifted a keg.' });
    const fixed = fixAll(text).text;
    expect(fixed).toContain('## Records Reviewed\n\n1. [[date]] — [[provider or facility]]: [[document type]] ([[pages]] pages)');
  });
});

describe('record-entry-undated', () => {
  it('reports list items and rows without a date, not total lines', () => {
    const text = withRecords('History.', '1. 03/13/2024 — Urgent care note. 3 pages.\n2. Claim form. 2 pages.\n3. Total: 5 pages.');
    const found = findings(text, 'record-entry-undated');
    expect(found.map((d) => line(text, d.span.start))).toEqual([lineOf(text, '2. Claim form')]);
    expect(found[0].message).toBe('This records entry gives no date: add the date or date range of the record.');
  });
});

describe('navigation', () => {
  it('goes from a citation key or a reference to its entry, and from an entry to every citation', () => {
    const text = withRecords('The MRI of 02/02/2024 showed a tear [R5]. The lumbar MRI dated 04/03/2023 shows a bulge. See also [R5].', '| Key | Date | Document |\n|---|---|---|\n| [R5] | 02/02/2024 | MRI, right knee |\n| [R6] | 04/03/2023 | MRI, lumbar spine |');
    const model = buildModel(text);
    const r5 = text.indexOf('| [R5]');
    const r6 = text.indexOf('| [R6]');
    expect(line(text, recordDefinition(model, text.indexOf('[R5]') + 1)!.start)).toBe(line(text, r5));
    expect(line(text, recordDefinition(model, text.indexOf('lumbar MRI') + 8)!.start)).toBe(line(text, r6));
    expect(recordDefinition(model, text.indexOf('showed'))).toBeNull();
    expect(recordReferences(model, r5 + 3).map((s) => slice(text, s))).toEqual(['MRI of 02/02/2024', '[R5]', '[R5]']);
    expect(recordReferences(model, r6 + 3).map((s) => slice(text, s))).toEqual(['MRI dated 04/03/2023']);
  });
});
