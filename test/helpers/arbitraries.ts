import fc from 'fast-check';

const HEADINGS = ['Independent Medical Examination', 'History of Present Illness', 'Records Reviewed', 'Physical Examination',
  'Diagnoses', 'Discussion', 'Causation', 'Work Status', 'Treating Physician Opinions', 'Apportionment', 'Lumbar spine', 'Notes'];
const SENTENCES = [
  'I disagree with Dr. Smith.', 'Dr. Lopez opined that she cannot return to work.', 'The MRI of 4/3/2023 showed a tear.',
  'Within reasonable medical probability, the strain was caused by the fall.', 'It could have been caused by the lift.',
  'The PTP recommends L4-5 fusion.', 'TBD', 'See [R12].', 'Kaiser physical therapy notes, 01/2023–06/2023, 212 pages.',
  'However, I find she can work.', 'because the straight-leg raise was negative', 'XX/XX/XXXX', '${1:basis}', '[[date]]',
  'It is not possible that the fall caused it.', 'Dr. Chu\'s operative report of May 9, 2023 was reviewed.',
];

const sentence = fc.oneof(fc.constantFrom(...SENTENCES), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
const block = fc.oneof(
  paragraph,
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...HEADINGS)).map(([d, h]) => `${'#'.repeat(d)} ${h}`),
  fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((items) => items.map((i, n) => `${n + 1}. ${i}`).join('\n')),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => `| Date | Record |\n|---|---|\n${items.map((i) => `| 1/2/2023 | ${i.replace(/\|/g, '')} |`).join('\n')}`),
  fc.constantFrom('<!-- ime-lint-disable -->', '<!-- ime-lint-disable-next-line placeholder-left -->', '```\ncode TBD\n```', '> quoted TBD', '---'),
);
const lineBreak = fc.constantFrom('\n', '\r\n');

/** Report-like Markdown: headings from the section tables, sentences that trigger rules, noise. */
export const reportLike = fc.tuple(
  fc.boolean(),
  fc.array(block, { maxLength: 14 }),
  lineBreak,
  fc.boolean(),
).map(([frontMatter, blocks, nl, title]) => {
  const parts = [...(frontMatter ? ['---\nreport: IME\ntreating: [Dr. Smith]\n---'] : []), ...(title ? ['# Independent Medical Examination'] : []), ...blocks];
  return parts.join('\n\n').replace(/\n/g, nl);
});

/** Anything at all, including broken Markdown and control characters. */
export const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), reportLike.map((r) => `# IME Report\n${r}`));
