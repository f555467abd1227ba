import { EditedText, type TextLike, wholeText } from './edited-text.js';

/** Offset <-> line/character conversion over one immutable text (UTF-16 units, as LSP uses). */
export interface Position {
  line: number; // 0-based
  character: number; // 0-based
}

/** A half-open range of offsets into the report text. */
export interface Span {
  start: number;
  end: number;
}

/** Where two versions of a text differ: `start` to `oldEnd` in the old one became `start` to `newEnd`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Where two texts differ: both agree on what comes before `start`, and on what comes after
 * `oldEnd` and `newEnd`. For an edited text and an earlier version of it, its log of edits says
 * (a range that holds every edit, perhaps more than the characters that differ), without reading either.
 */
export function changeBetween(before: TextLike, after: TextLike): TextChange {
  const logged = before instanceof EditedText && after instanceof EditedText ? after.changeSince(before) : null;
  return logged ?? changeBetweenStrings(wholeText(before), wholeText(after));
}

function changeBetweenStrings(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  // Compared a block at a time, then within the block that differs: a string comparison runs natively.
  let start = 0;
  for (let block = COMPARED_BLOCK; block >= 1; block >>= 4) {
    while (start + block <= shorter && before.slice(start, start + block) === after.slice(start, start + block)) start += block;
  }
  let same = 0;
  for (let block = COMPARED_BLOCK; block >= 1; block >>= 4) {
    while (same + block <= shorter - start && before.slice(before.length - same - block, before.length - same) === after.slice(after.length - same - block, after.length - same)) same += block;
  }
  return { start, oldEnd: before.length - same, newEnd: after.length - same };
}

const COMPARED_BLOCK = 1 << 12;

export class LineIndex {
  private starts: number[] | undefined;
  /** The starts of an earlier version and how it changed, while this index has not found its own. */
  private earlier: { starts: number[]; change: TextChange } | undefined;

  constructor(readonly text: TextLike) {}

  /** The index of `text`, found from that of an earlier version: only the changed lines are scanned again. */
  static after(previous: LineIndex, text: TextLike): LineIndex {
    const index = new LineIndex(text);
    if (previous.starts) index.earlier = { starts: previous.starts, change: changeBetween(previous.text, text) };
    return index;
  }

  /** Found on first use: a lint reads a report's title before it knows it needs positions at all. */
  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const { earlier } = this;
    this.earlier = undefined;
    return (this.starts = earlier ? this.startsAfter(earlier.starts, earlier.change) : this.scan(0, this.text.length, [0]));
  }

  /** Adds to `starts` the lines that the characters from `from` to `to` begin. */
  private scan(from: number, to: number, starts: number[]): number[] {
    const { text } = this;
    for (let i = from; i < to; i++) if (endsLine(text, i)) starts.push(i + 1);
    return starts;
  }

  /**
   * A line start depends on the characters just before and at it. Starts before the change
   * stay, those after the old text's changed part move, and the changed lines are scanned.
   */
  private startsAfter(old: number[], { start, oldEnd, newEnd }: TextChange): number[] {
    const kept = Math.max(1, firstIndex(old.length, (i) => old[i] >= start));
    const head = this.scan(Math.max(0, start - 1), newEnd, old.slice(0, kept));
    // The moved starts copied at once and shifted in place: pushed one by one, tens of thousands
    // of them regrew the array at every edit.
    const starts = head.concat(old.slice(firstIndex(old.length, (i) => old[i] > oldEnd)));
    const delta = newEnd - oldEnd;
    if (delta) for (let i = head.length; i < starts.length; i++) starts[i] += delta;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    // The last line starting at or before the offset (the first starts at 0): a search written
    // out, as the outline asks it for every records entry and a closure per call cost more.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] > clamped) hi = mid - 1;
      else lo = mid;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Whether the character at `i` ends a line: an LF, or a CR not before an LF. */
export function endsLine(text: TextLike, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/** Moves `span` by `delta`, in place: for spans no one else holds. */
export function moveSpan(span: Span, delta: number): void {
  span.start += delta;
  span.end += delta;
}

/** The line break the document already uses, so inserted text matches it. */
export function lineBreakOf(text: TextLike): string {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

/** True when the two half-open spans share at least one character. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Index of the first item (sorted by start) that starts at or after `offset`: a binary search. */
export function firstStartingAt(items: readonly { span: Span }[], offset: number): number {
  return firstIndex(items.length, (i) => items[i].span.start >= offset);
}

/**
 * The first index below `count` where `reached` holds, or `count`: a binary search, for a
 * condition that holds at every index after one where it holds (sorted items, a threshold).
 */
export function firstIndex(count: number, reached: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Answers "does any of these spans overlap this one?" in logarithmic time, for long sentences. */
export class SpanSet {
  private readonly sorted: Span[];
  /** Largest end among sorted[0..i], so the backward scan can stop early. */
  private readonly maxEnd: number[];

  constructor(spans: readonly { span: Span }[]) {
    this.sorted = spans.map((s) => s.span).sort((a, b) => a.start - b.start);
    let max = -Infinity;
    this.maxEnd = this.sorted.map((s) => (max = Math.max(max, s.end)));
  }

  overlaps(span: Span): boolean {
    // The spans starting before `span` ends are sorted[0..lo-1]; walk back while one could reach it.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].start < span.end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && this.maxEnd[i] > span.start; i--) {
      if (this.sorted[i].end > span.start) return true;
    }
    return false;
  }
}

/** `offset`, or the start of its line when only spaces and tabs come before it there (an indented heading's line). */
export function lineStartIfIndented(text: TextLike, offset: number): number {
  let at = offset;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
  return at === 0 || text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13 ? at : offset;
}

/**
 * Whether sticky `re`, which reads no further than the line's break, matches at `pos`: tests a
 * line where it starts, without cutting a string into lines (an edited text's line is read out).
 */
export function matchesAt(text: TextLike, re: RegExp, pos: number): boolean {
  if (typeof text !== 'string') {
    const lineEnd = text.indexOf('\n', pos);
    re.lastIndex = 0;
    return re.test(text.slice(pos, lineEnd < 0 ? text.length : lineEnd + 1));
  }
  re.lastIndex = pos;
  return re.test(text);
}

/**
 * Every match of global `re` in `text`, by `exec` from the start. `matchAll` copies the pattern
 * and makes an iterator at every call: on a long report's first lint, the detectors' calls
 * allocated a quarter of everything the lint did.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  // As matchAll: `exec` on a pattern without the flag would find its first match for ever.
  if (!re.global) throw new TypeError('allMatches needs a global pattern');
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (!m[0]) re.lastIndex++; // as matchAll steps past an empty match
  }
  return out;
}
