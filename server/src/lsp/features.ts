import {
  type CompletionItem, CompletionItemKind, type DocumentSymbol, type FoldingRange, FoldingRangeKind, type Position, type Range, SymbolKind,
} from 'vscode-languageserver';
import { analyseRecords, type RecordEntry, recordDefinition, recordReferences } from '../analysis/records.js';
import { treatingNames } from '../analysis/treating.js';
import { reportSkeleton } from '../authoring/snippets.js';
import type { LintResult } from '../engine/lint.js';
import type { ReportModel, Section } from '../engine/model.js';
import { PROFILES } from '../engine/profiles.js';
import { firstIndex } from '../engine/text.js';
import { SECTION_TITLES } from '../engine/sections.js';
import { toRange } from './convert.js';

const SYMBOL_NAME_LENGTH = 80;

/**
 * The report's sections as an outline tree, each with its kinds as detail; the records
 * list's entries sit under the section that holds them.
 */
export function documentSymbols(result: LintResult): DocumentSymbol[] {
  const { model } = result;
  const entriesBySection = new Map<Section | null, RecordEntry[]>();
  for (const entry of analyseRecords(model).entries) {
    const section = innermostSection(model, entry.itemSpan.start);
    const entries = entriesBySection.get(section);
    if (entries) entries.push(entry);
    else entriesBySection.set(section, [entry]);
  }
  const entrySymbol = (entry: RecordEntry): DocumentSymbol => {
    const detail = entryDetail(entry);
    return {
      name: shorten(entryName(entry)) || '(record)',
      ...(detail ? { detail } : {}),
      kind: SymbolKind.File,
      range: toRange(model.lines, entry.itemSpan),
      selectionRange: toRange(model.lines, entry.span),
    };
  };
  const inOrder = (symbols: { start: number; symbol: DocumentSymbol }[]) => symbols.sort((a, b) => a.start - b.start).map((s) => s.symbol);
  const withEntries = (section: Section | null, children: Section[]): DocumentSymbol[] => inOrder([
    ...children.map((child) => ({ start: child.span.start, symbol: sectionSymbol(child) })),
    ...(entriesBySection.get(section) ?? []).map((entry) => ({ start: entry.itemSpan.start, symbol: entrySymbol(entry) })),
  ]);
  const sectionSymbol = (section: Section): DocumentSymbol => ({
    name: section.heading.text || '(untitled section)',
    detail: section.kinds.join(', '),
    kind: SymbolKind.String,
    range: toRange(model.lines, section.span),
    selectionRange: toRange(model.lines, section.heading.span),
    children: withEntries(section, section.children),
  });
  return withEntries(null, model.sections.filter((s) => !s.parent));
}

/**
 * The innermost section holding `offset`: the last one to start at or before it, or the first of
 * its parents that still holds it (sections nest, in document order). A search, not a walk over
 * every section: the outline asks it for each of thousands of records entries.
 */
function innermostSection(model: ReportModel, offset: number): Section | null {
  const { sections } = model;
  const last = firstIndex(sections.length, (i) => sections[i].span.start > offset) - 1;
  for (let section: Section | null = last >= 0 ? sections[last] : null; section; section = section.parent) {
    if (offset < section.span.end) return section;
  }
  return null;
}

/** A leading citation key ("[R12] |", "R12:"), which the outline shows as detail instead. */
const LEADING_KEY = /^\W{0,3}\[?\^?R-?\d+\]?[\s|:.–—-]*/i;

/** What identifies the record, without its key and page count (a table row's other cells). */
function entryName(entry: RecordEntry): string {
  const row = entry.blocks[0];
  const { columns } = entry.container;
  if (entry.container.kind === 'table' && columns && row.cells) {
    const shown = row.cells.filter((_, i) => i !== columns.key && i !== columns.pages && i !== columns.summary);
    return shown.map((cell) => row.text.slice(cell.start - row.span.start, cell.end - row.span.start).trim()).filter(Boolean).join(' | ');
  }
  return entry.keys.some((k) => /^[a-z]/.test(k)) ? entry.head.replace(LEADING_KEY, '') : entry.head;
}

/** An entry's keys and page count, as the outline shows them next to its name. */
function entryDetail(entry: RecordEntry): string {
  const keys = entry.keys.filter((k) => /^[a-z]/.test(k)).map((k) => k.toUpperCase());
  return [...keys, ...(entry.pages !== null ? [`${entry.pages} page${entry.pages === 1 ? '' : 's'}`] : [])].join(', ');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SYMBOL_NAME_LENGTH ? `${flat.slice(0, SYMBOL_NAME_LENGTH - 1)}…` : flat;
}

/** One fold per section, from its heading to its last line with content. */
export function foldingRanges(result: LintResult): FoldingRange[] {
  const { model } = result;
  const ranges: FoldingRange[] = [];
  for (const section of model.sections) {
    const startLine = model.lines.positionAt(section.heading.span.start).line;
    // Read back from the end (as `trimEnd` would) rather than copying a section that may be most of the report.
    let contentEnd = section.span.end;
    while (contentEnd > section.span.start && /\s/.test(model.source.charAt(contentEnd - 1))) contentEnd--;
    const endLine = model.lines.positionAt(contentEnd).line;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return ranges;
}

// ---------------------------------------------------------------------------------------
// Completion

/** What the text before the cursor, on its line, asks to complete. */
export type CompletionSite =
  | { kind: 'heading'; markers: string }
  /** `[R1`, `[^r`: `typed` is the whole citation so far, from its bracket. */
  | { kind: 'record'; typed: string; footnote: boolean; letter: string }
  /** `Dr.`, `Dr. Sm`: `typed` is what follows "Dr.". */
  | { kind: 'physician'; typed: string };

const HEADING_PREFIX = /^(#{1,6})[ \t]*[^#]*$/;
const CITATION_PREFIX = /\[(\^?)([Rr])\d*$/;
/** "Dr." then, with at most one space, up to two words of a name. */
const DOCTOR_PREFIX = /\bDr\.( ?(?:[\p{L}'’-]+(?: [\p{L}'’-]*)?)?)$/u;

/** Decided from the line alone, so that a keystroke that completes nothing costs no lint. */
export function completionSite(linePrefix: string): CompletionSite | null {
  const heading = HEADING_PREFIX.exec(linePrefix);
  if (heading) return { kind: 'heading', markers: heading[1] };
  const citation = CITATION_PREFIX.exec(linePrefix);
  if (citation) return { kind: 'record', typed: citation[0], footnote: citation[1] === '^', letter: citation[2] };
  const doctor = DOCTOR_PREFIX.exec(linePrefix);
  if (doctor) return { kind: 'physician', typed: doctor[1] };
  return null;
}

export function completions(result: LintResult, position: Position, site: CompletionSite): CompletionItem[] {
  const cursor = result.model.lines.offsetAt(position);
  switch (site.kind) {
    case 'heading':
      return headingCompletions(result, position, result.model.lines.lineStart(position.line) + site.markers.length);
    case 'record':
      return recordKeyCompletions(result.model, position, cursor, site);
    case 'physician':
      return physicianCompletions(result.model, position, cursor - site.typed.length);
  }
}

/**
 * Section headings to complete after `#` at the start of a line: the profile's kinds the
 * report still lacks first, in profile order, then the others.
 */
function headingCompletions(result: LintResult, position: Position, replaceFrom: number): CompletionItem[] {
  const { model, profile } = result;
  const present = new Set(model.sections.flatMap((s) => s.kinds));
  const range = { start: model.lines.positionAt(replaceFrom), end: position };
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
      textEdit: { range, newText: ` ${title}` },
    };
  });
}

/**
 * The records list's entries as citation keys. A lettered key ("R12") is what a citation
 * resolves to when the list has any; otherwise "[R12]" cites the list's 12th item.
 */
function recordKeyCompletions(model: ReportModel, position: Position, cursor: number, site: Extract<CompletionSite, { kind: 'record' }>): CompletionItem[] {
  const { entries } = analyseRecords(model);
  const lettered = entries.some((e) => e.keys.some((k) => /^[a-z]/.test(k)));
  const range = { start: model.lines.positionAt(cursor - site.typed.length), end: position };
  const closed = model.source.charAt(cursor) === ']';
  const items: CompletionItem[] = [];
  const seen = new Set<number>();
  for (const entry of entries) {
    const key = entry.keys.find((k) => (lettered ? /^r\d+$/.test(k) : /^\d+$/.test(k)));
    const number = key ? Number(key.replace(/^r/, '')) : NaN;
    if (Number.isNaN(number) || seen.has(number)) continue;
    seen.add(number);
    const citation = `[${site.footnote ? '^' : ''}${site.letter}${number}`;
    items.push({
      label: citation.slice(1),
      kind: CompletionItemKind.Reference,
      detail: shorten(entryName(entry)),
      ...(entry.pages !== null ? { documentation: `${entry.pages} page${entry.pages === 1 ? '' : 's'}` } : {}),
      sortText: String(number).padStart(6, '0'),
      filterText: citation,
      textEdit: { range, newText: closed ? citation : `${citation}]` },
    });
  }
  return items;
}

/** The treating physicians' names after "Dr.", full name and surname alone. */
function physicianCompletions(model: ReportModel, position: Position, replaceFrom: number): CompletionItem[] {
  const range = { start: model.lines.positionAt(replaceFrom), end: position };
  return treatingNames(model).map((name, index) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: 'Treating physician',
    sortText: String(index).padStart(4, '0'),
    filterText: ` ${name}`,
    textEdit: { range, newText: ` ${name}` },
  }));
}

// ---------------------------------------------------------------------------------------
// Navigation between the records list and the body

/** From a citation or a reference to a record to the records entry that lists it. */
export function recordDefinitionRange(result: LintResult, offset: number): Range | null {
  const entry = recordDefinition(result.model, offset);
  return entry ? toRange(result.model.lines, entry) : null;
}

/**
 * Every place the body cites the record at `offset`, asked from its entry or from one of
 * its citations; with the entry itself when `includeDeclaration`.
 */
export function recordReferenceRanges(result: LintResult, offset: number, includeDeclaration: boolean): Range[] {
  const { model } = result;
  const entry = recordDefinition(model, offset) ?? analyseRecords(model).entries.find((e) => e.itemSpan.start <= offset && offset <= e.itemSpan.end)?.span;
  if (!entry) return [];
  const references = recordReferences(model, entry.start);
  return (includeDeclaration ? [entry, ...references] : references).map((span) => toRange(model.lines, span));
}

// ---------------------------------------------------------------------------------------
// Client status and new reports

/** Request (params `{ uri }`) for what the client's status bar shows about a document. */
export const STATUS_REQUEST = 'imeLint/status';

export interface ReportStatus {
  isReport: boolean;
  /** The profile's id and name; empty when the document is not a linted report. */
  profile: { id: string; name: string } | null;
  errors: number;
  warnings: number;
  /** Information and hint diagnostics. */
  others: number;
}

export const NO_REPORT_STATUS: ReportStatus = { isReport: false, profile: null, errors: 0, warnings: 0, others: 0 };

export function reportStatus(result: LintResult): ReportStatus {
  const count = (severity: string) => result.diagnostics.filter((d) => d.severity === severity).length;
  return {
    isReport: true,
    profile: { id: result.profile.id, name: result.profile.name },
    errors: count('error'),
    warnings: count('warning'),
    others: result.diagnostics.length - count('error') - count('warning'),
  };
}

export function profileChoices(): { id: string; name: string; description: string }[] {
  return Object.values(PROFILES).map(({ id, name, description }) => ({ id, name, description }));
}

/** A new report's text for the profile named by `id`, in snippet syntax; null for anything else. */
export function skeletonFor(id: unknown): string | null {
  return typeof id === 'string' && Object.hasOwn(PROFILES, id) ? reportSkeleton(PROFILES[id]) : null;
}
