import type { Span } from './text.js';

// Words that end in a period without ending the sentence. Lower-case, without the period.
const ABBREVIATIONS = new Set([
  'dr', 'drs', 'mr', 'mrs', 'ms', 'mx', 'prof', 'st', 'no', 'nos', 'vs', 'v', 'e.g', 'i.e', 'cf', 'al',
  'approx', 'fig', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ', 'assn', 'ave', 'blvd', 'rd',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'rec', 'p', 'pp', 'vol', 'ed', 'eds', 'ca', 'ref', 'refs', 'pg', 'pgs', 'sec', 'ch', 'art', 'para',
  'm.d', 'd.o', 'ph.d', 'psy.d', 'd.c', 'p.t', 'r.n', 'n.p', 'p.a', 'u.s', 'a.m', 'p.m', 'esq', 'cal',
  'cal.app', 'cal.2d', 'cal.4th', 'n.y', 'n.y.s', 'a.d', 'a.d.3d', 'wcab', 'ccr', 'pt', 'pts',
]);

const CANDIDATE = /[.?!]+["'”’)\]]*(?=\s)/g;

/**
 * Splits `text` (a block's prose, already masked so offsets equal source offsets) into
 * sentence spans, absolute to `base`. One forward scan: linear in the text's length.
 * `hardBreaks` are offsets (relative to text) where the author forced a line break; a
 * sentence never runs across one.
 */
export function splitSentences(text: string, base: number, hardBreaks: readonly number[] = []): Span[] {
  const cuts: number[] = [];
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text))) {
    const end = m.index + m[0].length;
    if (endsSentence(text, m.index, end)) cuts.push(end);
  }
  const allCuts = mergeSorted(cuts, hardBreaks);
  const spans: Span[] = [];
  let from = 0;
  for (const cut of [...allCuts, text.length]) {
    pushTrimmed(text, from, cut, base, spans);
    from = Math.max(from, cut);
  }
  return spans;
}

function endsSentence(text: string, punct: number, end: number): boolean {
  const mark = text[punct];
  // What comes next must look like the start of a sentence.
  let next = end;
  while (next < text.length && /\s/.test(text[next])) next++;
  if (next >= text.length) return true;
  const following = text[next];
  if (/[a-z]/.test(following)) return false;
  if (mark !== '.') return true;
  const word = wordBefore(text, punct);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  // An initial ("R. Smith") or an enumerator ("1. ", "IV. ") does not end a sentence.
  if (/^[A-Z]$/.test(word)) return false;
  if (/^\d{1,2}$/.test(word) && punct - word.length <= firstNonSpace(text)) return false;
  // Dotted abbreviations such as "U.S.A" or "a.m".
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return false;
  return true;
}

function wordBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && /[A-Za-z0-9.]/.test(text[i - 1])) i--;
  return text.slice(i, index).replace(/^\.+/, '');
}

function firstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  return [...a, ...b].sort((x, y) => x - y);
}

function pushTrimmed(text: string, from: number, to: number, base: number, out: Span[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e > s) out.push({ start: base + s, end: base + e });
}
