import {
  type Diagnostic as LspDiagnostic, DiagnosticSeverity, type Range, type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { ConfigProblem } from '../engine/config.js';
import type { Diagnostic } from '../engine/lint.js';
import type { LineIndex, Span } from '../engine/text.js';
import type { Severity, TextEdit } from '../rules/types.js';

export const DIAGNOSTIC_SOURCE = 'ime-lint';

/**
 * What a diagnostic carries for the code actions asked for it later (LSP `data`): the document
 * version it was computed for. Its fix is offered only on that version, read then from that
 * version's lint, so a fix is worked out only when asked for (`Finding.lazyFix`).
 */
export interface DiagnosticData {
  version: number;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** The rule's entry in the README that ships with the package (nothing online). */
export function ruleDocumentation(readmeUrl: string, ruleId: string): string {
  return `${readmeUrl}#${ruleId}`;
}

/** Engine edits as LSP edits, ordered so insertions at one place keep the engine's order. */
export function toTextEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.span.start - b.edit.span.start || (a.edit.rank ?? 0) - (b.edit.rank ?? 0) || a.order - b.order)
    .map(({ edit }) => ({ range: toRange(lines, edit.span), newText: edit.newText }));
}

/** `readmeUrl`: the shipped README the diagnostic links to for its rule, when known. */
export function toLspDiagnostic(diagnostic: Diagnostic, lines: LineIndex, uri: string, version: number, readmeUrl: string | undefined): LspDiagnostic {
  const data: DiagnosticData = { version };
  return {
    range: toRange(lines, diagnostic.span),
    severity: SEVERITIES[diagnostic.severity],
    source: DIAGNOSTIC_SOURCE,
    code: diagnostic.ruleId,
    ...(readmeUrl ? { codeDescription: { href: ruleDocumentation(readmeUrl, diagnostic.ruleId) } } : {}),
    message: diagnostic.message,
    ...(diagnostic.related?.length
      ? { relatedInformation: diagnostic.related.map((r) => ({ location: { uri, range: toRange(lines, r.span) }, message: r.message })) }
      : {}),
    data,
  };
}

/** Problems of a `.imelintrc.json`; those without a known place sit on its first line. */
export function configProblemDiagnostics(problems: readonly ConfigProblem[], lines: LineIndex): LspDiagnostic[] {
  return problems.map((problem) => ({
    range: problem.length > 0 || problem.offset > 0
      ? toRange(lines, { start: problem.offset, end: problem.offset + problem.length })
      : { start: { line: 0, character: 0 }, end: lines.positionAt(lines.lineEnd(0)) },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    message: `Invalid ime-lint config (reports are linted with the defaults): ${problem.message}`,
  }));
}

/**
 * One edit that turns `before` into `after`: the changed middle between their common prefix
 * and suffix, never splitting a CRLF or a surrogate pair.
 */
export function minimalEdit(before: string, after: string, lines: LineIndex): LspTextEdit | null {
  if (before === after) return null;
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && splitsPair(before, prefix)) prefix--;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  while (suffix > 0 && splitsPair(before, before.length - suffix)) suffix--;
  return { range: toRange(lines, { start: prefix, end: before.length - suffix }), newText: after.slice(prefix, after.length - suffix) };
}

function splitsPair(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous === 13 && next === 10) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
