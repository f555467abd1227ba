/** Builds a report for tests: a title that makes it a report, then `## Heading` sections. */
export function report(sections: Record<string, string>, options: { title?: string; frontMatter?: string } = {}): string {
  const parts: string[] = [];
  if (options.frontMatter !== undefined) parts.push(`---\n${options.frontMatter.trim()}\n---\n`);
  parts.push(`# ${options.title ?? 'Independent Medical Examination'}\n`);
  for (const [heading, body] of Object.entries(sections)) parts.push(`## ${heading}\n\n${body.trim()}\n`);
  return parts.join('\n');
}

/** A report with every section the generic profile requires, each with ordinary content. */
export const COMPLETE_SECTIONS: Record<string, string> = {
  'History of Present Illness': 'On 03/12/2024 he lifted a keg and felt a pull in the low back.',
  'Records Reviewed': '1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)',
  'Physical Examination': 'Straight-leg raise negative bilaterally. Reflexes 2+ and symmetric.',
  Diagnoses: '1. Lumbar strain.',
  Causation:
    'The mechanism, a lift and turn, is typical of a lumbar strain, and the urgent care note of 03/13/2024 documents acute spasm. Within a reasonable degree of medical probability, the lumbar strain was caused by the lifting incident of 03/12/2024.',
};

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, i).split('\n').length;
}
