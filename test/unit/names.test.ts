import { describe, expect, it } from 'vitest';
import { findNames, findNamesBySurname } from '../../server/src/analysis/names.js';

describe('findNamesBySurname', () => {
  it.each([
    'Dr. Alan Smith saw him; Kevin Smith, M.D. agreed, and so did smith.',
    'Dr.\n\nAlan\nSmith and (Dr. SMITH) and A. B. Smith, D.O.',
    "Dr. Maria de la Cruz; Dr. O'Brien's note; Alan Smith-Jones, MD; Dr. Smith-\nJones.",
    '1. 1/4/2021 — Westside Occupational Health, Dr. Chinedu Okafor: clinic note.\n2. Dr. Okafor: progress note. Chinedu Okafor, M.D.',
  ])('finds what findNames finds with the surname, in any case: %j', (text) => {
    for (const surname of new Set(findNames(text).map((n) => n.name.surname))) {
      const expected = findNames(text).filter((n) => n.name.surname.toLowerCase() === surname.toLowerCase());
      expect(findNamesBySurname(text, surname.toUpperCase())).toEqual(expected);
    }
  });
});
