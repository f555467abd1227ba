import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../server/src/engine/parse.js';
import { parsePlainMarkdown } from '../../server/src/engine/plain-markdown.js';

// CI runs 1,000 cases per property; `npm run test:fuzz` sets IME_LINT_FUZZ_RUNS higher.
const numRuns = Number(process.env.IME_LINT_FUZZ_RUNS ?? 1000);
const PROPERTY_TIMEOUT_MS = Math.max(300_000, numRuns * 100);

/** The two trees as JSON, so key order counts too (nodes of one kind keep one shape). */
function sameTree(text: string): void {
  const plain = parsePlainMarkdown(text);
  if (plain) expect(JSON.stringify(plain)).toBe(JSON.stringify(parseMarkdown(text)));
}

/** Lines as a report's author writes them, and every way out of plain Markdown. */
function documents(words: string[], prefixes: string[], suffixes: string[]) {
  const line = fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...prefixes), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }), fc.constantFrom(...suffixes)).map(([p, w, s]) => p + w.join(' ') + s) },
  );
  return fc.tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('', '\n', '\n\n')).map(([lines, end]) => lines.join('\n') + end);
}

const PLAIN_WORDS = [
  'word', 'Dr.', 'Smith,', '5/10/2026', '—', '(2', 'pages)', 'a', '1.5', '2019', 'note:', '#', '-', '+', '1.', '2)', '>', 'é', '😀', '\u2007', '\u00a0', '!',
  'http://x.y', 'a@b.co', 'www.x.org', 'two  spaces', '1.x', '1234567890.', '**Label:**', '**Dr. Smith**', '**(2)**', '**a**.', '**b**,', '**c**:', '**d**;',
  '**e**', '**f:**:', '**x**y', '**', '*', '* x', '**a b**', '** a**', '**a **', '**a\u00a0**', '\u00a0**a**', '***a***', '**a*b**', '**a**b**', 'x**a**',
];
const PLAIN_PREFIXES = ['', '', '', '', ' ', '  ', '    ', '- ', '- ', '+ ', '1. ', '1. ', '2. ', '2) ', '10. ', '# ', '### ', '  1. ', '1.', '1)', '-', '#', '1234567890. ', '###### ', '#5 ', '**A:** ', '* ', '** ', '***'];
const ALL_WORDS = [...PLAIN_WORDS, '*', '_', '`', '[x]', '[^1]', '<b>', '&amp;', '\\', '~', '|', ':', '\t', '\r', '\u0000', '\ufeff', '\f'];
const ALL_PREFIXES = [
  ...PLAIN_PREFIXES, '     ', ' '.repeat(97), '* ', '####### ', '> ', '=', '==', '---', '- - -', '***', ':', '|', '```', '~~~', '[x]: y ',
  '[^1]: y ', '\t', '-  ', '1.  ', '  - ', '   1. ', '- # ', '- 1. ', '- > ', '- [ ] ', '<div>', '\ufeff',
];
const ALL_SUFFIXES = ['', '', '', '', ' ', '  ', ' #', ' ##', '\r', '\t', ' \\', '\\'];

describe('plain Markdown read directly', () => {
  it('gives the tree micromark gives, or leaves the text to micromark', () => {
    fc.assert(fc.property(documents(ALL_WORDS, ALL_PREFIXES, ALL_SUFFIXES), sameTree), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('gives the tree micromark gives for texts made of plain lines, paragraphs, headings and lists mixed', () => {
    fc.assert(fc.property(documents(PLAIN_WORDS, PLAIN_PREFIXES, ['', '', '', '  ', '   ', ' ', ' **B**']), sameTree), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('gives the tree micromark gives for paragraphs of bold labels and hard breaks across lines', () => {
    const words = ['word', 'Dr.', '5/10/2026', '—', '**Label:**', '**Dr. Smith**', '**a**.', '**b**:', 'x', '\u00a0', '**a **'];
    const prefixes = ['', '', '', '  ', '   ', '- ', '1. ', '**A:** ', '  **B:** ', '# '];
    const suffixes = ['', '  ', '   ', ' **C:**', ' **C:**  ', ' '];
    fc.assert(fc.property(documents(words, prefixes, suffixes), sameTree), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('reads the plain parts of a report itself: prose, headings, bold labels, hard breaks, lists with lazy and indented lines', () => {
    const texts = [
      '## Records Reviewed\n\n1. 5/10/2026 — Summit Pain Management, Dr. Lena Fischer: procedure note. (2 pages)\n2. 5/11/2026 — ProWork Rehabilitation: evaluation.\n',
      'On 1/15/2021 he was seen at Kaiser Permanente.\nHe was sent to the occupational clinic.\n\n- MRI of the lumbar spine\n  showed a disc protrusion at L4-5.\n- EMG was normal\nper Dr. Chu.\n\n- Loose item\n\n- after a blank line\n',
      '# Title\nText right after a heading.\n# Another\n',
      '**Examinee:** Daniel Reyes  \n**Date of injury:** 1/4/2021  \n**Date of examination:** 3/18/2024\n\n## **Records** Reviewed\n\n1. **5/10/2026** — Summit Pain Management: note.\n',
    ];
    for (const text of texts) {
      expect(parsePlainMarkdown(text)).not.toBeNull();
      sameTree(text);
    }
  });

  it('leaves to micromark what it does not read: emphasis, tables, code, quotes, nested lists, bold it cannot be sure of', () => {
    for (const text of ['*Examinee:* Daniel Reyes', '**a**b', '| a | b |\n|---|---|', '```\ncode\n```', '> quoted', '- a\n  - nested', 'line one  ', 'Text\n---', 'Text\n- item']) {
      expect(parsePlainMarkdown(text)).toBeNull();
    }
  });
});
