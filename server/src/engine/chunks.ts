import type { List, Nodes, Root, RootContent, Table } from 'mdast';
import { ownCopy } from './memo.js';
import { parseMarkdown } from './parse.js';
import { parsePlainMarkdown } from './plain-markdown.js';
import { type TextLike, wholeText } from './edited-text.js';
import { ReplacedNodes } from './replaced-nodes.js';
import { changeBetween, endsLine, firstIndex, matchesAt, type TextChange } from './text.js';

/**
 * Markdown parsed in chunks: the text is cut at block boundaries where Markdown carries no
 * state from one block to the next (or only a list's or a table's, which `relate` checks: a
 * chunk of table rows is read after the head of the table it goes on with), each chunk is
 * parsed on its own, and the trees are put together into what parsing the whole text gives
 * (a property test holds this). Parsing a long report in chunks is faster than at once, and
 * the parser keeps each chunk's mdast, keyed by its text, so after an edit only the chunks
 * whose text changed are parsed again (the others are moved to their new offsets).
 *
 * Where a local change is global in Markdown the whole text is parsed at once: a link
 * reference or footnote definition anywhere (it changes how `[x]` reads in every block),
 * and a fence or HTML block left open (it swallows the rest of the text).
 */
export class ChunkedParser {
  /** The chunks of the last reading, by text; one text may occur more than once. */
  private chunks = new Map<string, ParsedChunk[]>();

  /** The last text cut: the next one is cut where it differs from it only (a lint reads each text twice, too). */
  private lastCut: CutText | null = null;

  /** Where the chunks of the last complete reading stood in its text (see `placedChunk`). */
  private placement: Placement | null = null;

  /** `sizes` for tests: small chunks put every cut to work. */
  constructor(private readonly sizes: ChunkSizes = DEFAULT_SIZES) {}

  private cutsOf(text: TextLike): Cut[] {
    if (this.lastCut?.text !== text) this.lastCut = cutText(text, this.lastCut, this.sizes);
    return this.lastCut.cuts;
  }

  /** The mdast of `text`; with `untilTitle`, of its chunks up to the first heading only. */
  parse(text: TextLike, untilTitle = false): Root {
    const previous = this.chunks;
    const next = new Map<string, ParsedChunk[]>();
    const children: RootContent[] = [];
    const cuts = this.cutsOf(text);
    const { placement } = this;
    const change = placement && placement.text !== text ? changeBetween(placement.text, text) : null;
    /** The chunk from `start` to `end`, read after `head` (the head of a table it goes on with). */
    const takeAt = (start: number, end: number, head: string) =>
      (placement && placedChunk(placement, change, start, end, head, previous)) ?? take(previous, text.slice(start, end), head);
    const placed: Placement = { text, chunks: [], offsets: [] };
    /** Lists and tables this reading put together from chunks: new nodes, so the cached chunks stay as parsed. */
    const joined = new Set<List | Table>();
    /** The nodes of the chunks this reading parsed anew in place of, offered back (see `ReplacedNodes`). */
    const replaced = new ReplacedNodes();
    let line = 1;
    let complete = true;
    let i = 0;
    let chunk = takeAt(0, cuts[0].at, '');
    /** How the chunk goes on from the one before it: as a new block, or as more items of its last list. */
    let continues = false;
    let start = 0;
    for (;;) {
      let end = cuts[i].at;
      let after: { chunk: ParsedChunk; continues: boolean } | null = null;
      let joins = 1;
      while (end < text.length) {
        if (!endsClosed(chunk)) {
          // A fence or HTML block open at the end of the chunk runs on: read the rest as one chunk.
          end = text.length;
          chunk = takeAt(start, text.length, chunk.head);
          break;
        }
        if (cuts[i].tableRow && chunk.root.children.at(-1)?.type !== 'table') {
          // Lines starting with a pipe after something other than a table are read with it: the whole run at once.
          while (i < cuts.length - 1 && cuts[i].tableRow) i++;
          end = cuts[i].at;
          chunk = takeAt(start, end, chunk.head);
          continue;
        }
        const following = takeAt(end, cuts[i + 1].at, cuts[i].tableRow ? tableHead(chunk) : '');
        const relation = relate(chunk, following, cuts[i]);
        if (relation !== 'join') {
          after = { chunk: following, continues: relation === 'continue' };
          break;
        }
        // Markdown reads the two as one (a lazy line, a list of another kind): parse them together,
        // taking twice as many cuts each time it happens again, so a long run of them is not quadratic.
        i = Math.min(i + joins, cuts.length - 1);
        joins *= 2;
        end = cuts[i].at;
        chunk = takeAt(start, end, chunk.head);
      }
      if (chunk.definitions && cuts.length > 1) {
        this.chunks = new Map();
        this.placement = null;
        return parseMarkdown(wholeText(text));
      }
      if (chunk.fresh) {
        if (placement && change) {
          for (const old of replacedBy(placement, change, start, end, previous)) replaced.add(old.root, old.text, old.offset);
          replaced.takeBack(chunk.root, chunk.text, chunk.offset);
        }
        chunk.fresh = false;
      }
      place(chunk, start - chunk.head.length, line - chunk.headLineBreaks);
      placed.chunks.push(chunk);
      placed.offsets.push(start);
      keep(next, chunk.text, [chunk]);
      const nodes = chunk.root.children;
      const last = children.at(-1);
      if (continues && last?.type === 'list' && nodes[0]?.type === 'list') {
        const list = joined.has(last) ? last : copyLast(last, joined, children);
        appendItems(text, list, nodes[0]);
        children.push(...nodes.slice(1));
      } else if (continues && last?.type === 'table' && nodes[0]?.type === 'table') {
        appendRows(joined.has(last) ? last : copyLast(last, joined, children), nodes[0]);
        children.push(...nodes.slice(1));
      } else {
        children.push(...nodes);
      }
      line += chunk.lineBreaks;
      start = end;
      if (!after) break;
      // The title decides; a "[x]" in it could still read differently once later definitions are seen.
      if (untilTitle && nodes.some((n) => n.type === 'heading') && !chunk.text.includes('[')) {
        complete = false;
        keep(next, after.chunk.text, [after.chunk]);
        break;
      }
      i++;
      ({ chunk, continues } = after);
    }
    // Keep what the text still holds (and, after a detection-only reading, the rest for later).
    this.chunks = complete ? next : mergeChunks(next, previous);
    if (complete) this.placement = placed;
    return rootOf(text, children, start, line);
  }
}

interface ParsedChunk {
  /** The text parsed: the chunk's own, after the head of the table it goes on with, if any. */
  text: string;
  /** That head (a table's header and delimiter rows), or empty. */
  head: string;
  headLineBreaks: number;
  root: Root;
  /** Offset and 1-based line that the root's positions count from now. */
  offset: number;
  line: number;
  /** Line breaks in the chunk's own text. */
  lineBreaks: number;
  /** True when the chunk defines a link reference or footnote label. */
  definitions: boolean;
  /** Parsed in this reading and not yet placed: its nodes may be those of the chunks it replaces (see `ReplacedNodes`). */
  fresh: boolean;
}

// A line that starts a list item; one with text after the marker may start a chunk of list items.
const LIST_ITEM = /(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?(?:\n|$))/y;
const LIST_ITEM_WITH_TEXT = /(?:[-+*]|\d{1,9}[.)])[ \t]+[^\s]/y;
const BLANK = /[ \t]*\r?(?:\n|$)/y;
const FRONT_MATTER_CLOSE = /---\r?(?:\n|$)/y;
const NOT_SPACE = /\S/y;
const PIPE = 0x7c;

export interface Cut {
  /** Offset of the line the chunk starts with. */
  at: number;
  /** The line starts a list item, which may belong to a list that began in the chunk before. */
  listItem: boolean;
  /** The line starts with a pipe after one that does too: a row of a table that began in the chunk before, or not. */
  tableRow: boolean;
}

/**
 * Offsets where a chunk may start: the start of a line in column 0 that either follows a
 * blank line and is neither a list item nor `---`, or starts a list item with text after the
 * marker. The first kind closes every open container (list item, block quote, footnote
 * definition) and every leaf but a fenced code or HTML block at top level, which `endsClosed`
 * checks after parsing. The second kind may go on with a list of the chunk before, or be read
 * into it as a lazy line: `relate` decides once both are parsed. Front matter is never cut.
 */
export function splitPoints(text: TextLike): Cut[] {
  return scanSplitPoints(text).points;
}

/** The split points of the text, and where its front matter ends (0 without one). */
function scanSplitPoints(text: TextLike): { points: Cut[]; frontMatterEnd: number } {
  const points: Cut[] = [];
  let frontMatter = text.startsWith('---');
  let frontMatterEnd = 0;
  let previousBlank = false;
  let previousPipe = false;
  for (let pos = 0, first = true; pos < text.length; first = false) {
    const next = nextLine(text, pos);
    if (frontMatter && !first) {
      if (matchesAt(text, FRONT_MATTER_CLOSE, pos)) {
        frontMatter = false;
        frontMatterEnd = next;
      }
    } else if (!first) {
      const cut = cutAt(text, pos, previousBlank, previousPipe);
      if (cut) points.push(cut);
    }
    previousBlank = matchesAt(text, BLANK, pos);
    previousPipe = text.charCodeAt(pos) === PIPE;
    pos = next;
  }
  // Front matter never closed runs to the end: no edit is after it.
  return { points, frontMatterEnd: frontMatter ? text.length : frontMatterEnd };
}

/** The split point at the line starting at `pos` (not the first line, not in front matter), if it is one. */
function cutAt(text: TextLike, pos: number, previousBlank: boolean, previousPipe: boolean): Cut | null {
  if (matchesAt(text, LIST_ITEM_WITH_TEXT, pos)) return { at: pos, listItem: true, tableRow: false };
  if (previousPipe && text.charCodeAt(pos) === PIPE) return { at: pos, listItem: false, tableRow: true };
  if (previousBlank && matchesAt(text, NOT_SPACE, pos) && !matchesAt(text, LIST_ITEM, pos) && !text.startsWith('---', pos)) return { at: pos, listItem: false, tableRow: false };
  return null;
}

/** The start of the line that holds `pos`. */
function startOfLine(text: TextLike, pos: number): number {
  return pos > 0 ? text.lastIndexOf('\n', pos - 1) + 1 : 0;
}

function nextLine(text: TextLike, pos: number): number {
  const eol = text.indexOf('\n', pos);
  return eol < 0 ? text.length : eol + 1;
}

/** A text with its split points and the cuts chosen from them (the last one at its end). */
export interface CutText {
  text: TextLike;
  points: Cut[];
  frontMatterEnd: number;
  cuts: Cut[];
}

/** The cuts of `text`; with the previous text's, only the lines where the two differ are read again. */
export function cutText(text: TextLike, previous: CutText | null, sizes: ChunkSizes = DEFAULT_SIZES): CutText {
  const change = previous && changeBetween(previous.text, text);
  const lineStart = change ? startOfLine(text, change.start) : 0;
  if (!previous || !change || lineStart === 0 || lineStart <= previous.frontMatterEnd) {
    const { points, frontMatterEnd } = scanSplitPoints(text);
    return { text, points, frontMatterEnd, cuts: [...chunkCuts(text, points, sizes), { at: text.length, listItem: false, tableRow: false }] };
  }
  // Only lines from the changed one on can cut differently, up to the first whose line before
  // lies wholly after the change, line break before it included (the two texts then agree on both lines).
  const delta = change.newEnd - change.oldEnd;
  const before = firstAtOrAfter(previous.points, lineStart);
  const points = previous.points.slice(0, before);
  let previousBlank = matchesAt(text, BLANK, startOfLine(text, lineStart - 1));
  let previousPipe = text.charCodeAt(startOfLine(text, lineStart - 1)) === PIPE;
  let pos = lineStart;
  for (let previousLine = -1; pos < text.length && previousLine <= change.newEnd;) {
    const cut = cutAt(text, pos, previousBlank, previousPipe);
    if (cut) points.push(cut);
    previousBlank = matchesAt(text, BLANK, pos);
    previousPipe = text.charCodeAt(pos) === PIPE;
    previousLine = pos;
    pos = nextLine(text, pos);
  }
  const resumed = points.length;
  for (let i = firstAtOrAfter(previous.points, pos - delta); i < previous.points.length; i++) {
    points.push(moved(previous.points[i], delta));
  }
  return { text, points, frontMatterEnd: previous.frontMatterEnd, cuts: cutsAfterChange(text, points, lineStart, before, resumed, previous.cuts, delta, sizes) };
}

/**
 * The cuts `chunkCuts` chooses from `points`, given the cuts it chose before the text changed
 * (the last one at the end of the text). The points before `rescanned` (all before
 * `changedLine`) are as they were, and from `resumed` on they are the earlier ones moved by
 * `delta`. The cuts are the same up to the changed line, and the same (moved) again from the
 * first cut chosen both times after it, where the choice goes on from the same state.
 */
function cutsAfterChange(text: TextLike, points: Cut[], changedLine: number, rescanned: number, resumed: number, previousCuts: Cut[], delta: number, sizes: ChunkSizes): Cut[] {
  const cuts = previousCuts.slice(0, firstAtOrAfter(previousCuts, changedLine));
  let last = cuts.at(-1)?.at ?? 0;
  for (let i = rescanned; i < points.length; i++) {
    const point = points[i];
    if (!chosen(text, point, last, sizes)) continue;
    cuts.push(point);
    last = point.at;
    const j = i >= resumed ? firstAtOrAfter(previousCuts, point.at - delta) : -1;
    if (j >= 0 && previousCuts[j].at === point.at - delta) {
      for (let k = j + 1; k < previousCuts.length - 1; k++) cuts.push(moved(previousCuts[k], delta));
      break;
    }
  }
  return [...cuts, { at: text.length, listItem: false, tableRow: false }];
}

function moved(cut: Cut, delta: number): Cut {
  return { at: cut.at + delta, listItem: cut.listItem, tableRow: cut.tableRow };
}

/** Index of the first cut at or after `offset` (cuts are in order). */
function firstAtOrAfter(cuts: readonly Cut[], offset: number): number {
  return firstIndex(cuts.length, (i) => cuts[i].at >= offset);
}

export interface ChunkSizes {
  /** Characters from one cut to the next at least. */
  min: number;
  /** About one split point in this many (past `min`) starts a chunk. */
  oneIn: number;
}

// Chunks of a few kilobytes: parsing one again after an edit takes a millisecond or two, and
// a long report is a few hundred parses rather than thousands (each parse has a fixed setup cost).
const DEFAULT_SIZES: ChunkSizes = { min: 1_500, oneIn: 8 };

/**
 * The cuts chunks start at: the split points where the line there hashes to a multiple of
 * `oneIn`, at least `min` characters after the previous cut. Chosen by content, not by
 * position, so an edit moves no cut but those of the lines it touches, and the other chunks
 * keep their text (and their parse).
 */
export function chunkCuts(text: TextLike, points: Cut[], sizes: ChunkSizes = DEFAULT_SIZES): Cut[] {
  const cuts: Cut[] = [];
  let last = 0;
  for (const point of points) {
    if (!chosen(text, point, last, sizes)) continue;
    cuts.push(point);
    last = point.at;
  }
  return cuts;
}

/** True when the split point starts a chunk, the last one having started at `last`. */
function chosen(text: TextLike, point: Cut, last: number, { min, oneIn }: ChunkSizes): boolean {
  return point.at - last >= min && lineHash(text, point.at) % oneIn === 0;
}

/** FNV-1a over the first characters of the line at `at`. */
function lineHash(text: TextLike, at: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + 48 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * How a chunk reads after the chunk before it: as a new block; when it starts with a list
 * item, as more items of that chunk's last list (same marker); when it starts with table rows
 * (read after the head of the table that chunk ends with), as more rows of that table; or, when
 * Markdown would read the two differently together, not apart at all.
 */
function relate(before: ParsedChunk, after: ParsedChunk, cut: Cut): 'continue' | 'separate' | 'join' {
  const last = before.root.children.at(-1);
  // A fence or HTML block left open inside a container ends where Markdown closes the container, not at the cut.
  if (last && last !== lastBlock(last) && !closed(before, lastBlock(last))) return 'join';
  if (cut.tableRow) {
    // A row after a table's last row is one more of its rows (nothing a line starting with a pipe
    // could begin ends a table): read after the table's head, it goes on with the table.
    return last?.type === 'table' && after.head && after.root.children[0]?.type === 'table' ? 'continue' : 'join';
  }
  if (!cut.listItem) return 'separate';
  const first = after.root.children[0];
  if (last?.type === 'list' && first?.type === 'list') {
    // Items with another marker start another list (micromark's list goes on or ends before any paragraph rule applies).
    return markerOf(before, last) === markerOf(after, first) ? 'continue' : 'separate';
  }
  if (last?.type === 'list') return 'join';
  // Indented code stays open over blank lines, and micromark then reads "2) x" as a paragraph.
  if (last?.type === 'code' && !FENCE_OPEN.test(sourceOf(before, last))) return 'join';
  return /(?:^|\n)[ \t]*\r?\n$/.test(before.text) ? 'separate' : 'join';
}

/** The bullet, or the delimiter after the number, of a list's first item: items with another marker start another list. */
function markerOf(chunk: ParsedChunk, list: List): string {
  const at = (list.position?.start.offset ?? 0) - chunk.offset;
  return /^[ \t]*(?:\d{1,9})?([-+*.)])/.exec(chunk.text.slice(at, at + 16))?.[1] ?? '';
}

/** A copy of `node` (the last of `children`), a list or table that later chunks' items or rows can be added to. */
function copyLast<T extends List | Table>(node: T, joined: Set<List | Table>, children: RootContent[]): T {
  const copy = { ...node, children: [...node.children] };
  if (node.position) copy.position = { start: { ...node.position.start }, end: { ...node.position.end } };
  joined.add(copy);
  children[children.length - 1] = copy;
  return copy;
}

/** Adds the rows of `more`, a table read after the head of `table` (its first row is that head's), to `table`. */
function appendRows(table: Table, more: Table): void {
  table.children.push(...more.children.slice(1));
  if (table.position && more.position) table.position.end = { ...more.position.end };
}

/** The header and delimiter rows, as written, of the table the chunk ends with; empty when it ends with none. */
function tableHead(chunk: ParsedChunk): string {
  const last = chunk.root.children.at(-1);
  if (last?.type !== 'table') return '';
  const from = chunk.text.lastIndexOf('\n', (last.position?.start.offset ?? chunk.offset) - chunk.offset - 1) + 1;
  const headerEnd = chunk.text.indexOf('\n', from);
  const delimiterEnd = headerEnd < 0 ? -1 : chunk.text.indexOf('\n', headerEnd + 1);
  return delimiterEnd < 0 ? '' : chunk.text.slice(from, delimiterEnd + 1);
}

/** Adds the items of `more` to `list`, loose as Markdown reads it when a blank line separates the two. */
function appendItems(text: TextLike, list: List, more: List): void {
  const lastEnd = list.children.at(-1)?.position?.end.offset ?? 0;
  const firstStart = more.children[0]?.position?.start.offset ?? lastEnd;
  list.children.push(...more.children);
  list.spread = !!(list.spread || more.spread || /\n[ \t]*\r?\n/.test(text.slice(lastEnd, firstStart)));
  if (list.position && more.position) list.position.end = { ...more.position.end };
}

/** The chunks of a complete reading in order, and the offsets they stood at in its text. */
interface Placement {
  text: TextLike;
  chunks: ParsedChunk[];
  offsets: number[];
}

/**
 * The chunk of the last complete reading that stood where the text from `start` to `end` now
 * stands, when the text between is unchanged since (it then holds the same text, and the chunk's
 * parse is that text's), taken from `pool`; else null. Most chunks are found so after an edit,
 * so a long report's chunk texts are not hashed to be looked up.
 */
function placedChunk(placement: Placement, change: TextChange | null, start: number, end: number, head: string, pool: Map<string, ParsedChunk[]>): ParsedChunk | null {
  let old = start;
  if (change && end > change.start) {
    if (start < change.newEnd) return null;
    old = start - (change.newEnd - change.oldEnd);
  }
  const { chunks, offsets } = placement;
  const i = firstIndex(offsets.length, (k) => offsets[k] >= old);
  const chunk = chunks[i];
  if (!chunk || offsets[i] !== old || chunk.text.length - chunk.head.length !== end - start || chunk.head !== head) return null;
  return takenFrom(pool, chunk) ? chunk : null;
}

/**
 * Takes `chunk` out of `pool` if it is still there (a chunk serves once per reading), and tells
 * whether it was. Its text is its own string, hashed once.
 */
function takenFrom(pool: Map<string, ParsedChunk[]>, chunk: ParsedChunk): boolean {
  const same = pool.get(chunk.text);
  const at = same ? same.indexOf(chunk) : -1;
  if (at >= 0) same!.splice(at, 1);
  return at >= 0;
}

/**
 * The chunks of the last complete reading that stood where the text from `start` to `end` now
 * stands, with the change between, that no chunk of this reading has taken: taken out of `pool`
 * (a chunk's nodes serve once).
 */
function replacedBy(placement: Placement, change: TextChange, start: number, end: number, pool: Map<string, ParsedChunk[]>): ParsedChunk[] {
  const shift = change.newEnd - change.oldEnd;
  const oldStart = start <= change.start ? start : Math.max(change.start, start - shift);
  const oldEnd = end <= change.start ? end : Math.max(change.oldEnd, end - shift);
  const { chunks, offsets } = placement;
  const out: ParsedChunk[] = [];
  for (let i = firstIndex(offsets.length, (k) => offsets[k] + chunks[k].text.length - chunks[k].head.length > oldStart); i < chunks.length && offsets[i] < oldEnd; i++) {
    if (takenFrom(pool, chunks[i])) out.push(chunks[i]);
  }
  return out;
}

/** The parse of `text` read after `head` from the previous reading, or a fresh one (read directly where it is plain Markdown). */
function take(previous: Map<string, ParsedChunk[]>, text: string, head: string): ParsedChunk {
  const parsed = head + text;
  // The same text may have been read as a whole chunk or as a head and rows after it.
  const same = previous.get(parsed);
  const at = same ? same.findIndex((c) => c.head.length === head.length) : -1;
  if (at >= 0) return same!.splice(at, 1)[0];
  // The chunk outlives this reading: its text, and the node values sliced from it, must not keep this version's whole text alive.
  const own = ownCopy(parsed);
  const root = parsePlainMarkdown(own) ?? parseMarkdown(own);
  return {
    text: own, head: own.slice(0, head.length), headLineBreaks: countLineBreaks(head), root, offset: 0, line: 1,
    lineBreaks: countLineBreaks(text), definitions: hasDefinitions(root), fresh: true,
  };
}

/** Adds `chunks` to those kept under their text. */
function keep(map: Map<string, ParsedChunk[]>, text: string, chunks: ParsedChunk[]): void {
  const same = map.get(text);
  if (same) same.push(...chunks);
  else map.set(text, chunks);
}

function mergeChunks(next: Map<string, ParsedChunk[]>, rest: Map<string, ParsedChunk[]>): Map<string, ParsedChunk[]> {
  rest.forEach((chunks, text) => {
    if (chunks.length) keep(next, text, chunks);
  });
  return next;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (endsLine(text, i)) n++;
  return n;
}

function hasDefinitions(node: Nodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  return 'children' in node && (node.children as Nodes[]).some(hasDefinitions);
}

/**
 * Moves the chunk's positions so they count from `offset` and `line` of the whole text. The
 * points are changed in place: every node has its own (lists put together from chunks copy theirs).
 */
function place(chunk: ParsedChunk, offset: number, line: number): void {
  const dOffset = offset - chunk.offset;
  const dLine = line - chunk.line;
  if (!dOffset && !dLine) return;
  const move = (node: Nodes) => {
    const p = node.position;
    if (p) {
      p.start.line += dLine;
      p.start.offset = (p.start.offset ?? 0) + dOffset;
      p.end.line += dLine;
      p.end.offset = (p.end.offset ?? 0) + dOffset;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) move(child);
  };
  for (const child of chunk.root.children) move(child);
  chunk.offset = offset;
  chunk.line = line;
}

/** The root of the text up to `end` (all of it, unless reading stopped at the title), which is on line `line`. */
function rootOf(text: TextLike, children: RootContent[], end: number, line: number): Root {
  const lastBreak = lastBreakBefore(text, end);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: end - lastBreak, offset: end } } };
}

/**
 * Where the last line break before `end` stands, or -1. A loop rather than `lastIndexOf('\r')`,
 * which walks back through all of a report that has no carriage return (milliseconds a lint).
 */
function lastBreakBefore(text: TextLike, end: number): number {
  for (let i = end - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}

// HTML blocks that blank lines do not end (CommonMark kinds 1 to 5), with what ends them.
const HTML_ENDS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** True unless the chunk's last block is a fenced code or HTML block still open at its end. */
function endsClosed(chunk: ParsedChunk): boolean {
  const last = chunk.root.children.at(-1);
  return !last || closed(chunk, last);
}

/** True unless the block is a fenced code or HTML block still open at its end. */
function closed(chunk: ParsedChunk, block: Nodes): boolean {
  return !leftOpen(block, sourceOf(chunk, block));
}

/** True when the block (its text `source`) is a fenced code or HTML block still open at its end: what follows it is read into it. */
export function leftOpen(block: Nodes, source: string): boolean {
  if (block.type !== 'code' && block.type !== 'html') return false;
  if (block.type === 'code') {
    const open = FENCE_OPEN.exec(source);
    if (!open) return false; // indented code: a line in column 0 ends it
    const lines = source.split(/\r?\n|\r/);
    // A closing fence is indented at most 3 spaces past the column its container's content starts at.
    const close = lines.length > 1 ? /^( *)(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]) : null;
    const indent = (close?.[1].length ?? 0) - ((block.position?.start.column ?? 1) - 1);
    return !(!!close && indent >= 0 && indent <= 3 && close[2][0] === open[1][0] && close[2].length >= open[1].length);
  }
  const kind = HTML_ENDS.find(([start]) => start.test(source));
  if (!kind) return false; // other HTML blocks end at a blank line
  const afterStart = source.replace(kind[0], '');
  return !(kind[1].test(afterStart) || (kind[0] === HTML_ENDS[1][0] && /^-?>/.test(afterStart)));
}

/** A block's text in its chunk (positions count from the offset the chunk was last placed at). */
function sourceOf(chunk: ParsedChunk, block: Nodes): string {
  const from = (block.position?.start.offset ?? chunk.offset) - chunk.offset;
  return chunk.text.slice(from, (block.position?.end.offset ?? chunk.offset + chunk.text.length) - chunk.offset);
}

/** The innermost last block of a container (a list's last item's last block, and so on down). */
function lastBlock(node: Nodes): Nodes {
  let block = node;
  while ((block.type === 'list' || block.type === 'listItem' || block.type === 'blockquote') && block.children.length) {
    block = block.children[block.children.length - 1];
  }
  return block;
}
