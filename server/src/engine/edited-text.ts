import type { TextChange } from './text.js';

/**
 * One version of a text that is being edited, kept as pieces (slices of earlier versions and
 * the strings typed in) rather than as one string, with a log of the edits between versions.
 *
 * Why: a text with an edit spliced in is, in V8, a string of parts that V8 copies whole into
 * fresh memory the first time anything reads it. On the 800 KB benchmark report that copy
 * (1.6 MB: one character outside Latin-1 makes every character two bytes) took 5-6 ms of each
 * edit, most of it faulting in fresh pages, and with its collections about 9 ms of the first
 * edits' 39 (median, in the engine). An edit reads only the lines and chunks around the change,
 * and reads them from the pieces; the whole text is built when something asks for all of it
 * (`text`), once per version.
 *
 * The methods that read it behave as `String`'s of the same name on the whole text.
 */
export class EditedText {
  readonly length: number;
  /** The whole text, once built (or when it is one piece). */
  private whole: string | undefined;
  /** The piece the last `charCodeAt` read, where the next read most likely falls. */
  private lastPiece = 0;

  private constructor(
    private readonly pieces: readonly string[],
    /** Offset where each piece ends. */
    private readonly ends: readonly number[],
    private readonly history: EditLog,
    private readonly serial: number,
  ) {
    this.length = ends.length ? ends[ends.length - 1] : 0;
    this.whole = pieces.length === 1 ? pieces[0] : pieces.length ? undefined : '';
  }

  static of(text: string): EditedText {
    return new EditedText(text ? [text] : [], text ? [text.length] : [], { changes: [], first: 0, latest: 0 }, 0);
  }

  /** The text with `start` to `end` replaced by `inserted` (offsets as `slice` reads them). */
  edited(start: number, end: number, inserted: string): EditedText {
    const from = clamp(start, this.length);
    const to = Math.max(from, clamp(end, this.length));
    const [pieces, ends] = this.whole === undefined ? [this.pieces, this.ends] : [[this.whole], [this.length]];
    const next: string[] = [];
    let k = 0;
    for (; k < pieces.length && ends[k] <= from; k++) next.push(pieces[k]);
    if (k < pieces.length && startOf(ends, k) < from) next.push(pieces[k].slice(0, from - startOf(ends, k)));
    if (inserted) next.push(inserted);
    while (k < pieces.length && ends[k] <= to) k++;
    if (k < pieces.length) next.push(pieces[k].slice(to - startOf(ends, k)));
    for (k++; k < pieces.length; k++) next.push(pieces[k]);
    const change = { start: from, oldEnd: to, newEnd: from + inserted.length };
    // An edit of an older version starts a log of its own: the versions after it are not its.
    const history = this.serial === this.history.latest ? this.history : { changes: [], first: this.serial, latest: this.serial };
    history.changes.push(change);
    history.latest = this.serial + 1;
    if (history.changes.length > MAX_LOGGED) {
      history.changes.splice(0, MAX_LOGGED / 2);
      history.first += MAX_LOGGED / 2;
    }
    // Beyond some pieces, every read's search through them costs more than building the whole once.
    const kept = next.length > MAX_PIECES ? [next.join('')] : next;
    return new EditedText(kept, endsOf(kept), history, this.serial + 1);
  }

  /** What changed from `earlier`, an earlier version this one was edited from; null when that is not known. */
  changeSince(earlier: EditedText): TextChange | null {
    const { history } = this;
    if (earlier.history !== history || earlier.serial > this.serial || earlier.serial < history.first) return null;
    let change: TextChange = { start: this.length, oldEnd: this.length, newEnd: this.length };
    if (earlier.serial === this.serial) return change;
    change = history.changes[earlier.serial - history.first];
    for (let s = earlier.serial + 1; s < this.serial; s++) change = composed(change, history.changes[s - history.first]);
    return change;
  }

  /** The whole text as one string. */
  get text(): string {
    return (this.whole ??= this.pieces.join(''));
  }

  slice(start = 0, end = this.length): string {
    const from = relative(start, this.length);
    const to = relative(end, this.length);
    if (to <= from) return '';
    if (this.whole !== undefined) return this.whole.slice(from, to);
    let k = this.pieceAt(from);
    const first = startOf(this.ends, k);
    if (to <= this.ends[k]) return this.pieces[k].slice(from - first, to - first);
    const parts = [this.pieces[k].slice(from - first)];
    for (k++; this.ends[k] < to; k++) parts.push(this.pieces[k]);
    parts.push(this.pieces[k].slice(0, to - startOf(this.ends, k)));
    return parts.join('');
  }

  charCodeAt(position: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(position);
    const index = Math.trunc(position) || 0;
    if (!(index >= 0 && index < this.length)) return NaN;
    let k = this.lastPiece;
    if (index >= this.ends[k] || index < startOf(this.ends, k)) this.lastPiece = k = this.pieceAt(index);
    return this.pieces[k].charCodeAt(index - startOf(this.ends, k));
  }

  charAt(position: number): string {
    const index = Math.trunc(position) || 0;
    return index >= 0 && index < this.length ? this.slice(index, index + 1) : '';
  }

  indexOf(search: string, position = 0): number {
    if (this.whole !== undefined) return this.whole.indexOf(search, position);
    const from = clamp(position, this.length);
    if (!search) return from;
    for (let k = this.pieceAt(from); k < this.pieces.length; k++) {
      const first = startOf(this.ends, k);
      const inPiece = this.pieces[k].indexOf(search, Math.max(0, from - first));
      if (inPiece >= 0) return first + inPiece;
      // A match across the piece's end starts in its last characters.
      const across = Math.max(from, this.ends[k] - search.length + 1);
      const at = search.length > 1 && k + 1 < this.pieces.length ? this.slice(across, this.ends[k] + search.length - 1).indexOf(search) : -1;
      if (at >= 0) return across + at;
    }
    return -1;
  }

  lastIndexOf(search: string, position = Infinity): number {
    if (this.whole !== undefined) return this.whole.lastIndexOf(search, position);
    const last = Math.min(clamp(Number.isNaN(position) ? Infinity : position, this.length), this.length - search.length);
    if (last < 0) return -1;
    if (!search) return last;
    for (let k = this.pieceAt(last); k >= 0; k--) {
      const first = startOf(this.ends, k);
      // A match across the piece's end starts later than any inside it.
      const acrossFrom = Math.max(first, this.ends[k] - search.length + 1);
      if (search.length > 1 && k + 1 < this.pieces.length && acrossFrom <= last) {
        const at = this.slice(acrossFrom, Math.min(last, this.ends[k] - 1) + search.length).lastIndexOf(search);
        if (at >= 0) return acrossFrom + at;
      }
      const inPiece = this.pieces[k].lastIndexOf(search, last - first);
      if (inPiece >= 0) return first + inPiece;
    }
    return -1;
  }

  startsWith(search: string, position = 0): boolean {
    const from = clamp(position, this.length);
    return this.slice(from, from + search.length) === search;
  }

  includes(search: string, position = 0): boolean {
    return this.indexOf(search, position) >= 0;
  }

  /** The piece that holds `offset` (the last one for the text's end). */
  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A text as the engine reads it: a string, or an edited text read piece by piece. */
export type TextLike = string | EditedText;

/** The whole text as one string (for an edited text, built once). */
export function wholeText(text: TextLike): string {
  return typeof text === 'string' ? text : text.text;
}

interface EditLog {
  /** `changes[i]` made version `first + i + 1` from version `first + i`. */
  changes: TextChange[];
  first: number;
  latest: number;
}

// Enough that a reader a few edits behind (a lint that waited) finds its way; the rest are dropped.
const MAX_LOGGED = 256;
const MAX_PIECES = 64;

/** `a` then `b` as one change: from before `a` to after `b`. */
function composed(a: TextChange, b: TextChange): TextChange {
  const end = Math.max(a.newEnd, b.oldEnd);
  return { start: Math.min(a.start, b.start), oldEnd: end - (a.newEnd - a.oldEnd), newEnd: end + (b.newEnd - b.oldEnd) };
}

function startOf(ends: readonly number[], k: number): number {
  return k ? ends[k - 1] : 0;
}

function endsOf(pieces: readonly string[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const piece of pieces) ends.push((at += piece.length));
  return ends;
}

/** An offset as `indexOf` reads its position: within 0 to `length`. */
function clamp(offset: number, length: number): number {
  return Math.min(Math.max(Math.trunc(offset) || 0, 0), length);
}

/** An offset as `slice` reads it: negative counts from the end. */
function relative(offset: number, length: number): number {
  const n = Math.trunc(offset) || 0;
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}
