import * as chrono from 'chrono-node';
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
// chrono reads "5/2/2023-9/12/2023" as "2023-9/12"; a dash between two slashed dates is a range.
const HYPHEN_RANGE = /(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\/\d{4})\s?-\s?(?=\d{1,2}\/\d)/g;
const REFERENCE = new Date(2000, 0, 1);

/**
 * Every date and date range in `text` (offsets absolute to `base`), read by chrono in US
 * order (M/D/Y), the usual one in these reports. Dates without a year are left out:
 * "4/10" in a report is a pain score, not a date.
 */
export function findDates(text: string, base = 0): FoundDate[] {
  if (!/\d/.test(text)) return [];
  const prepared = text.replace(HYPHEN_RANGE, (m) => m.replace('-', '–'));
  const out: FoundDate[] = [];
  for (const r of chrono.en.casual.parse(prepared, REFERENCE)) {
    if (!r.start.isCertain('year') || !r.start.isCertain('month') || RELATIVE.test(r.text) || !HAS_YEAR.test(r.text)) continue;
    const start = toCalendar(r.start);
    const end = r.end && r.end.isCertain('month') ? toCalendar(r.end) : undefined;
    out.push({ span: { start: base + r.index, end: base + r.index + r.text.length }, start, ...(end ? { end } : {}) });
  }
  return out;
}

function toCalendar(c: chrono.ParsedComponents): CalendarDate {
  const year = c.get('year') ?? 0;
  const month = c.get('month') ?? 1;
  return c.isCertain('day') ? { year, month, day: c.get('day') ?? 1 } : { year, month };
}

/** Days since an epoch, for ordering and containment; a month date counts from its first or last day. */
export function dayNumber(d: CalendarDate, edge: 'first' | 'last' = 'first'): number {
  const day = d.day ?? (edge === 'first' ? 1 : new Date(Date.UTC(d.year, d.month, 0)).getUTCDate());
  return Math.floor(Date.UTC(d.year, d.month - 1, day) / 86_400_000);
}

/** True when the two dates (or ranges) share at least one day. */
export function datesOverlap(a: FoundDate, b: FoundDate): boolean {
  const aFrom = dayNumber(a.start, 'first');
  const aTo = dayNumber(a.end ?? a.start, 'last');
  const bFrom = dayNumber(b.start, 'first');
  const bTo = dayNumber(b.end ?? b.start, 'last');
  return aFrom <= bTo && bFrom <= aTo;
}

/** Writes a date back in the style of `example` (the format a list already uses). */
export function formatLike(d: CalendarDate, example: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const day = d.day ?? 1;
  if (/^\d{4}-\d{2}-\d{2}$/.test(example)) return `${d.year}-${pad(d.month)}-${pad(day)}`;
  if (/^\d{2}\/\d{2}\/\d{4}$/.test(example)) return `${pad(d.month)}/${pad(day)}/${d.year}`;
  if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(example)) return `${d.month}/${day}/${String(d.year).slice(-2)}`;
  if (/^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(example)) return `${day} ${months[d.month - 1]} ${d.year}`;
  if (/^[A-Z][a-z]+ \d{1,2}, \d{4}$/.test(example)) return `${months[d.month - 1]} ${day}, ${d.year}`;
  return `${d.month}/${day}/${d.year}`;
}
