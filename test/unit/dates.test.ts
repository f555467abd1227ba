import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesOverlap, dayNumber, findDates, formatLike } from '../../server/src/analysis/dates.js';

const texts = (s: string) => findDates(s).map((d) => s.slice(d.span.start, d.span.end));

describe('findDates', () => {
  it.each(['04/03/2023', '4/3/23', 'April 3, 2023', '3 April 2023', '2023-04-03', 'Apr. 3, 2023'])('reads %s as April 3, 2023', (written) => {
    expect(findDates(`the MRI of ${written} showed`)[0].start).toEqual({ year: 2023, month: 4, day: 3 });
  });

  it('reads ranges, month ranges and "between ... and ..." as one range', () => {
    expect(findDates('records, 01/2023–06/2023, 212 pages')[0]).toMatchObject({ start: { year: 2023, month: 1 }, end: { year: 2023, month: 6 } });
    expect(findDates('5/2/2023-9/12/2023')[0]).toMatchObject({ start: { day: 2 }, end: { month: 9, day: 12 } });
    expect(texts('18 visits between 03/25/2024 and 06/21/2024.')).toEqual(['03/25/2024 and 06/21/2024']);
    expect(findDates('between 03/25/2024 and 06/21/2024')[0].end).toEqual({ year: 2024, month: 6, day: 21 });
  });

  it('keeps a list of dates as separate dates and leaves out dates without a year', () => {
    expect(texts('dated 2/1/23, 3/1/23 and 4/5/23')).toEqual(['2/1/23', '3/1/23', '4/5/23']);
    expect(texts('pain 4/10 at rest')).toEqual([]);
  });

  it('finds a date whose year is bounded only in its own text, and none in figures without a year', () => {
    expect(texts('a12/5/23')).toEqual(['12/5/23']);
    expect(findDates('pain 6/10, strength 5/5, ibuprofen 600 mg (9 pages)')).toEqual([]);
  });

  it('overlaps a date with a range that holds it', () => {
    const [range] = findDates('01/2023–06/2023');
    expect(datesOverlap(findDates('3/15/2023')[0], range)).toBe(true);
    expect(datesOverlap(findDates('7/1/2023')[0], range)).toBe(false);
  });
});

describe('formatLike', () => {
  const day = { year: 2023, month: 6, day: 2 };
  it.each([
    ['01/09/2024', '06/02/2023'], ['4/17/2023', '6/2/2023'], ['4/3/23', '6/2/23'], ['2024-03-05', '2023-06-02'],
    ['March 4, 2024', 'June 2, 2023'], ['13 March 2024', '2 June 2023'], ['Jan. 9, 2024', 'Jun. 2, 2023'], ['01-09-2024', '06-02-2023'],
  ])('writes a date like %s', (example, expected) => {
    expect(formatLike(day, example)).toBe(expected);
  });

  it('keeps a month-only date to the month', () => {
    expect(formatLike({ year: 2023, month: 6 }, '01/09/2024')).toBe('06/2023');
    expect(formatLike({ year: 2023, month: 6 }, 'March 4, 2024')).toBe('June 2023');
  });
});

describe('dayNumber', () => {
  it('counts days as the calendar does, a month date from its first or last day', () => {
    const utcDays = (year: number, month: number, day: number) => Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
    const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
    fc.assert(fc.property(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
      expect(dayNumber({ year, month, day })).toBe(utcDays(year, month, day));
      expect(dayNumber({ year, month }, 'first')).toBe(utcDays(year, month, 1));
      expect(dayNumber({ year, month }, 'last')).toBe(utcDays(year, month, lastDay(year, month)));
    }), { numRuns: 5000 });
    expect(dayNumber({ year: 2024, month: 2 }, 'last') - dayNumber({ year: 2024, month: 2 }, 'first')).toBe(28);
    expect(dayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
  });
});
