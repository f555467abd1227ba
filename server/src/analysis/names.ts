import { TextMemo } from '../engine/memo.js';

/**
 * People's names as reports write them: "Dr. Alan Smith", "Dr. Smith", "Alan Smith, M.D.",
 * "Kevin Chu, MD, orthopedic surgery", "A. Smith, D.O.". Two mentions name the same person
 * when the surnames agree and the given names (or initials), where both are present, agree.
 */
export interface PersonName {
  given?: string;
  surname: string;
  /** The form to show in messages, e.g. "Dr. Smith". */
  display: string;
}

const TITLE = String.raw`(?:Dr|Doctor|Prof|Professor)\.?`;
const CREDENTIAL = String.raw`(?:M\.?\s?D|D\.?\s?O|D\.?\s?C|Ph\.?\s?D|Psy\.?\s?D|P\.?\s?A(?:-C)?|N\.?\s?P|F\.?N\.?P|P\.?\s?T|D\.?P\.?T|M\.?B\.?B\.?S|F\.?A\.?C\.?S|FRCSC|LCSW|MFT)\.?`;
// A capitalised word; an apostrophe inside a name ("O'Brien") but not a possessive ("Okafor's").
const WORD = String.raw`[A-Z][a-zA-Z-]*(?:['’](?!s\b)[A-Za-z]+)?`;
const INITIAL = String.raw`[A-Z]\.`;
const PARTICLE = String.raw`(?:(?:van|von|de|del|da|di|le|la|st\.?|mc|o')\s?)?`;

/** "Dr. Alan B. Smith" / "Dr. Smith" */
export const TITLED_NAME = new RegExp(String.raw`\b${TITLE}\s+((?:(?:${WORD}|${INITIAL})\s+){0,2}${PARTICLE}${WORD}(?:-${WORD})?)`, 'g');
/** "Alan Smith, M.D." / "Kevin Chu, MD" */
export const CREDENTIALED_NAME = new RegExp(String.raw`\b((?:${WORD}|${INITIAL})\s+(?:(?:${WORD}|${INITIAL})\s+)?${PARTICLE}${WORD}(?:-${WORD})?),?\s+${CREDENTIAL}(?![A-Za-z])`, 'g');

const NOT_SURNAMES = new Set(['The', 'This', 'That', 'His', 'Her', 'Their', 'Dr', 'Doctor', 'And', 'Of', 'In', 'On']);

/** Reads a name written with a title or credentials; null when the words are not a person's name. */
export function parseName(raw: string): PersonName | null {
  const cleaned = raw
    .replace(new RegExp(String.raw`^\s*${TITLE}\s+`), '')
    .replace(new RegExp(String.raw`,?\s+${CREDENTIAL}.*$`), '')
    .replace(/[,;:.]+$/, '')
    .trim();
  const words = cleaned.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const surname = words[words.length - 1];
  if (!/^[A-Z]/.test(surname) || NOT_SURNAMES.has(surname)) return null;
  const given = words.length > 1 && !/^(?:van|von|de|del|da|di|le|la)$/i.test(words[0]) ? words[0].replace(/\.$/, '') : undefined;
  // Literals, not a spread of either: V8 gave each object made by the spread a shape of its own.
  const display = `Dr. ${surname}`;
  return given ? { given, surname, display } : { surname, display };
}

export interface FoundName {
  name: PersonName;
  start: number;
  end: number;
}

/** A sentence's names depend on its text alone. */
const namesByText = new TextMemo<readonly FoundName[]>();

/** Every titled or credentialed name in `text`, with its offsets; shared with later calls, so read-only. */
export function findNames(text: string): readonly FoundName[] {
  return namesByText.get(text, readNames);
}

/**
 * The names findNames(text) finds whose surname is `surname` (in any case), read only around
 * the surname's occurrences: in a long text, a few short pieces (which findNames keeps)
 * instead of the whole text each time.
 */
export function findNamesBySurname(text: string, surname: string): FoundName[] {
  const wanted = surname.toLowerCase();
  const out: FoundName[] = [];
  let pieceEnd = 0;
  for (const m of text.matchAll(new RegExp(surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'))) {
    if (m.index < pieceEnd) continue; // in the piece read for the occurrence before
    let start = m.index;
    while (!nameCannotSpan(text, start)) start--;
    pieceEnd = m.index + m[0].length;
    while (!nameCannotSpan(text, pieceEnd)) pieceEnd++;
    for (const n of findNames(text.slice(start, pieceEnd))) {
      if (n.name.surname.toLowerCase() === wanted) out.push({ name: n.name, start: start + n.start, end: start + n.end });
    }
  }
  return out;
}

/**
 * Whether no name TITLED_NAME or CREDENTIALED_NAME finds can hold both the character before
 * `at` and the one at it. Within a name, a space comes after another space, a letter, ".",
 * ",", "'" or "-" and before another space, a capital or a particle's first letter; a name
 * starts with a capital and ends with a letter, "." or "-". So a space with anything else on
 * one side is outside every name, and the texts on either side read the same alone.
 */
function nameCannotSpan(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const before = text[at - 1];
  const after = text[at];
  if (SPACE.test(before)) return !SPACE.test(after) && !AFTER_SPACE_IN_NAME.test(after);
  return SPACE.test(after) && !BEFORE_SPACE_IN_NAME.test(before);
}

const SPACE = /\s/;
const AFTER_SPACE_IN_NAME = /[A-Zvdlsmo]/;
const BEFORE_SPACE_IN_NAME = /[A-Za-z.,'-]/;

function readNames(text: string): FoundName[] {
  const found: FoundName[] = [];
  for (const re of [TITLED_NAME, CREDENTIALED_NAME]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const name = parseName(m[0]);
      if (name && !found.some((f) => f.start < m!.index + m![0].length && m!.index < f.end)) {
        found.push({ name, start: m.index, end: m.index + m[0].length });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function sameName(a: PersonName, b: PersonName): boolean {
  if (a.surname.toLowerCase() !== b.surname.toLowerCase()) return false;
  if (!a.given || !b.given) return true;
  const x = a.given.toLowerCase();
  const y = b.given.toLowerCase();
  return x === y || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
}
