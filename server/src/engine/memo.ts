import type { Span } from './text.js';

/**
 * Memory for analyses that are a pure function of a short text (a sentence, a records
 * entry's head): after an edit most sentences are unchanged, so the next lint reads them from
 * here instead of running the detectors again. Bounded twice so memory stays bounded in a
 * long editing session: by entries (least recently used ones are dropped) and by key length
 * (longer texts are computed each time, never kept).
 */
export class TextMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly maxKeyLength = 2_000,
  ) {}

  /** `compute(text)`, from memory when `text` was seen recently. */
  get(text: string, compute: (text: string) => V): V {
    if (text.length > this.maxKeyLength) return compute(text);
    const known = this.entries.get(text);
    if (known !== undefined) {
      // Map order is insertion order: re-inserting marks the entry as the most recent.
      this.entries.delete(text);
      this.entries.set(text, known);
      return known;
    }
    // A slice of a document would keep the whole document alive; keep (and compute on) a copy.
    const own = ownCopy(text);
    const value = compute(own);
    this.entries.set(own, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/** A copy of `text` that shares no storage with the string it was sliced from. */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

/** `span` moved by `delta`, as a new object (memoised spans are shared and never changed). */
export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}
