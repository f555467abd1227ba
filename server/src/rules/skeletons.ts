import type { ReportModel, Section } from '../engine/model.js';
import type { Profile } from '../engine/profiles.js';
import { SECTION_TITLES, type SectionKind } from '../engine/sections.js';
import { lineBreakOf, type Span } from '../engine/text.js';
import type { TextEdit } from './types.js';

/** What a new section holds: placeholders the examiner replaces (`[[...]]`, flagged until filled). */
export const SECTION_BODIES: Record<SectionKind, string> = {
  identification: '- **Examinee:** [[name]]\n- **Date of injury:** [[date]]\n- **Date of examination:** [[date]]\n- **Requested by:** [[party]]',
  referral: '1. [[question posed by the referring party]]',
  history: "[[How the injury happened, in the examinee's words; treatment since; present complaints]]",
  'past-history': '[[Prior injuries, claims and treatment of the same body part; other conditions]]',
  records: '1. [[date]] — [[provider or facility]]: [[document type]] ([[pages]] pages)',
  treating: "[[Each treating physician's opinion, its basis, and whether and why you agree]]",
  examination: '[[Objective findings: inspection, range of motion, strength, reflexes, sensation, special tests]]',
  diagnostics: '- [[study]], [[date]] ([[facility]]): [[result]]',
  diagnoses: '1. [[diagnosis]]',
  discussion: '[[How the history, records and findings fit together]]',
  causation: [
    '**Mechanism:** [[how the event could produce the condition]]',
    '**Temporal relationship:** [[onset of symptoms relative to the event]]',
    '**Alternative and pre-existing causes:** [[what else could explain the condition, and why it does or does not]]',
    '**Records relied on:** [[records and findings that support the opinion]]',
    '**Conclusion:** [[Within a reasonable degree of medical probability]], [[condition]] [[is / is not]] causally related to [[event]] because [[reason]].',
  ].join('\n\n'),
  mmi: '[[Whether the examinee has reached maximum medical improvement, and the date]]',
  impairment: '[[Impairment rating, with the edition of the Guides, table and page]]',
  apportionment: '[[Percentages of permanent disability caused by the injury and by other factors, and how and why]]',
  'work-status': '[[Work capacity and restrictions, with their duration]]',
  'future-care': '- [[treatment]]: [[reason]]',
  answers: '1. [[answer to each question posed, with its reasons]]',
  attestation: '[[Disclosure: no treating relationship; who performed which parts of the evaluation]]\n\n[[signature and date]]',
};

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
  return model.text.length;
}

/** An edit that inserts a whole section (heading and body) without touching the text around it. */
export function insertSectionEdit(model: ReportModel, profile: Profile, kind: SectionKind, body = SECTION_BODIES[kind]): TextEdit {
  const at = insertionPoint(model, profile, kind);
  const nl = lineBreakOf(model.text);
  const heading = `${'#'.repeat(sectionDepth(model))} ${SECTION_TITLES[kind]}`;
  return { span: { start: at, end: at }, newText: blockInsertion(model.text, at, `${heading}${nl}${nl}${body.replace(/\n/g, nl)}`), rank: profile.order.indexOf(kind) };
}

/** Wraps `content` in the line breaks it needs to stand as its own Markdown block at `at`. */
export function blockInsertion(text: string, at: number, content: string): string {
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
