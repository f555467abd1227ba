import type { ReportModel, Section } from '../engine/model.js';
import type { Profile } from '../engine/profiles.js';
import { SECTION_TITLES, type SectionKind } from '../engine/sections.js';
import { SECTION_BODIES } from '../engine/templates.js';
import type { TextLike } from '../engine/edited-text.js';
import { lineBreakOf, type Span } from '../engine/text.js';
import type { TextEdit } from './types.js';

/** The level new sections take: that of the report's existing sections of a known kind. */
function sectionDepth(model: ReportModel): number {
  const depths = model.sections.filter((s) => s.kinds.length).map((s) => s.heading.depth);
  if (depths.length) return Math.min(...depths);
  return Math.min(6, (model.title?.depth ?? 1) + 1);
}

/** Where a section of `kind` belongs: after the nearest present section of an earlier kind in profile order. */
export function insertionPoint(model: ReportModel, profile: Profile, kind: SectionKind): number {
  const rank = profile.order.indexOf(kind);
  const depth = sectionDepth(model);
  const peers = model.sections.filter((s) => s.heading.depth === depth && s.kinds.length);
  let after: Section | null = null;
  let before: Section | null = null;
  for (const s of peers) {
    const ranks = s.kinds.map((k) => profile.order.indexOf(k)).filter((r) => r >= 0);
    if (!ranks.length) continue;
    if (Math.max(...ranks) < rank) after = s;
    else if (!before && Math.min(...ranks) > rank) before = s;
  }
  if (after) return after.span.end;
  if (before) return before.span.start;
  return model.source.length;
}

/** An edit that inserts a whole section (heading and body) without touching the text around it. */
export function insertSectionEdit(model: ReportModel, profile: Profile, kind: SectionKind, body = SECTION_BODIES[kind]): TextEdit {
  const at = insertionPoint(model, profile, kind);
  const nl = lineBreakOf(model.source);
  const heading = `${'#'.repeat(sectionDepth(model))} ${SECTION_TITLES[kind]}`;
  return { span: { start: at, end: at }, newText: blockInsertion(model.source, at, `${heading}${nl}${nl}${body.replace(/\n/g, nl)}`), rank: profile.order.indexOf(kind) };
}

/** Wraps `content` in the line breaks it needs to stand as its own Markdown block at `at`. */
export function blockInsertion(text: TextLike, at: number, content: string): string {
  const nl = lineBreakOf(text);
  const before = text.slice(Math.max(0, at - 2), at);
  const lead = at === 0 ? '' : before.endsWith('\n\n') || before.endsWith('\r\n\r\n') ? '' : before.endsWith('\n') ? nl : nl + nl;
  const tail = at >= text.length ? nl : nl + nl;
  return lead + content + tail;
}

/** The span diagnostics about the whole report sit on: its title, else its first line. */
export function titleSpan(model: ReportModel): Span {
  if (model.title) return model.title.span;
  const start = model.frontMatter ? model.frontMatter.span.end : 0;
  const line = model.lines.positionAt(start).line + (model.frontMatter ? 1 : 0);
  return { start: model.lines.lineStart(line), end: model.lines.lineEnd(line) };
}
