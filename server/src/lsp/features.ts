import {
  type CompletionItem, CompletionItemKind, type DocumentSymbol, type FoldingRange, FoldingRangeKind, type Position, SymbolKind,
} from 'vscode-languageserver';
import type { LintResult } from '../engine/lint.js';
import type { Section } from '../engine/model.js';
import { SECTION_TITLES } from '../engine/sections.js';
import { toRange } from './convert.js';

/** The report's sections as an outline tree, each with its kinds as detail. */
export function documentSymbols(result: LintResult): DocumentSymbol[] {
  const { model } = result;
  const toSymbol = (section: Section): DocumentSymbol => ({
    name: section.heading.text || '(untitled section)',
    detail: section.kinds.join(', '),
    kind: SymbolKind.String,
    range: toRange(model.lines, section.span),
    selectionRange: toRange(model.lines, section.heading.span),
    children: section.children.map(toSymbol),
  });
  return model.sections.filter((s) => !s.parent).map(toSymbol);
}

/** One fold per section, from its heading to its last line with content. */
export function foldingRanges(result: LintResult): FoldingRange[] {
  const { model } = result;
  const ranges: FoldingRange[] = [];
  for (const section of model.sections) {
    const startLine = model.lines.positionAt(section.heading.span.start).line;
    const contentEnd = section.span.start + model.text.slice(section.span.start, section.span.end).trimEnd().length;
    const endLine = model.lines.positionAt(contentEnd).line;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return ranges;
}

const HEADING_PREFIX = /^(#{1,6})([ \t]*)([^#]*)$/;

/**
 * Section headings to complete after `#` at the start of a line: the profile's kinds the
 * report still lacks first, in profile order, then the others.
 */
export function headingCompletions(result: LintResult, position: Position): CompletionItem[] {
  const { model, profile } = result;
  const lineStart = model.lines.lineStart(position.line);
  const cursor = model.lines.offsetAt(position);
  const typed = HEADING_PREFIX.exec(model.text.slice(lineStart, cursor));
  if (!typed) return [];
  const present = new Set(model.sections.flatMap((s) => s.kinds));
  const replaceFrom = model.lines.positionAt(lineStart + typed[1].length);
  return profile.order.map((kind, index) => {
    const missing = !present.has(kind);
    const title = SECTION_TITLES[kind];
    const law = profile.required[kind];
    return {
      label: title,
      kind: CompletionItemKind.Module,
      detail: law ? `Required by the ${profile.name} profile` : `Section kind: ${kind}`,
      ...(law ? { documentation: law } : {}),
      sortText: `${missing ? 0 : 1}-${String(index).padStart(2, '0')}`,
      filterText: ` ${title}`,
      textEdit: { range: { start: replaceFrom, end: position }, newText: ` ${title}` },
    };
  });
}
