import type { Nodes, RootContent } from 'mdast';
import type { Fix, TextEdit } from '../rules/types.js';
import type { HtmlComment, ReportModel } from './model.js';
import { parseMarkdown } from './parse.js';
import { lineBreakOf, type Span } from './text.js';

/** "for this line" (the finding's first line) or "for this report" (the whole file). */
export type DisableScope = 'line' | 'report';

const DIRECTIVE_WITH_RULES = /^ime-lint-(disable-next-line|disable-file)\s+\S/;

/**
 * The edit that silences `ruleId` at `span`, placed where Markdown renders the comment as an
 * invisible HTML node: never inside a table, a list item continuation, a code span or a
 * paragraph it would split. Null when no placement leaves the rendering unchanged.
 * The fix is never `safe`: silencing a finding is the author's choice.
 */
export function disableFix(model: ReportModel, ruleId: string, span: Span, scope: DisableScope): Fix | null {
  const edits = scope === 'line' ? disableLineEdits(model, ruleId, span) : disableReportEdits(model, ruleId);
  if (!edits) return null;
  return { title: `Disable ${ruleId} for this ${scope}`, edits, safe: false };
}

function disableLineEdits(model: ReportModel, ruleId: string, span: Span): TextEdit[] | null {
  const { lines, text } = model;
  const eol = lineBreakOf(text);
  const line = lines.positionAt(span.start).line; // the line Suppressions checks
  const top = topLevelNodeAt(model, line);
  if (!top || top.type === 'yaml' || top.type === 'code') return null;
  const [topFirst, topLast] = lineRange(model, top);
  const candidates: TextEdit[][] = [];
  if (line === topFirst) {
    const existing = directiveEndingOnLine(model, 'disable-next-line', line - 1);
    candidates.push(existing ? [addRuleTo(model, existing, ruleId)] : [insertAt(lines.lineStart(line), `<!-- ime-lint-disable-next-line ${ruleId} -->${eol}`)]);
  }
  // A table row's trailing text becomes a cell GFM drops, so tables only take the pair around them.
  if (top.type !== 'table') candidates.push([insertAt(lines.lineEnd(line), ` <!-- ime-lint-disable-line ${ruleId} -->`)]);
  candidates.push([
    insertAt(lines.lineStart(topFirst), `<!-- ime-lint-disable ${ruleId} -->${eol}`),
    insertAt(lines.lineEnd(topLast), `${eol}<!-- ime-lint-enable ${ruleId} -->`),
  ]);
  return candidates.find((edits) => rendersTheSame(model, edits)) ?? null;
}

function disableReportEdits(model: ReportModel, ruleId: string): TextEdit[] | null {
  const { lines, text } = model;
  const existing = model.comments.find((c) => DIRECTIVE_WITH_RULES.exec(c.body)?.[1] === 'disable-file');
  if (existing) return [addRuleTo(model, existing, ruleId)];
  const eol = lineBreakOf(text);
  const comment = `<!-- ime-lint-disable-file ${ruleId} -->`;
  const content = model.root.children.filter((n) => n.type !== 'yaml');
  const title = content[0]?.type === 'heading' ? content[0] : undefined;
  const after = title ?? model.root.children.find((n) => n.type === 'yaml');
  const candidates: TextEdit[][] = [];
  if (after) candidates.push([insertAt(lines.lineEnd(lineRange(model, after)[1]), `${eol}${comment}`)]);
  if (!model.frontMatter) candidates.push([insertAt(0, `${comment}${eol}`)]);
  return candidates.find((edits) => rendersTheSame(model, edits)) ?? null;
}

function insertAt(offset: number, newText: string): TextEdit {
  return { span: { start: offset, end: offset }, newText };
}

/** Adds a rule id to an existing directive's list, before its `-->`. */
function addRuleTo(model: ReportModel, comment: HtmlComment, ruleId: string): TextEdit {
  let at = comment.span.end - '-->'.length;
  while (at > comment.span.start && /\s/.test(model.source.charAt(at - 1))) at--;
  return insertAt(at, ` ${ruleId}`);
}

function directiveEndingOnLine(model: ReportModel, kind: string, line: number): HtmlComment | undefined {
  return model.comments.find((c) => model.lines.positionAt(c.span.end).line === line && DIRECTIVE_WITH_RULES.exec(c.body)?.[1] === kind);
}

/** The root-level block (list, table, paragraph...) that holds the line. */
function topLevelNodeAt(model: ReportModel, line: number): RootContent | undefined {
  return model.root.children.find((node) => {
    const [first, last] = lineRange(model, node);
    return first <= line && line <= last;
  });
}

function lineRange(model: ReportModel, node: Nodes): [number, number] {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return [model.lines.positionAt(start).line, model.lines.positionAt(end).line];
}

/**
 * Whether the edits leave the rendered Markdown as it was: the neighbourhood of the edits is
 * parsed before and after, and the trees compared with HTML comments removed.
 */
function rendersTheSame(model: ReportModel, edits: readonly TextEdit[]): boolean {
  const { text } = model;
  const region = neighbourhood(model, edits);
  const before = text.slice(region.start, region.end);
  let after = '';
  let cursor = region.start;
  for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    after += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  after += text.slice(cursor, region.end);
  return renderingOf(before) === renderingOf(after);
}

/** From the root-level block before the first edit to the one after the last: what an edit can affect. */
function neighbourhood(model: ReportModel, edits: readonly TextEdit[]): Span {
  const children = model.root.children;
  const from = Math.min(...edits.map((e) => e.span.start));
  const to = Math.max(...edits.map((e) => e.span.end));
  const first = children.findIndex((n) => (n.position?.end.offset ?? 0) >= from);
  const last = children.length - 1 - [...children].reverse().findIndex((n) => (n.position?.start.offset ?? 0) <= to);
  const startNode = first < 0 ? undefined : children[Math.max(0, first - 1)];
  const endNode = last < 0 ? undefined : children[Math.min(children.length - 1, last + 1)];
  const start = Math.min(from, model.lines.lineStart(model.lines.positionAt(startNode?.position?.start.offset ?? from).line));
  const endLine = model.lines.positionAt(endNode?.position?.end.offset ?? to).line;
  return { start, end: Math.max(to, endLine + 1 < model.lines.lineCount ? model.lines.lineStart(endLine + 1) : model.source.length) };
}

const COMMENTS = /<!--[\s\S]*?-->/g;
const ATTRIBUTES = ['depth', 'ordered', 'start', 'spread', 'checked', 'align', 'lang', 'meta', 'url', 'title', 'alt', 'identifier'] as const;

/**
 * What a Markdown renderer would make of the text, as a string: the block and inline structure
 * with whitespace collapsed as HTML collapses it, and comment-only HTML left out.
 */
export function renderingOf(markdown: string): string {
  const out: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'html' && node.value.replace(COMMENTS, '').trim() === '') return;
    if (node.type === 'text') {
      out.push(escape(node.value));
      return;
    }
    const record = node as unknown as Record<string, unknown>;
    const attributes = ATTRIBUTES.filter((a) => record[a] !== undefined && record[a] !== null).map((a) => ` ${a}=${JSON.stringify(record[a])}`).join('');
    out.push(`<${node.type}${attributes}>`);
    if ('value' in node) out.push(escape(node.value));
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    out.push(`</${node.type}>`);
  };
  walk(parseMarkdown(markdown));
  return out.join('').replace(/\s+/g, ' ').replace(/ (<\/)/g, '$1').replace(/(<(?:root|paragraph|heading|tableCell|listItem|blockquote)[^>]*>) /g, '$1');
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
