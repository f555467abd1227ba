import type { ListItem } from 'mdast';
import { type Block, type ReportModel, type Section, inKind } from '../engine/model.js';
import { shiftSpan, TextMemo } from '../engine/memo.js';
import { allMatches, type Span } from '../engine/text.js';
import { holdsList, recordsSections } from './records-sections.js';

/** One entry of the Records Reviewed section (a list item or a table row) and its page count. */
export interface RecordPagesEntry {
  /** Where a diagnostic about the entry goes: its first paragraph or its table row. */
  span: Span;
  /** Pages the entry states (summed when it states several counts), or null when it states none. */
  pages: number | null;
}

/** A statement of the total number of pages reviewed ("I reviewed 179 pages of records", "Total: 79 pages"). */
export interface PageTotal {
  value: number;
  /** The number as written. */
  span: Span;
}

export interface RecordPages {
  /** The outermost Records Reviewed sections. */
  sections: Section[];
  entries: RecordPagesEntry[];
  totals: PageTotal[];
  /** Whether the report says it received no records at all (a verification of zero pages). */
  noRecords: boolean;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const COUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+|${NUMBER_WORDS.join('|')}|no)`;
/** "5 pp.", "64 pages", "1 page", "12 pgs" */
const PAGE_COUNT = new RegExp(String.raw`\b${COUNT}\s+(?:total\s+)?(?:pages?\b|pp\b\.?|pgs?\b\.?)`, 'gi');
const FIRST_PAGE_COUNT = new RegExp(PAGE_COUNT.source, 'i');
/** "pp. 1–12", "pages 1-12": an entry's pages given as a range */
const PAGE_RANGE = /\b(?:pp?\.|pages?)\s*(\d+)\s*(?:-|–|to)\s*(\d+)\b/gi;
/** "Total pages: 79", "pages reviewed: 179" */
const PAGES_THEN_COUNT = /\bpages?\b(?:\s+(?:of\s+records\s+)?(?:reviewed|received))?\s*[:=–—-]\s*(\d{1,3}(?:,\d{3})+|\d+)\b/i;
const TOTAL_WORD = /\b(?:total(?:s|ing|led|ed)?|in\s+all|altogether|verif\w*)\b/i;
/** Prose in the records section (not an entry) that counts pages counts the review as a whole. */
const REVIEW_WORD = /\b(?:reviewed|received|records|documents)\b/i;
/** A whole-review statement outside the records section must name the records as a whole. */
const WHOLE_REVIEW = /\bpages?\s+of\s+(?:medical\s+|the\s+)?(?:records|documents|materials)\b|\btotal\s+(?:number\s+of\s+)?pages?\b/i;
const TOTAL_LABEL = /^\W*(?:grand\s+)?total\b/i;
const PAGES_HEADER = /^(?:(?:no\.?|number|#)\s*(?:of\s+)?)?(?:pages?|pp\.?|pgs?\.?)(?:\s+count)?$|^page\s+count$/i;
const NO_RECORDS = /\bno\s+(?:medical\s+)?records\s+(?:were\s+|was\s+)?(?:received|provided|available|sent|reviewed)\b|\b(?:received|reviewed)\s+no\s+(?:medical\s+)?records\b/i;

function countValue(word: string): number {
  const lower = word.toLowerCase();
  if (lower === 'no') return 0;
  const index = NUMBER_WORDS.indexOf(lower);
  return index >= 0 ? index : Number(lower.replace(/,/g, ''));
}

/**
 * A leaf item's page count, or TOTAL for a line that states the list's total, by item: the
 * incremental parser keeps the mdast of unchanged chunks, so after an edit a long list's items
 * are not read again. Keyed weakly, they go with their nodes.
 */
const TOTAL = 'total';
const itemPages = new WeakMap<ListItem, number | null | typeof TOTAL>();

function itemPagesOf(item: ListItem, blocks: Block[]): number | null | typeof TOTAL {
  let pages = itemPages.get(item);
  if (pages === undefined) {
    const text = blocks.map((b) => b.text).join('\n');
    pages = TOTAL_LABEL.test(text) ? TOTAL : countPages(text);
    itemPages.set(item, pages);
  }
  return pages;
}

/**
 * A leaf item's entry, kept with the item while its first block is the same (the model moves the
 * block's span in place): a records list has thousands, and an edit would make them all anew.
 */
const itemEntries = new WeakMap<ListItem, RecordPagesEntry>();

function itemEntryOf(item: ListItem, first: Block, pages: number | null): RecordPagesEntry {
  const kept = itemEntries.get(item);
  if (kept?.span === first.span && kept.pages === pages) return kept;
  const entry = { span: first.span, pages };
  itemEntries.set(item, entry);
  return entry;
}

/**
 * Whether a block of a records section is (part of) an entry, whose pages the entries count: a
 * table row, or a block of a leaf item that does not state the list's total. The items' counts are
 * read before the prose is.
 */
function isEntryBlock(block: Block): boolean {
  if (block.type === 'tableRow') return true;
  const item = block.list?.item;
  if (!item || holdsList(item)) return false;
  const pages = itemPages.get(item);
  return pages !== undefined && pages !== TOTAL;
}

/** A leaf item's page count as an entry states it: null for none, and for a line that states the list's total. */
export function pagesOfItem(item: ListItem, blocks: Block[]): number | null {
  const pages = itemPagesOf(item, blocks);
  return pages === TOTAL ? null : pages;
}

/** Sum of the page counts a piece of text states, or null when it states none (items keep theirs above). */
function countPages(text: string): number | null {
  let total: number | null = null;
  for (const m of allMatches(PAGE_COUNT, text)) total = (total ?? 0) + countValue(m[1]);
  for (const m of allMatches(PAGE_RANGE, text)) total = (total ?? 0) + Math.max(0, Number(m[2]) - Number(m[1]) + 1);
  return total;
}

/** The stated total in one sentence of prose, if it states one. */
function totalIn(text: string, base: number, inRecords: boolean): PageTotal | null {
  const statesTotal = inRecords ? TOTAL_WORD.test(text) || REVIEW_WORD.test(text) : WHOLE_REVIEW.test(text);
  if (!statesTotal) return null;
  const counted = FIRST_PAGE_COUNT.exec(text);
  if (counted) return { value: countValue(counted[1]), span: { start: base + counted.index, end: base + counted.index + counted[1].length } };
  const labelled = PAGES_THEN_COUNT.exec(text);
  if (!labelled) return null;
  const at = labelled.index + labelled[0].lastIndexOf(labelled[1]);
  return { value: countValue(labelled[1]), span: { start: base + at, end: base + at + labelled[1].length } };
}

/** What a sentence of prose says of pages, offsets in the sentence: the report reads every sentence at every lint. */
interface ProsePages {
  noRecords: boolean;
  /** The total it states if it stands in the records section, and if it stands elsewhere. */
  totalInRecords: PageTotal | null;
  totalElsewhere: PageTotal | null;
}

const prosePagesByText = new TextMemo<ProsePages>();

function readProsePages(text: string): ProsePages {
  return { noRecords: NO_RECORDS.test(text), totalInRecords: totalIn(text, 0, true), totalElsewhere: totalIn(text, 0, false) };
}

function cellText(block: Block, cell: Span): string {
  return block.text.slice(cell.start - block.span.start, cell.end - block.span.start).trim();
}

/** Index of a table's "Pages" column, from its header row. */
function pagesColumn(header: Block | undefined): number {
  return header?.cells?.findIndex((cell) => PAGES_HEADER.test(cellText(header, cell))) ?? -1;
}

function readTableRow(row: Block, column: number, out: RecordPages): void {
  const cells = row.cells ?? [];
  const columnText = column >= 0 && cells[column] ? cellText(row, cells[column]) : '';
  const columnCount = /^\d{1,3}(?:,\d{3})*(?:\s*(?:pages?|pp\.?|pgs?\.?))?$/i.test(columnText) ? Number(columnText.replace(/[^\d]/g, '')) : null;
  if (cells.some((cell) => TOTAL_LABEL.test(cellText(row, cell)))) {
    const numberAt = column >= 0 && columnCount !== null ? cells[column] : null;
    if (numberAt) {
      out.totals.push({ value: columnCount!, span: numberAt });
    } else {
      const stated = totalIn(row.text, row.span.start, true);
      if (stated) out.totals.push(stated);
    }
    return;
  }
  out.entries.push({ span: row.span, pages: columnCount ?? countPages(row.text) });
}

/** Reads every records entry's page count and every stated total (8 CCR §9795 page-count verification). */
export function analyseRecordPages(model: ReportModel): RecordPages {
  const cached = model.cache.get('record-pages') as RecordPages | undefined;
  if (cached) return cached;
  const records = recordsSections(model);
  const result: RecordPages = { sections: records.map((r) => r.section), entries: [], totals: [], noRecords: false };

  for (const { blocks, items } of records) {
    const headers = new Map(blocks.filter((b) => b.header && b.table).map((b) => [b.table, b]));
    for (const block of blocks) {
      if (block.type !== 'tableRow' || block.header) continue;
      readTableRow(block, pagesColumn(headers.get(block.table)), result);
    }
    // forEach: a Map's for-of makes an array per item, and a records list has thousands.
    items.forEach((group, item) => {
      // Only leaf items are entries; an item holding a nested list is a group heading.
      if (holdsList(item)) return;
      const pages = itemPagesOf(item, group);
      if (pages === TOTAL) return; // read below as a total statement
      result.entries.push(itemEntryOf(item, group[0], pages));
    });
  }

  for (const block of model.blocks) {
    if (block.type === 'heading') continue;
    const inRecords = inKind(block, 'records');
    if (inRecords && isEntryBlock(block)) continue;
    for (const sentence of block.sentences) {
      const prose = prosePagesByText.get(sentence.text, readProsePages);
      if (prose.noRecords) result.noRecords = true;
      const stated = inRecords ? prose.totalInRecords : prose.totalElsewhere;
      if (stated) result.totals.push({ value: stated.value, span: shiftSpan(stated.span, sentence.span.start) });
    }
  }
  model.cache.set('record-pages', result);
  return result;
}
