import { type CalendarDate, type FoundDate, dayNumber, formatLike } from '../analysis/dates.js';
import { type FoundName, type PersonName, findNames, findNamesBySurname, sameName } from '../analysis/names.js';
import { type RecordEntry, type RecordReference, type RecordsAnalysis, type RecordsContainer, type UnlistedRecord, analyseRecords, findFacilities } from '../analysis/records.js';
import type { ReportModel } from '../engine/model.js';
import { lineBreakOf } from '../engine/text.js';
import { blockInsertion } from './skeletons.js';
import type { Fix, TextEdit } from './types.js';

/**
 * Writing records entries the way the report's own list writes them: same date format,
 * numbering, column layout and page-count style, in the list's order.
 */

const PAGES = '[[pages]]';
const PAGES_SNIPPET = '${1:pages}';

/** What a new entry says about the record. */
export interface NewEntry {
  dates: FoundDate[];
  provider?: string;
  type: string;
}

/** The reference's words in the body (Markdown blanked, one line): "MRI of 6/2/2023 (Lakeside Imaging)". */
export function referenceText(reference: RecordReference): string {
  const { sentence, span } = reference;
  const from = span.start - sentence.span.start;
  return sentence.text.slice(Math.max(0, from), span.end - sentence.span.start).replace(/\s+/g, ' ').trim();
}

export function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The fullest way the report names a provider: "Dr. Kevin Chu" over "Dr. Chu". */
function providerLabel(model: ReportModel, reference: RecordReference): string | undefined {
  const provider = reference.providers.find((p) => p.name) ?? reference.providers[0];
  if (!provider) return undefined;
  if (!provider.name) return provider.text.trim();
  return fullestName(model, provider.name) ?? provider.text.trim();
}

function fullestName(model: ReportModel, name: PersonName): string | undefined {
  // The text's names with this surname, read once per lint however many fixes ask.
  let bySurname = model.cache.get('names') as Map<string, readonly FoundName[]> | undefined;
  if (!bySurname) model.cache.set('names', (bySurname = new Map()));
  const surname = name.surname.toLowerCase();
  let names = bySurname.get(surname);
  if (!names) bySurname.set(surname, (names = findNamesBySurname(model.text, name.surname)));
  const fuller = names
    .filter((n) => sameName(n.name, name) && n.name.given)
    .map((n) => model.text.slice(n.start, n.end).replace(/\s+/g, ' ').replace(/['’]s$/, ''));
  return fuller.sort((a, b) => b.length - a.length)[0];
}

/**
 * Who wrote a record the body names without tying a provider to it, for the new entry's text
 * only: the one facility of the sentence whose kind the noun repeats ("seen at Bayfront Urgent
 * Care; the urgent care note of 2/28/2024"), or the one doctor of the sentence before for "her
 * note" ("Dr. Karen Howell saw him. Her initial evaluation of 04/24/2024 ...").
 */
function impliedProvider(model: ReportModel, reference: RecordReference): string | undefined {
  const { sentence } = reference;
  const facilities = findFacilities(sentence.text);
  const phrase = reference.phrase.toLowerCase();
  if (facilities.length === 1 && /\b(?:urgent care|physical therapy|hospital|clinic|rehab\w*|imaging|radiology)\b/i.exec(facilities[0].text)?.[0].toLowerCase().split(' ').every((w) => phrase.includes(w))) {
    return facilities[0].text;
  }
  const possessive = /\b(?:her|his|their)\s+(?:[\w-]+\s+){0,2}$/i.test(sentence.text.slice(0, reference.noun.span.start - sentence.span.start));
  if (!possessive || reference.noun.family !== 'clinical' && reference.noun.family !== 'generic') return undefined;
  const previous = sentence.block.sentences[sentence.block.sentences.indexOf(sentence) - 1];
  const doctors = previous ? findNames(previous.text) : [];
  if (doctors.length !== 1 || !doctors.every((d) => sameName(d.name, doctors[0].name))) return undefined;
  return fullestName(model, doctors[0].name) ?? doctors[0].name.display;
}

export function newEntryFor(model: ReportModel, reference: RecordReference, dates: FoundDate[]): NewEntry {
  const provider = providerLabel(model, reference) ?? impliedProvider(model, reference);
  return { dates, type: reference.phrase, ...(provider ? { provider } : {}) };
}

function dateText(model: ReportModel, d: FoundDate): string {
  return model.source.slice(d.span.start, d.span.end);
}

/** Dates written like `example`; a range with the list's own dash. */
function formatDates(dates: FoundDate[], example: string | undefined, rangeSeparator: string): string {
  const one = (c: CalendarDate) => (example ? formatLike(c, example) : formatLike(c, '01/01/2000'));
  return dates.map((d) => (d.end ? `${one(d.start)}${rangeSeparator}${one(d.end)}` : one(d.start))).join(', ');
}

// Every unlisted record's fix reads the same list: what it derives from the list alone is kept
// with the list's container, which later lints share while the list holds the same entries (and
// carry over to the next container where the entries an edit changed give the same, see
// `Carries`); what also reads the rest of the report (citations, other lists' keys) is kept per lint.
const perContainer = new WeakMap<RecordsContainer, Map<string, unknown>>();
const perLint = new WeakMap<RecordsAnalysis, Map<RecordsContainer, Map<string, unknown>>>();

/**
 * Whether a value derived from the list before an edit holds after it, asked of each entry the
 * edit changed: `before` and `after` stand at `index` in the two lists.
 */
type Carries<T> = (value: T, before: RecordEntry, after: RecordEntry, index: number) => boolean;

/** More changed entries than this and the value is derived again: comparing would cost as much. */
const MAX_CARRIED_CHANGES = 32;

function memo<T>(container: RecordsContainer, key: string, compute: () => T, carries?: Carries<T>): T {
  let values = perContainer.get(container);
  if (!values) perContainer.set(container, (values = new Map()));
  if (!values.has(key) && carries) {
    const carried = carriedValue(container, key, carries);
    if (carried) values.set(key, carried.value);
  }
  return memoIn(values, key, compute);
}

/** The value the container's predecessor derived, when every entry the edit changed gives the same. */
function carriedValue<T>(container: RecordsContainer, key: string, carries: Carries<T>): { value: T } | null {
  const previous = container.replaces;
  const values = previous && perContainer.get(previous);
  if (!previous || !values?.has(key)) return null;
  const value = values.get(key) as T;
  const changed = changedIndexes(previous, container);
  if (!changed) return null;
  for (const i of changed) if (!carries(value, previous.entries[i], container.entries[i], i)) return null;
  return { value };
}

const changedByContainer = new WeakMap<RecordsContainer, number[] | null>();

/** The indexes at which a container's entries differ from those of the one it replaces; null when more than `MAX_CARRIED_CHANGES` do. */
function changedIndexes(previous: RecordsContainer, container: RecordsContainer): number[] | null {
  let changed = changedByContainer.get(container);
  if (changed === undefined) {
    changed = [];
    for (let i = 0; i < container.entries.length && changed; i++) {
      if (previous.entries[i] === container.entries[i]) continue;
      if (changed.length === MAX_CARRIED_CHANGES) changed = null;
      else changed.push(i);
    }
    changedByContainer.set(container, changed);
  }
  return changed;
}

function memoInLint<T>(analysis: RecordsAnalysis, container: RecordsContainer, key: string, compute: () => T): T {
  let containers = perLint.get(analysis);
  if (!containers) perLint.set(analysis, (containers = new Map()));
  let values = containers.get(container);
  if (!values) containers.set(container, (values = new Map()));
  return memoIn(values, key, compute);
}

function memoIn<T>(values: Map<string, unknown>, key: string, compute: () => T): T {
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}

interface DateStyle {
  /** A single date of the list as written, to copy its format (the first range's start where none is single). */
  example?: string;
  /** How the list writes ranges: the last range's dash. */
  range: string;
  /** Where the entry giving the single date stands (Infinity for none). */
  exampleAt: number;
}

const hasRange = (entry: RecordEntry) => entry.dates.some((d) => d.end);
const hasSingle = (entry: RecordEntry) => entry.dates.some((d) => !d.end);

function dateStyle(model: ReportModel, container: RecordsContainer): DateStyle {
  return memo(container, 'dateStyle', () => listDateStyle(model, container.entries), (style, before, after, index) =>
    // The first single date and the ranges give the style.
    !hasRange(before) && !hasRange(after) && keepsFirst(style.exampleAt, index, after, hasSingle));
}

/**
 * Whether what the list's first entry with `has` gives (that entry found at `from`; Infinity for
 * none) holds after an edit changed the entry at `index`: it stands after that entry, or before
 * it and still lacks `has`.
 */
function keepsFirst(from: number, index: number, after: RecordEntry, has: (entry: RecordEntry) => boolean): boolean {
  return index > from || (index < from && !has(after));
}

function listDateStyle(model: ReportModel, entries: RecordEntry[]): DateStyle {
  let single: string | undefined;
  let exampleAt = Infinity;
  let rangeStart: string | undefined;
  let range = '–';
  for (let i = 0; i < entries.length; i++) {
    for (const d of entries[i].dates) {
      if (!d.end) {
        if (single === undefined) {
          single = dateText(model, d);
          exampleAt = i;
        }
        continue;
      }
      const text = dateText(model, d);
      const sep = /\s*(?:–|—|-|to|through)\s*/.exec(text.slice(1));
      if (sep) range = sep[0];
      rangeStart ??= text.slice(0, 1 + (sep?.index ?? text.length));
    }
  }
  return { example: single ?? rangeStart, range, exampleAt };
}

function firstDay(dates: FoundDate[]): number | null {
  let first = Infinity;
  for (const d of dates) first = Math.min(first, dayNumber(d.start));
  return dates.length ? first : null;
}

/** Where a new entry goes: before the first later entry when the list is in date order, else at the end. */
function insertionIndex(container: RecordsContainer, entry: NewEntry): number {
  const order = memo(container, 'dateOrder', () => dateOrder(container.entries), (_, before, after) => firstDay(before.dates) === firstDay(after.dates));
  const day = firstDay(entry.dates);
  if (!order || day === null) return container.entries.length;
  // The first dated entry later than the day, found by halving: the dated entries' days ascend.
  let low = 0;
  let high = order.days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order.days[mid] > day) high = mid;
    else low = mid + 1;
  }
  return low < order.days.length ? order.indexes[low] : container.entries.length;
}

/** The dated entries' first days and their indexes in the list, when at least two are dated and their days ascend; else null. */
function dateOrder(entries: RecordEntry[]): { days: number[]; indexes: number[] } | null {
  const days: number[] = [];
  const indexes: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const day = firstDay(entries[i].dates);
    if (day === null) continue;
    if (days.length && days[days.length - 1] > day) return null;
    days.push(day);
    indexes.push(i);
  }
  return days.length >= 2 ? { days, indexes } : null;
}

function pagesStated(container: RecordsContainer): boolean {
  return memo(container, 'pagesStated', () => container.columns?.pages !== undefined || container.entries.some((e) => e.pages !== null),
    (_, before, after) => (before.pages === null) === (after.pages === null));
}

/** "5 pp.", "(64 pages)" at the end of an entry. */
const PAGES_ENDING = /([,.;]?\s*)(\(?)\d[\d,]*\s*(pp\.?|pages?|pgs?\.?)(\)?)(\.?)$/;

function pagesEnding(model: ReportModel, entry: RecordEntry): RegExpExecArray | null {
  return PAGES_ENDING.exec(model.text.slice(entry.span.start, entry.span.end).trimEnd());
}

/** The list's page-count ending ("5 pp.", "(64 pages)") with a placeholder for the count. */
function pagesSuffix(model: ReportModel, container: RecordsContainer, placeholder: string): string {
  return memo(container, `pagesSuffix:${placeholder}`, () => listPagesSuffix(model, container, placeholder), (ending, _, after, index) =>
    // The first entry that ends so gives it; without one, the whole list does.
    ending.from !== Infinity && keepsFirst(ending.from, index, after, (entry) => !!pagesEnding(model, entry))).suffix;
}

function listPagesSuffix(model: ReportModel, container: RecordsContainer, placeholder: string): { suffix: string; from: number } {
  for (let i = 0; i < container.entries.length; i++) {
    const m = pagesEnding(model, container.entries[i]);
    if (m) return { suffix: `${m[1] || ' '}${m[2]}${placeholder} ${m[3]}${m[4]}${m[3].endsWith('.') ? '' : m[5]}`, from: i };
  }
  // Read from the whole list: not carried over.
  return { suffix: pagesStated(container) ? ` (${placeholder} pages)` : '', from: Infinity };
}

/** One entry's text for a list item or paragraph, shaped like an existing entry. */
function proseEntry(model: ReportModel, container: RecordsContainer, entry: NewEntry, key: string | null, placeholder: string): string {
  const { example: exampleDate, range } = dateStyle(model, container);
  const date = formatDates(entry.dates, exampleDate, range);
  const example = container.entries.find((e) => e.dates.length) ?? container.entries[0];
  const source = example ? model.text.slice(example.span.start, example.span.end).split(/\r?\n/)[0] : '';
  const firstDate = example?.dates[0];
  const dateAt = firstDate ? firstDate.span.start - example.span.start : -1;
  const pages = pagesStated(container) ? pagesSuffix(model, container, placeholder) : '';
  const head = example?.blocks[0]?.sentences[0]?.text ?? '';
  const period = (/\.\s*$/.test(head) || !example) && !/^[.,;]/.test(pages) ? '.' : '';
  const keyed = (prefix: string) => (key ? prefix.replace(/(R-?)\d+/i, `$1${key.replace(/^\D+/, '')}`) : prefix);

  if (firstDate && dateAt >= 0 && /^[\s*_[\]^\w-]{0,8}$/.test(source.slice(0, dateAt)) && !/[a-z]{3}/i.test(source.slice(0, dateAt).replace(/R\d+/i, ''))) {
    // "4/18/2023 — Westside Occupational Health: clinic note." / "**04/18/2023** — ..."
    const prefix = keyed(source.slice(0, dateAt));
    const after = source.slice(firstDate.span.end - example.span.start);
    const sep = /^[.,:]?[*_]*[.,:]?\s*(?:—|–|-|:|,)?\s*/.exec(after)![0] || ' — ';
    const rest = after.slice(sep.length);
    const providerSep = /^[^.]*?:\s/.test(rest) ? ': ' : ', ';
    const type = /^[^:]*:\s*[a-z]/.test(rest) || /^[a-z]/.test(rest) ? entry.type : capitalise(entry.type);
    const body = entry.provider ? `${entry.provider}${providerSep}${type}` : capitalise(type);
    return entry.dates.length ? `${prefix}${date}${sep}${body}${period}${pages}` : `${prefix.replace(/[*_]+/g, '')}${capitalise(body)}${period}${pages}`;
  }
  // Entries that name the document first: "Progress notes of Dr. Lopez dated 2/1/23".
  const who = entry.provider ? `, ${entry.provider}` : '';
  const when = entry.dates.length ? `, ${date}` : '';
  return `${capitalise(entry.type)}${who}${when}${period}${pages}`;
}

/** The next key after the list's highest ("R9" -> "R10"), or null when entries carry no letter keys. */
function nextKey(container: RecordsContainer, analysis: RecordsAnalysis): string | null {
  return memoInLint(analysis, container, 'nextKey', () => listNextKey(container, analysis));
}

const LETTER_KEY = /^r\d+$/;
const isLetterKey = (key: string) => LETTER_KEY.test(key);

function listNextKey(container: RecordsContainer, analysis: RecordsAnalysis): string | null {
  if (highestLetterKey(container) === null) return null;
  // Every entry is in one of the containers, whose highest keys are kept with them.
  return `R${Math.max(0, ...analysis.containers.map((c) => highestLetterKey(c) ?? 0)) + 1}`;
}

/** The highest number of a letter key ("R12") among the list's entries, or null when none carries one. */
function highestLetterKey(container: RecordsContainer): number | null {
  return memo(container, 'highestLetterKey', () => {
    let highest: number | null = null;
    for (const e of container.entries) highest = higherKey(highest, highestKeyOf(e));
    return highest;
  }, (_, before, after) => highestKeyOf(before) === highestKeyOf(after));
}

function highestKeyOf(entry: RecordEntry): number | null {
  let highest: number | null = null;
  for (const k of entry.keys) if (isLetterKey(k)) highest = higherKey(highest, Number(k.slice(1)));
  return highest;
}

function higherKey(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

interface Numbering {
  number: number | null;
  /** Numbers cited in the body tie the list's order down: then new entries go last. */
  appendOnly: boolean;
}

function numbering(container: RecordsContainer, analysis: RecordsAnalysis, index: number): Numbering {
  const { all, alike, sequential } = memo(container, 'numbers', () => {
    const numbers = container.entries.map((e) => e.number);
    return {
      all: numbers.length && numbers.every((n) => n !== undefined) ? (numbers as number[]) : null,
      alike: numbers.every((n) => n === numbers[0]),
      sequential: numbers.every((n, i) => n === (numbers[0] ?? 0) + i),
    };
  }, (_, before, after) => before.number === after.number);
  const cited = memoInLint(analysis, container, 'cited', () => analysis.citations.some((c) => (analysis.matches.get(c) ?? []).some((e) => e.container === container)));
  if (!all) return { number: null, appendOnly: false };
  if (alike) return { number: all[0], appendOnly: false }; // "1." on every item
  // A fix never rewrites the author's lines, so later entries keep their numbers. A Markdown list
  // renders its items numbered in order whatever the source says, so the new item can take the
  // number of the one it precedes; a table's number column cannot, so there the entry goes last.
  if (!sequential || cited || index >= all.length || container.kind === 'table') return { number: all[all.length - 1] + 1, appendOnly: true };
  return { number: all[index], appendOnly: false };
}

/** A letter key as the table writes it ("[R12]", "R-12"), for a new row's key; kept with the table, as every fix asks. */
function writtenKey(model: ReportModel, container: RecordsContainer): string | undefined {
  return memo(container, 'writtenKey', () => {
    const from = container.entries.findIndex(hasLetterKey);
    const example = container.entries[from];
    const key = example && example.container.node?.type === 'table' ? /\[?\^?R-?\d+\]?/i.exec(model.text.slice(example.span.start, example.span.end))?.[0] : undefined;
    return { key, from: from < 0 ? Infinity : from };
  }, (written, _, after, index) => keepsFirst(written.from, index, after, hasLetterKey)).key;
}

const hasLetterKey = (entry: RecordEntry) => entry.keys.some(isLetterKey);

function tableRow(model: ReportModel, container: RecordsContainer, entry: NewEntry, key: string | null, number: number | null, placeholder: string): string {
  const columns = container.columns ?? {};
  const header = container.node?.type === 'table' ? container.node.children[0] : undefined;
  const count = header?.children.length ?? 1;
  const { example, range } = dateStyle(model, container);
  const cells: string[] = Array.from({ length: count }, () => '');
  if (columns.key !== undefined) {
    const written = writtenKey(model, container);
    cells[columns.key] = key && written ? written.replace(/\d+/, key.slice(1)) : number !== null ? String(number) : key ?? '';
  }
  if (columns.date !== undefined) cells[columns.date] = formatDates(entry.dates, example, range);
  const typeColumn = columns.type ?? columns.summary;
  if (columns.provider !== undefined) cells[columns.provider] = entry.provider ?? '';
  if (typeColumn !== undefined) cells[typeColumn] = capitalise(entry.type);
  else if (columns.provider !== undefined) cells[columns.provider] = [entry.provider, entry.type].filter(Boolean).join(': ');
  if (columns.pages !== undefined) cells[columns.pages] = placeholder;
  const headerLine = header ? model.text.slice(header.position!.start.offset!, header.position!.end.offset!) : '|';
  const piped = headerLine.trimStart().startsWith('|');
  const row = cells.map((c) => ` ${c} `).join('|').replace(/ {2}/g, ' ');
  return piped ? `|${row}|` : row.trim();
}

interface Placement {
  edits: TextEdit[];
  /** The inserted entry again with its page count as a tab stop, when the list states page counts. */
  snippet?: TextEdit;
}

/** Where and how the new entry goes: worked out once, then written with each page-count placeholder. */
function place(model: ReportModel, analysis: RecordsAnalysis, container: RecordsContainer, entry: NewEntry): Placement {
  const nl = lineBreakOf(model.text);
  let index = insertionIndex(container, entry);
  const numbers = numbering(container, analysis, index);
  if (numbers.appendOnly) index = container.entries.length;
  const key = nextKey(container, analysis);
  const before = container.entries[index];
  const last = container.entries[container.entries.length - 1];
  let bullet = '';
  let separator = nl;
  if (container.kind !== 'table') {
    if (container.kind === 'numbered' || container.kind === 'bulleted') {
      const sample = before ?? last;
      const marker = /^(?:\d+([.)])|[-*+])(\s+)/.exec(model.text.slice(sample.itemSpan.start, sample.itemSpan.start + 8));
      bullet = `${container.kind === 'numbered' ? `${numbers.number ?? container.entries.length + 1}${marker?.[1] ?? '.'}` : model.text[sample.itemSpan.start]}${marker?.[2] ?? ' '}`;
      if (container.node?.type === 'list' && container.node.spread) separator = nl + nl;
    } else {
      separator = nl + nl;
    }
  }
  const lineStart = (offset: number) => model.lines.lineStart(model.lines.positionAt(offset).line);
  const at = before ? before.itemSpan.start : last.itemSpan.end;
  const indent = before ? model.text.slice(lineStart(at), at) : model.text.slice(lineStart(last.itemSpan.start), last.itemSpan.start);
  const insertion = (placeholder: string): TextEdit => {
    const content = container.kind === 'table' ? tableRow(model, container, entry, key, numbers.number, placeholder) : `${bullet}${proseEntry(model, container, entry, key, placeholder)}`;
    return { span: { start: at, end: at }, newText: before ? `${content}${separator}${indent}` : `${separator}${indent}${content}` };
  };
  // Numbers and keys are counted from the list as it stands: a guard on the list's last character
  // makes two such insertions overlap, so fix-all adds them one pass at a time and counts again.
  const counted = numbers.number !== null || key !== null;
  const guardAt = last.itemSpan.end;
  const guard = counted ? [{ span: { start: guardAt - 1, end: guardAt }, newText: model.text[guardAt - 1] }] : [];
  return { edits: [insertion(PAGES), ...guard], ...(pagesStated(container) ? { snippet: insertion(PAGES_SNIPPET) } : {}) };
}

/** The container new entries go to: the records list with the most entries (footnotes are not a list). */
function mainContainer(analysis: RecordsAnalysis): RecordsContainer | null {
  return analysis.containers.filter((c) => c.kind !== 'footnote' && c.entries.length).sort((a, b) => b.entries.length - a.entries.length)[0] ?? null;
}

/** `record-unlisted` quick fix: the record added to the Records Reviewed list in the list's own style. */
export function addEntryFix(model: ReportModel, unlisted: UnlistedRecord): Fix | undefined {
  const analysis = analyseRecords(model);
  const entry = newEntryFor(model, unlisted.reference, unlisted.dates);
  const title = `Add "${capitalise(referenceText(unlisted.reference))}" to ${analysis.sections[0] ? `"${analysis.sections[0].heading.text}"` : 'Records Reviewed'}`;
  const container = mainContainer(analysis);
  if (!container) {
    const section = analysis.sections[0];
    if (!section) return undefined;
    const at = section.span.end;
    const text = recordsListBody(model, [entry], PAGES);
    return { title, edits: [{ span: { start: at, end: at }, newText: blockInsertion(model.text, at, text) }], safe: true };
  }
  const { edits, snippet } = place(model, analysis, container, entry);
  return { title, edits, safe: true, ...(snippet ? { snippet } : {}) };
}

/** A numbered records list, one entry per record in date order (undated last), as the section template writes them. */
export function recordsListBody(model: ReportModel, entries: NewEntry[], pages: string | ((i: number) => string)): string {
  const sorted = [...entries].sort((a, b) => (firstDay(a.dates) ?? Infinity) - (firstDay(b.dates) ?? Infinity));
  const example = sorted.flatMap((e) => e.dates).find((d) => !d.end);
  const format = example ? dateText(model, example) : undefined;
  return sorted
    .map((e, i) => {
      const date = e.dates.length ? `${formatDates(e.dates, format, '–')} — ` : '';
      const what = e.provider ? `${e.provider}: ${e.type}` : capitalise(e.type);
      return `${i + 1}. ${date}${date ? what : capitalise(what)} (${typeof pages === 'string' ? pages : pages(i)} pages)`;
    })
    .join('\n');
}
