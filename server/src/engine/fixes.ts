import type { Fix, TextEdit } from '../rules/types.js';
import { spansOverlap } from './text.js';

/**
 * Applies fixes to `text`. Fixes whose edits overlap an edit already taken are skipped
 * (the caller re-lints and tries again), so no fix ever lands on text it did not see.
 * Insertions at the same place keep the order of the fixes.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
    applied.push(fix);
  }
  const ordered = taken.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.span.start - b.edit.span.start || (a.edit.rank ?? 0) - (b.edit.rank ?? 0) || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return { text: out + text.slice(cursor), applied };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point do not overlap; a replacement and anything inside it do.
  if (a.span.start === a.span.end && b.span.start === b.span.end) return false;
  return spansOverlap(a.span, b.span);
}
