import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesOverlap, dayNumber, findDates, formatLike, readDatesWithChrono, readDatesWithoutChrono } from '../../server/src/analysis/dates.js';

// CI runs 1,000 cases per property; `IME_LINT_FUZZ_RUNS` sets more (or fewer) as for the other properties.
const numRuns = Number(process.env.IME_LINT_FUZZ_RUNS ?? 1000);
const PROPERTY_TIMEOUT_MS = Math.max(300_000, numRuns * 100);

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

describe('reading dates without chrono', () => {
  // Words and marks that some chrono parser or refiner reacts to, with near misses that it does not.
  const WORDS = [
    'May', 'may', 'MAY', 'Mayo', 'Mayof', 'mayfirst', 'Mar', 'mar', 'mar.', 'Marsh', 'Maria', 'Martin', 'Marthird', 'March', 'march', 'Sept', 'sept.',
    'Sep', 'September', 'separate', 'dec', 'Dec.', 'December', 'decreased', 'Jan', 'Janet', 'Feb', 'Apr', 'April', 'Jun', 'June', 'Junior', 'Jul',
    'July', 'Aug', 'August', 'augment', 'Oct', 'Octavia', 'Nov', 'novel', 'novem', 'inmay', 'ofmar', 'thmay', 'Mon', 'monday', 'Monday', 'month',
    'months', 'Simon', 'Tue', 'tue.', 'Tuesday', 'Wed', 'wednesday', 'showed', 'Thu', 'thur', 'Thurs', 'Thursday', 'thumb', 'thus', 'Fri', 'Friday',
    'friend', 'Sat', 'sat.', 'Saturday', 'satisfied', 'Sun', 'Sunday', 'Sunridge', 'week', 'weeks', 'weekend', 'weekday', 'weekly', 'onmonday',
    'thissat', 'now', 'Now', 'nowhere', 'know', 'today', 'Today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'tmrw', 'yesterday', 'last', 'lastnight',
    'night', 'nights', 'noon', 'midnight', 'midday', 'morning', 'afternoon', 'evening', 'this', 'next', 'past', 'ago', 'later', 'earlier', 'after',
    'before', 'since', 'within', 'in', 'for', 'from', 'at', 'to', 'until', 'till', 'through', 'on', 'of', 'by', 'and', 'between', 'the', 'a', 'an',
    'few', 'several', 'couple', 'half', 'one', 'two', 'ten', 'twelve', 'first', 'second', 'third', 'tenth', 'twentieth', 'thirty', '5th', '1st',
    '21st', '2nd', "o'clock", 'oclock', 'clock', 'am', 'AM', 'pm', 'PM', 'a.m.', 'p.m.', 'a.m', 'p', 'T', 't', 'GMT', 'UTC', 'utc', 'EST', 'est', 'PST',
    'ET', 'CST', 'JST', 'MRI', 'EMG', 'pp', 'mg', 'lb', 'Dr.', 'he', 'was', 'seen', 'Kaiser', 'Permanente', 'pages', 'page', 'visits', 'day', 'days',
    'd', 'h', 'm', 's', 'w', 'y', 'yr', 'hrs', 'hr', 'mo', 'mos', 'min', 'sec', 'qtr', 'years', 'hours', 'minutes', 'quarter', 'tend', 'intend',
    'Tenderness', 'ones', 'bones', 'henceforth', 'forward', 'out', 'about', 'around', 'approximately', 'just', 'roughly', 'BE', 'AD', 'BC', 'CE',
    'L4', 'PR', 'DWC', 'x', '_', 'é',
  ];
  const MARKS = ['-', '–', '—', '~', '〜', '?', ',', '.', ':', '：', ';', '(', ')', '/', '+', '∙', "'", '_', '\n', '  ', '（'];
  const PHRASES = [
    '10:30', '5pm', '5 pm', '12:00', '9:10 a.m.', '1.5', '2.50', '(12 pages)', '12 pages', '2 pages', 'page 3 of 10', '(18 visits)', '5 pp.',
    '1/2/2020-3/4/2020', '1/2/2020 - 3/4/2020', '1/2/2020 to 3/4/2020', '3/4/2020 to 1/2/2020', '1/2/2020 through 1/2/2020', '01/2023', '01/2023–06/2023',
    '2021-01-04', '2021/1/4', '2021 1 4', '2021-01-04T10:30', 'L4-5', 'L4-12', 'T12', 'C5-6', 'PR-2', '6/10', '5/5', '4/10', 'between 03/25/2024 and',
    '+3', '-3', 'GMT+2', '(EST)', ', EST', 'at 5', 'from 12', 'from 2009', 'at 2150', 'at 0012', 'from 0024', 'from 002', 'at 024', 'at 0100', 'at 130', 'that 5',
    '12 - 3', '12 to 3', '12-3', '0012', '24', '25', '00',
  ];
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  // Mostly real dates, sometimes impossible ones.
  const numericDate = fc.tuple(
    fc.oneof({ arbitrary: fc.integer({ min: 1, max: 12 }), weight: 4 }, fc.integer({ min: 0, max: 14 })),
    fc.oneof({ arbitrary: fc.integer({ min: 1, max: 28 }), weight: 4 }, fc.integer({ min: 0, max: 33 })),
    fc.constantFrom(2021, 2024, 1999, 2050, 12, 21, 24, 25, 50, 51, 99, 0, 1000, 9999),
    fc.constantFrom('/', '/', '/', '-', '.'), fc.boolean(), fc.boolean(),
  ).map(([month, day, year, sep, padded, shortYear]) => {
    const y = year < 100 ? pad(year, shortYear ? 2 : 4) : shortYear ? pad(year % 100, 2) : String(year);
    return [padded ? pad(month, 2) : month, padded ? pad(day, 2) : day, y].join(sep);
  });
  const token = fc.oneof(
    { arbitrary: numericDate, weight: 6 },
    { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
    { arbitrary: fc.constantFrom(...MARKS), weight: 3 },
    { arbitrary: fc.constantFrom(...PHRASES), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 9999 }).chain((n) => fc.constantFrom(String(n), pad(n % 100, 2), pad(n % 100, 3), pad(n % 100, 4))), weight: 3 },
  );
  const glue = fc.constantFrom(' ', ' ', ' ', '', ', ', ' - ', '  ', '\n', '. ');
  const adversarial = fc.array(fc.tuple(token, glue), { maxLength: 12 }).map((parts) => parts.map(([t, g]) => t + g).join(''));
  // Mostly record-head words, so that the fast path answers often enough to be tested.
  const PLAIN = ['Kaiser', 'Permanente', 'Summit', 'Pain', 'Management', 'Dr.', 'Lena', 'Fischer', 'procedure', 'note', 'he', 'was', 'seen', 'progress', 'report', '(2 pages)', '(12 pages)', '—', ',', ':', 'PR-2', 'L4-5', 'EMG/NCS'];
  const nearlyPlain = fc.array(fc.tuple(fc.oneof(
    { arbitrary: numericDate, weight: 3 }, { arbitrary: fc.constantFrom(...PLAIN), weight: 8 }, { arbitrary: token, weight: 1 },
  ), glue), { maxLength: 10 }).map((parts) => parts.map(([t, g]) => t + g).join(''));

  // Short texts packed with dates, small numbers and the words between them that chrono joins on,
  // so that its merging and extending refiners meet a date often.
  const CLOSE = [
    'to', 'at', 'on', 'of', 'T', 'after', 'before', 'from', 'since', 'until', 'through', 'till', 'in', 'for', 'within', 'ago', 'later', 'out',
    'this', 'next', 'last', 'between', 'and', 'the', 'a', 'd', 'days', 'h', 'm', 'week', 'months', 'years', 'am', 'pm', 'a.m.', 'EST', 'est', 'PST',
    'ET', 'JST', 'GMT', 'UTC', 'may', 'Mar', 'in', 'th', 'first', 'of', 'Mon', 'Sat', 'now', 'pages',
  ];
  const dense = fc.array(fc.tuple(fc.oneof(
    { arbitrary: numericDate, weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 30 }).chain((n) => fc.constantFrom(String(n), pad(n, 2), pad(n, 3))), weight: 3 },
    { arbitrary: fc.constantFrom(...CLOSE), weight: 3 },
    { arbitrary: fc.constantFrom('-', '–', '+', '~', '?', ',', '.', ':', '∙', '(', ')', '/'), weight: 2 },
    { arbitrary: fc.constantFrom('2021', '1999', '0012', '21', '5th', 'inmay', 'ofmar', 'thmay', 'dmay', 'fmar', 'nmar', 'tmay', 'hsep', '2 days', 'a week', 'the day', '3 d', 'one year'), weight: 2 },
  ), fc.constantFrom('', ' ', ' ', ', ', ' +', ' -')), { maxLength: 6 }).map((parts) => parts.map(([t, g]) => t + g).join(''));

  const agree = (text: string) => {
    const fast = readDatesWithoutChrono(text);
    if (fast !== undefined) expect(fast).toStrictEqual(readDatesWithChrono(text));
    return fast !== undefined;
  };

  it('answers as chrono does, or leaves the text to chrono', () => {
    let answered = 0;
    fc.assert(fc.property(fc.oneof(adversarial, nearlyPlain, { arbitrary: dense, weight: 3 }), (text) => {
      if (agree(text)) answered++;
    }), { numRuns });
    // The property means little unless the fast path answers a fair share of the texts.
    expect(answered).toBeGreaterThan(numRuns / 10);
  }, PROPERTY_TIMEOUT_MS);

  it.each([
    '5/10/2026 — Summit Pain Management, Dr. Lena Fischer: procedure note. Tenderness over the paraspinal muscles; straight-leg raise negative bilaterally. (2 pages)',
    'On 1/15/2021 he was seen at Kaiser Permanente.',
    '1/12/2021 — Valley Orthopedic Group, Dr. Maria Lopez: PR-2 progress report.',
    '03/20/2024–07/08/2024 — Helen Marsh, M.D., occupational medicine (treating physician)',
    'he attended 18 visits between 03/25/2024 and 06/21/2024 with steady improvement.',
  ])('reads %j without chrono', (text) => {
    expect(agree(text)).toBe(true);
  });
});
