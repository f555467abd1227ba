import { type ReportModel, type Sentence, inKind } from '../engine/model.js';

/**
 * The sentences in which the examiner states something: prose outside headings, the records
 * list and the questions posed (a restated question is not a statement).
 */
export function statementSentences(model: ReportModel): Sentence[] {
  const cached = model.cache.get('statements') as Sentence[] | undefined;
  if (cached) return cached;
  const sentences = model.blocks
    .filter((b) => b.type !== 'heading' && !inKind(b, 'records') && !inKind(b, 'referral'))
    .flatMap((b) => b.sentences)
    .filter((s) => !/\?\s*$/.test(s.text));
  model.cache.set('statements', sentences);
  return sentences;
}

/**
 * A sentence's context up to the end of the report section that holds it (the section just
 * below the title; the rest of the report when it sits under the title itself): masked prose
 * for matching words, raw source for Markdown such as a signature image.
 */
export function restOfSection(model: ReportModel, sentence: Sentence): { text: string; raw: string } {
  let section = sentence.block.section;
  while (section?.parent && section.parent.heading !== model.title) section = section.parent;
  const end = section && section.heading !== model.title ? section.span.end : model.source.length;
  const from = sentence.span.start;
  const text = model.blocks
    .filter((b) => b.span.end > from && b.span.start < end)
    .map((b) => (b.span.start < from ? b.text.slice(from - b.span.start) : b.text))
    .join('\n');
  return { text, raw: model.source.slice(from, end) };
}
