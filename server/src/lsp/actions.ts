import {
  type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { disableFix, type DisableScope } from '../engine/disable-comments.js';
import { fixAll, type LintOptions, type LintResult } from '../engine/lint.js';
import { applyFixes } from '../engine/fixes.js';
import type { Fix } from '../rules/types.js';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, minimalEdit, toTextEdits } from './convert.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.imeLint`;

/** Rules whose fix inserts a whole section: "Insert all missing sections" combines them. */
const SECTION_RULES: ReadonlySet<string> = new Set(['section-missing', 'records-section-missing', 'causation-missing']);

/** Builds a WorkspaceEdit for edits to one document (versioned when the client supports it). */
export type EditBuilder = (edits: LspTextEdit[]) => CodeAction['edit'];

/** Every missing section's insertion, as edits on the text the result was computed for. */
export function missingSectionsEdits(result: LintResult): LspTextEdit[] {
  const fixes = result.diagnostics.filter((d) => SECTION_RULES.has(d.ruleId) && d.fix).map((d) => d.fix as Fix);
  const { applied } = applyFixes(result.model.text, fixes);
  return toTextEdits(result.model.lines, applied.flatMap((f) => f.edits));
}

/** The whole of `source.fixAll.imeLint`: every safe fix, as one edit of the changed part. */
export function fixAllEdits(result: LintResult, options: LintOptions): LspTextEdit[] {
  const fixed = fixAll(result.model.text, options);
  const edit = minimalEdit(result.model.text, fixed.text, result.model.lines);
  return edit ? [edit] : [];
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Quick fixes for the diagnostics the client sent back (only those computed for the current
 * version), "Insert all missing sections", and the fix-all source action.
 */
export function codeActions(params: CodeActionParams, result: LintResult, version: number, options: LintOptions, editFor: EditBuilder): CodeAction[] {
  const { only } = params.context;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const fix = currentFix(diagnostic, result, version);
      if (!fix) continue;
      const edits = toTextEdits(result.model.lines, fix.edits);
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safe, edit: editFor(edits) });
    }
    const sectionDiagnostics = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && SECTION_RULES.has(String(d.code)));
    const missing = result.diagnostics.filter((d) => SECTION_RULES.has(d.ruleId) && d.fix);
    if (sectionDiagnostics.length && missing.length > 1) {
      actions.push({ title: 'Insert all missing sections', kind: CodeActionKind.QuickFix, diagnostics: sectionDiagnostics, edit: editFor(missingSectionsEdits(result)) });
    }
    // Last: silencing a finding is the choice after fixing it.
    actions.push(...disableActions(params.context.diagnostics, result, version, editFor));
  }
  // The fix-all action is offered only when asked for by kind (on save, or from the Source Action menu).
  if (only && wants(only, FIX_ALL_KIND) && result.diagnostics.some((d) => d.fix?.safe)) {
    const edits = fixAllEdits(result, options);
    if (edits.length) actions.push({ title: 'Fix all ime-lint problems that have a safe fix', kind: FIX_ALL_KIND, edit: editFor(edits) });
  }
  return actions;
}

/** Rules a disable comment makes no sense for: unused-disable's own fix removes the comment. */
const NOT_DISABLED: ReadonlySet<string> = new Set(['unused-disable']);

/** "Disable <rule> for this line" and "for this report", once per rule and place. */
function disableActions(diagnostics: LspDiagnostic[], result: LintResult, version: number, editFor: EditBuilder): CodeAction[] {
  const { lines } = result.model;
  const byTitleAndPlace = new Map<string, CodeAction>();
  for (const scope of ['line', 'report'] as DisableScope[]) {
    for (const diagnostic of diagnostics) {
      const ruleId = String(diagnostic.code);
      if (!isCurrent(diagnostic, version) || NOT_DISABLED.has(ruleId)) continue;
      const span = { start: lines.offsetAt(diagnostic.range.start), end: lines.offsetAt(diagnostic.range.end) };
      const fix = disableFix(result.model, ruleId, span, scope);
      if (!fix) continue;
      const key = `${fix.title}\n${JSON.stringify(fix.edits)}`;
      const known = byTitleAndPlace.get(key);
      if (known) known.diagnostics!.push(diagnostic);
      else byTitleAndPlace.set(key, { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(toTextEdits(lines, fix.edits)) });
    }
  }
  return [...byTitleAndPlace.values()];
}

function isCurrent(diagnostic: LspDiagnostic, version: number): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.code !== undefined && (diagnostic.data as Partial<DiagnosticData> | undefined)?.version === version;
}

/** The fix of the finding the client sent back, from `result`, the lint of the version the diagnostic was computed for. */
function currentFix(diagnostic: LspDiagnostic, result: LintResult, version: number): Fix | undefined {
  if (!isCurrent(diagnostic, version)) return undefined;
  const { lines } = result.model;
  const start = lines.offsetAt(diagnostic.range.start);
  const end = lines.offsetAt(diagnostic.range.end);
  const finding = result.diagnostics.find((d) => d.ruleId === diagnostic.code && d.span.start === start && d.span.end === end && d.message === diagnostic.message);
  return finding?.fix;
}
