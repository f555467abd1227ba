import * as chrono from 'chrono-node';
import { shiftedAll, TextMemo } from '../engine/memo.js';
import type { Span } from '../engine/text.js';

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
/** chrono is the costliest detector, and a sentence's dates depend on its text alone. */
const datesByText = new TextMemo<FoundDate[]>();

/**
 * Every date and date range in `text` (offsets absolute to `base`), read by chrono in US
 * order (M/D/Y), the usual one in these reports. Dates without a year are left out:
 * "4/10" in a report is a pain score, not a date.
 */
export function findDates(text: string, base = 0): FoundDate[] {
  if (!MAY_HOLD_YEAR.test(text)) return [];
  return shiftedAll(datesByText.get(text, readDates), base);
}

/** The dates in `text`, offsets relative to its start. */
function readDates(text: string): FoundDate[] {
  const prepared = text.replace(HYPHEN_RANGE, (m) => m.replace('-', '–'));
  const out: FoundDate[] = [];
  for (const r of chrono.en.casual.parse(prepared, REFERENCE)) {
    if (!r.start.isCertain('year') || !r.start.isCertain('month') || RELATIVE.test(r.text) || !HAS_YEAR.test(r.text)) continue;
    // "9/9/2024, 12 pages": chrono reads the count as an hour.
    const written = r.text.replace(/(\d{4}|\d{1,2}\/\d{1,2}\/\d{2})[,\s]+\d{1,2}$/, '$1');
    const start = toCalendar(r.start);
    const end = r.end && r.end.isCertain('month') ? toCalendar(r.end) : undefined;
    out.push({ span: { start: r.index, end: r.index + written.length }, start, ...(end ? { end } : {}) });
  }
  return mergeBetweenRanges(text, out);
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
