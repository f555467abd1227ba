import type { Span } from './text.js';

/**
 * A map bounded by entries in two generations: when the young one is full it becomes the old
 * one and the old one is dropped, and a key found in the old one moves to the young one. A
 * lookup that hits is one Map read, with no reordering, and what the last lint read is still there.
 */
class Generations<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  /** The value kept for `key`; one found in the old generation moves to the young one, under `keyToKeep`. */
  get(key: string, keyToKeep: (key: string, value: V) => string): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.set(keyToKeep(key, old), old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.maxEntries) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/**
 * Memory for analyses that are a pure function of a short text (a sentence, a records
 * entry's head): after an edit most sentences are unchanged, so the next lint reads them from
 * here instead of running the detectors again. Bounded twice so memory stays bounded in a
 * long editing session: by key length (longer texts are computed each time, never kept) and
 * by entries, in two generations.
 */
export class TextMemo<V> {
  private readonly values: Generations<V>;

  constructor(
    maxEntries = 50_000,
    private readonly maxKeyLength = 2_000,
  ) {
    this.values = new Generations(maxEntries);
  }

  /** `compute(text)`, from memory when `text` was seen recently. */
  get(text: string, compute: (text: string) => V): V {
    const known = this.values.get(text, interned);
    if (known !== undefined) return known;
    if (text.length > this.maxKeyLength) return compute(text);
    const own = interned(text);
    const value = compute(own);
    // Most texts hold nothing a detector looks for: one shared empty list stands for all of them.
    const kept = Array.isArray(value) && value.length === 0 ? (NOTHING as V) : value;
    this.values.set(own, kept);
    return kept;
  }
}

const NOTHING: readonly never[] = Object.freeze([]);

/** The texts the memos are keyed by, one copy of each for all of them, in the same two generations. */
const texts = new Generations<string>(100_000);

/**
 * The one copy of `text` that the memos key by (the model's sentences are these copies too,
 * so a memo finds them by identity): a slice of a document would keep the whole document
 * alive, and every memo keeping its own copy of every sentence would multiply them.
 */
export function interned(text: string): string {
  const known = texts.get(text, (_, own) => own);
  if (known !== undefined) return known;
  const own = ownCopy(text);
  texts.set(own, own);
  return own;
}

/**
 * A copy of `text` that shares no storage with the string it was sliced from, one flat string
 * at one byte a character where every character fits in one: V8 keeps slices and copies of a
 * report with a single dash or curly quote in it at two bytes a character; its JSON parser narrows.
 */
export function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** `span` moved by `delta`, as a new object (memoised spans are shared and never changed). */
export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** A copy of `item` with its span moved by `delta` (the original may be a memo's, shared). */
export function shifted<T extends { span: Span }>(item: T, delta: number): T {
  return { ...item, span: shiftSpan(item.span, delta) };
}

/** Copies of `items` with their spans moved by `delta`. */
export function shiftedAll<T extends { span: Span }>(items: readonly T[], delta: number): T[] {
  return items.map((item) => shifted(item, delta));
}

/**
 * An empty array that V8 holds as one of objects (or strings) from the start. A new `[]` starts
 * as one of small integers: optimized code that pushed onto such arrays before checks that each
 * value is one, and gives up at the first object (a deoptimization, in the loops a keystroke runs
 * over every block, sentence or records entry just after a report is opened; the first nine edits
 * of the 800 KB benchmark report took a median 36.5 ms in the engine against 43.5, six interleaved
 * runs).
 */
export function listOfObjects<T extends object | string>(): T[] {
  const list: unknown[] = [OBJECT];
  list.length = 0;
  return list as T[];
}

const OBJECT = {};

/** Whether two lists hold the same objects in the same order (what a lint keeps from the last one is found so). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
