import { causationHover } from '../analysis/causation.js';
import { treatingHover } from '../analysis/treating.js';
import type { LintResult } from './lint.js';
import type { ReportModel } from './model.js';

/**
 * Analyses that explain something about the text at an offset (Markdown, or null when they
 * have nothing to say there). They run on the model `lint()` built, so they reuse its cached
 * analyses (the treating physicians the config names included).
 */
export const HOVER_PROVIDERS: Array<(model: ReportModel, offset: number) => string | null> = [causationHover, treatingHover];

function covers(span: { start: number; end: number }, offset: number): boolean {
  return span.start === span.end ? offset === span.start : span.start <= offset && offset < span.end;
}

/** Markdown hover for an offset: the rules whose diagnostics cover it, then what the providers add. */
export function hoverAt(result: LintResult, offset: number): string | null {
  const parts: string[] = [];
  const shown = new Set<string>();
  for (const diagnostic of result.diagnostics) {
    const { rule } = diagnostic;
    if (!covers(diagnostic.span, offset) || shown.has(rule.id)) continue;
    shown.add(rule.id);
    parts.push(`**${rule.id}**: ${rule.description}\n\n${rule.rationale}\n\n*Source:* ${rule.source}`);
  }
  if (result.isReport) {
    for (const provide of HOVER_PROVIDERS) {
      const text = provide(result.model, offset);
      if (text) parts.push(text);
    }
  }
  return parts.length ? parts.join('\n\n---\n\n') : null;
}
