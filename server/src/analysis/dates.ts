import * as chrono from 'chrono-node';
import { allMatches, moveSpan, type Span } from '../engine/text.js';

/** A calendar date as precise as the author wrote it: a day, or a whole month. */
export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day?: number;
}

export interface FoundDate {
  span: Span;
  /** First day covered. */
  start: CalendarDate;
  /** Last day covered, for ranges ("03/20/2024–07/08/2024", "January to March 2023"). */
  end?: CalendarDate;
}

// Relative expressions are about the writer's "now", never a record's date.
const RELATIVE = /\b(now|today|tonight|yesterday|tomorrow|ago|last|next|this|later|earlier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midnight)\b/i;
const HAS_YEAR = /\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b|'\d{2}\b/;
/**
 * HAS_YEAR without its word boundaries, which hold at the edges of a date's own text but
 * need not in the text around it: every date kept has this somewhere in the text (the
 * range dashes put in before chrono only remove matches), so a text without it skips chrono.
 */
const MAY_HOLD_YEAR = /\d{4}|\d[/.-]\d{1,2}[/.-]\d\d|'\d\d/;
// chrono reads "5/2/2023-9/12/2023" as "2023-9/12"; a dash between two slashed dates is a range.
const HYPHEN_RANGE = /(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\/\d{4})\s?-\s?(?=\d{1,2}\/\d)/g;
const REFERENCE = new Date(2000, 0, 1);

/**
 * Every date and date range in `text` (offsets absolute to `base`), read by chrono in US
 * order (M/D/Y), the usual one in these reports. Dates without a year are left out:
 * "4/10" in a report is a pain score, not a date.
 */
export function findDates(text: string, base = 0): FoundDate[] {
  if (!MAY_HOLD_YEAR.test(text)) return [];
  // Not memoised by text: what reads a block's dates keeps them with the block's node, and a
  // memo of every sentence's dates held megabytes on a long report for edits that rarely ask again.
  const dates = readDates(text);
  for (const d of dates) moveSpan(d.span, base);
  return dates;
}

/** The dates in `text`, offsets relative to its start. */
function readDates(text: string): FoundDate[] {
  return readDatesWithoutChrono(text) ?? readDatesWithChrono(text);
}

/** What chrono finds in `text` (readDates without its shortcut). */
export function readDatesWithChrono(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const r of chrono.en.casual.parse(prepareRanges(text), REFERENCE)) {
    if (!r.start.isCertain('year') || !r.start.isCertain('month') || RELATIVE.test(r.text) || !HAS_YEAR.test(r.text)) continue;
    // "9/9/2024, 12 pages": chrono reads the count as an hour.
    const written = r.text.replace(/(\d{4}|\d{1,2}\/\d{1,2}\/\d{2})[,\s]+\d{1,2}$/, '$1');
    const start = toCalendar(r.start);
    const end = r.end && r.end.isCertain('month') ? toCalendar(r.end) : undefined;
    out.push({ span: { start: r.index, end: r.index + written.length }, start, ...(end ? { end } : {}) });
  }
  return mergeBetweenRanges(text, out);
}

function prepareRanges(text: string): string {
  return text.replace(HYPHEN_RANGE, (m) => m.replace('-', '–'));
}

// ---- The same answer without chrono, for texts whose only dates are M/D/Y ones ----
// On a cold process chrono is the costliest detector, and most texts it is given are record heads
// and sentences dated "5/10/2026". For those its answer follows from a few of its rules, so it is
// worked out here. Any text holding something else that one of chrono's casual English parsers or
// refiners reacts to is left to chrono: each trigger below matches wherever its chrono pattern
// could (node_modules/chrono-node/src/locales/en and src/common, chrono-node 2.9.0), and more.

const UNIT = 's|sec|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|mon|mos|months?|qtr|quarters?|y|yr|years?';
const AMOUNT = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d+(?:\\.\\d+)?|half(?:\\s{0,2}an?)?|an?\\b(?:\\s{0,2}few)?|few|several|the|a?\\s{0,2}couple\\s{0,2}(?:of)?';
/** "3 days", "a week": one unit of chrono's TIME_UNITS_PATTERN. */
const DURATION = `(?:${AMOUNT})\\s{0,3}(?:${UNIT})`;
const ORDINAL_START = 'first|second|third|fourt|fift|sixt|sevent|eight|nin|tenth|elevent|twelft|thirt|twent';
const CHRONO_TRIGGER = new RegExp(
  [
    // ENCasualDateParser; ENCasualTimeParser and the time parser's "o'clock", "at night", "in the morning".
    '\\b(?:now|today|tonight|tomorrow|overmorrow|tmrw?|yesterday)\\b|night|noon|morning|afternoon|evening|midday|clock',
    // ExtractTimezoneOffsetRefiner's "GMT+2".
    'gmt|utc',
    // A month name where one of the month parsers could start it: after a non-letter, "in", "of" or an
    // ordinal ("5th", "first"), and before a non-letter, "of" or an ordinal ("Mar 3", "Marfirst", not "Maria").
    `(?<![a-cegi-mo-su-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?=[^a-z]|$|of|${ORDINAL_START})`,
    // ENWeekdayParser: after a non-letter, "on", "this", "last"..., and before a non-letter or "this", "next"...
    '(?<![a-mo-ru-z])(?:sun(?:day)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|week(?:end|day))(?=[^a-z]|$|this|last|past|next)',
    // ENRelativeDateFormatParser ("this week"); the within, casual relative, ago and later parsers.
    `(?:this|last|past|next)\\s*(?:${UNIT})(?![a-z0-9_])`,
    `(?:within|in|for|this|last|past|next|after|\\+|-)\\s*(?:(?:about|around|roughly|approximately|just)\\s*(?:~\\s*)?)?(?:(?:about|around)\\s{0,3})?${DURATION}(?:\\s{0,5},?(?:\\s*and)?\\s{0,5}${DURATION})*(?![a-z0-9_])`,
    // Not from inside a run of digits: from its start the same match is found, and trying every digit of a long run is quadratic.
    `(?<!\\d)${DURATION}\\s{0,5}(?:ago|before|earlier|later|after|from now|henceforth|forward|out)(?![a-z0-9_])`,
    // The time parser's "5 pm", "T12", "10:30", "1.5", and "at 5", "from 002": an hour up to 24 after "at" or
    // "from", however padded (not "from 2009" nor "at 5/10/2026").
    '\\d\\s*(?:[ap]\\.m\\.|[ap]m?)(?![a-z0-9_])|t\\d|\\d[.:：]\\d|(?:at|from)\\s*0*\\d{1,2}(?![\\d/])',
    // ENYearMonthDayParser and ISOFormatParser: "2021-01-04", "2021 1 4".
    '\\d{4}[-./\\s]\\d{1,2}[-./\\s]\\d',
  ].join('|'),
  'i',
);
/** A date M/D/YYYY or M/D/YY with no digit, letter or date separator against it; else a run of digits. */
const DIGITS = /(?<![\w/.-])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\w/])|\d+/g;
/** What SlashDateFormatParser or ENSlashMonthFormatParser could read with a number that DIGITS did not take as a date. */
const SLASH_OR_DATE_AFTER = /^(?:\/|[.-]\d{1,2}[/.-]\d)/;
/** The time parser reads "12 - 3" or "12 to 3" as a time range (not "12 to 5/10/2026"). */
const TIME_RANGE_AFTER = /^\s*(?:[-+~〜?–]|to|until|through|till)\s*(?=\d)/i;
/** ExtractTimezoneOffsetRefiner's "+3" after a result. */
const OFFSET_AFTER = /^\s*[+-]\d/;
/** ExtractTimezoneAbbrRefiner's "EST" after a result: after a date only when written in capitals. */
const ZONE_AFTER_DATE = /^\s*,?\s*\(?[A-Z]{2,4}(?!\w)/;
const ZONE_AFTER_HOUR = /^\s*,?\s*\(?[A-Z]{2,4}(?!\w)/i;
/** ENMergeDateTimeRefiner joins a date and a time with this between them ("5/10/2026, 12"). */
const DATE_TIME_BETWEEN = /^\s*(T|at|after|before|on|of|,|-|\.|∙|:)?\s*$/;
/** ENMergeDateRangeRefiner joins two dates with this between them. */
const RANGE_BETWEEN = /^\s*(to|-|–|until|through|till)\s*$/i;

interface NumberRead {
  start: number;
  end: number;
  /** Absent for a number read as an hour. */
  date?: CalendarDate;
}

/**
 * Exactly what readDatesWithChrono returns for `text`, or undefined when the text holds anything
 * besides M/D/Y dates and numbers that chrono ignores or reads as bare hours (which it drops).
 */
export function readDatesWithoutChrono(text: string): FoundDate[] | undefined {
  const prepared = prepareRanges(text);
  if (CHRONO_TRIGGER.test(prepared)) return undefined;
  const tokens = allMatches(DIGITS, prepared);
  // chrono's results once it has removed overlaps (the "10/2026" and "21" it also reads inside
  // "5/10/2026" and "5/10/21"): the dates, and the two-digit numbers up to 24 read as hours ("(12 pages)").
  const results: NumberRead[] = [];
  for (const [i, m] of tokens.entries()) {
    const start = m.index;
    const end = start + m[0].length;
    const after = prepared.slice(end);
    const date = m[1] ? plainDate(Number(m[1]), Number(m[2]), m[3]) : undefined;
    if (m[1] && !date) return undefined;
    if (!date) {
      // A number against a slash, or a date written with dashes or dots, is another of chrono's forms.
      if (prepared[start - 1] === '/' || SLASH_OR_DATE_AFTER.test(after)) return undefined;
      // The time parser reads a number only after a non-word character ("L4-5" holds no "4").
      if (/\w/.test(prepared[start - 1] ?? '')) continue;
    }
    const range = TIME_RANGE_AFTER.exec(after);
    const next = tokens[i + 1];
    if (OFFSET_AFTER.test(after) || (range && !(next?.[1] && next.index === end + range[0].length))) return undefined;
    if (date) {
      if (ZONE_AFTER_DATE.test(after)) return undefined;
      results.push({ start, end, date });
    } else if (m[0].length === 2 && Number(m[0]) <= 24 && !/^\w/.test(after)) {
      if (ZONE_AFTER_HOUR.test(after)) return undefined;
      results.push({ start, end });
    }
  }
  // A date and an hour side by side would become one date-time spanning both.
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1], results[i]];
    if (!a.date !== !b.date && DATE_TIME_BETWEEN.test(prepared.slice(a.end, b.start))) return undefined;
  }
  // Lone hours are all digits, which chrono drops before it joins dates into ranges.
  const dates = results.filter((r): r is Required<NumberRead> => r.date !== undefined);
  const out: FoundDate[] = [];
  for (let i = 0; i < dates.length; i++) {
    const [a, b] = [dates[i], dates[i + 1]];
    if (b && RANGE_BETWEEN.test(prepared.slice(a.end, b.start))) {
      // chrono puts the earlier date first.
      const [first, last] = dayNumber(a.date) > dayNumber(b.date) ? [b.date, a.date] : [a.date, b.date];
      out.push({ span: { start: a.start, end: b.end }, start: first, end: last });
      i++;
    } else {
      out.push({ span: { start: a.start, end: a.end }, start: a.date });
    }
  }
  return mergeBetweenRanges(text, out);
}

/**
 * The date chrono's SlashDateFormatParser reads from M/D/Y, when it reads it as written: it swaps
 * a month over 12 with the day and drops impossible dates ("2/30/2021"), which are left to it.
 */
function plainDate(month: number, day: number, writtenYear: string): CalendarDate | undefined {
  const n = Number(writtenYear);
  const year = n < 100 ? n + (n > 50 ? 1900 : 2000) : n;
  // ParsingComponents.isValidDate, at the noon chrono implies.
  const noon = new Date(year, month - 1, day, 12);
  noon.setFullYear(year);
  const valid = noon.getFullYear() === year && noon.getMonth() === month - 1 && noon.getDate() === day && noon.getHours() === 12 && noon.getMinutes() === 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && valid ? { year, month, day } : undefined;
}

// "between 03/25/2024 and 06/21/2024" is one range, which chrono reads as two dates.
function mergeBetweenRanges(text: string, dates: FoundDate[]): FoundDate[] {
  const out: FoundDate[] = [];
  for (let i = 0; i < dates.length; i++) {
    const a = dates[i];
    const b = dates[i + 1];
    const opens = /\bbetween\s+$/i.test(text.slice(Math.max(0, a.span.start - 12), a.span.start));
    if (b && !a.end && !b.end && opens && /^\s+and\s+$/.test(text.slice(a.span.end, b.span.start))) {
      out.push({ span: { start: a.span.start, end: b.span.end }, start: a.start, end: b.start });
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

function toCalendar(c: chrono.ParsedComponents): CalendarDate {
  const year = c.get('year') ?? 0;
  const month = c.get('month') ?? 1;
  return c.isCertain('day') ? { year, month, day: c.get('day') ?? 1 } : { year, month };
}

/** Days since 1970-01-01, for ordering and containment; a month date counts from its first or last day. */
export function dayNumber(d: CalendarDate, edge: 'first' | 'last' = 'first'): number {
  if (d.day !== undefined) return daysSinceEpoch(d.year, d.month, d.day);
  return edge === 'first' ? daysSinceEpoch(d.year, d.month, 1) : daysSinceEpoch(d.year, d.month + 1, 0);
}

/**
 * The day `Date.UTC(year, month - 1, day)` falls on, counted without making dates (matching
 * references against a long list asks this thousands of times per lint): a month or day out of
 * range runs over into the next (day 0 is the month before's last), and years 0-99 are 1900-1999.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const months = (year >= 0 && year <= 99 ? 1900 + year : year) * 12 + month - 1;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  // Howard Hinnant's days_from_civil: years counted from March, so a leap day ends the year.
  const marchYear = m <= 2 ? y - 1 : y;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468 + day - 1;
}

/** True when the two dates (or ranges) share at least one day. */
export function datesOverlap(a: FoundDate, b: FoundDate): boolean {
  const aFrom = dayNumber(a.start, 'first');
  const aTo = dayNumber(a.end ?? a.start, 'last');
  const bFrom = dayNumber(b.start, 'first');
  const bTo = dayNumber(b.end ?? b.start, 'last');
  return aFrom <= bTo && bFrom <= aTo;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Writes a date back in the style of `example` (the format a list already uses): numeric
 * with slashes, dashes or dots, padded or not, two- or four-digit years, ISO, "April 3, 2023",
 * "Apr. 3, 2023", "3 April 2023". A date known only to the month keeps that precision.
 */
export function formatLike(d: CalendarDate, example: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const sample = example.trim();
  const month = MONTHS[d.month - 1];
  const wordMonth = /[A-Za-z]{3}/.exec(sample)?.[0];
  const shortMonth = wordMonth && !MONTHS.some((m) => sample.includes(m)) ? `${month.slice(0, 3)}${/[A-Za-z]{3}\./.test(sample) && month.length > 3 ? '.' : ''}` : month;
  if (/^\d{4}-\d{2}(?:-\d{2})?$/.test(sample)) return d.day ? `${d.year}-${pad(d.month)}-${pad(d.day)}` : `${d.year}-${pad(d.month)}`;
  if (/^\d{1,2} [A-Z][a-z]+\.? \d{4}$/.test(sample)) return d.day ? `${d.day} ${shortMonth} ${d.year}` : `${shortMonth} ${d.year}`;
  if (/^[A-Z][a-z]+\.? (?:\d{1,2}, )?\d{4}$/.test(sample)) return d.day ? `${shortMonth} ${d.day}, ${d.year}` : `${shortMonth} ${d.year}`;
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$|^(\d{1,2})([/.-])(\d{4})$/.exec(sample);
  if (numeric) {
    const sep = numeric[2] ?? numeric[6];
    const padded = (numeric[1] ?? numeric[5]).length === 2;
    const year = numeric[4]?.length === 2 ? String(d.year).slice(-2) : String(d.year);
    const m = padded ? pad(d.month) : String(d.month);
    if (!d.day) return `${m}${sep}${d.year}`;
    return `${m}${sep}${padded ? pad(d.day) : d.day}${sep}${year}`;
  }
  return d.day ? `${d.month}/${d.day}/${d.year}` : `${d.month}/${d.year}`;
}
