import type { Nodes, Root, RootContent } from 'mdast';
import { lintWith, type LintOptions, type LintResult } from './lint.js';
import { buildModel, modelFromTree, type ModelOptions, type ReportModel } from './model.js';
import { parseMarkdown } from './parse.js';

/**
 * Incremental analysis of one open document. The text is cut into chunks at block
 * boundaries where Markdown cannot carry state from one block to the next; each chunk is
 * parsed on its own and its mdast kept, keyed by its text, so after an edit only the chunks
 * whose text changed are parsed again (the others are moved to their new offsets). The model
 * and the rules then run over the whole document as `lint` does: the result equals
 * `lint(text, options)` (a property test holds this over random edit sequences).
 *
 * Where a local change is global in Markdown the whole text is parsed at once: a link
 * reference or footnote definition anywhere (it changes how `[x]` reads in every block),
 * and a fence or HTML block left open (it swallows the rest of the text).
 */
export class IncrementalLinter {
  /** The chunks of the last reading, by text; one text may occur more than once. */
  private chunks = new Map<string, ParsedChunk[]>();

  lint(text: string, options: LintOptions = {}): LintResult {
    return lintWith(text, options, (t, modelOptions, detectOnly) => this.read(t, modelOptions, detectOnly));
  }

  /** The model of `text`; with `detectOnly`, of its chunks up to the report's title only. */
  read(text: string, options: ModelOptions, detectOnly = false): ReportModel {
    const previous = this.chunks;
    const next = new Map<string, ParsedChunk[]>();
    const children: RootContent[] = [];
    const points = [...splitPoints(text), text.length];
    let start = 0;
    let line = 1;
    let complete = true;
    for (let i = 0; start < text.length; i++) {
      let end = points[i];
      let chunk = take(previous, text.slice(start, end));
      if (end < text.length && !endsClosed(chunk)) {
        // A fence or HTML block open at the end of the chunk runs on: read the rest as one chunk.
        end = text.length;
        chunk = take(previous, text.slice(start));
      }
      if (chunk.definitions && points.length > 1) {
        this.chunks = new Map();
        return buildModel(text, options);
      }
      place(chunk, start, line);
      next.set(chunk.text, [...(next.get(chunk.text) ?? []), chunk]);
      children.push(...chunk.root.children);
      line += chunk.lineBreaks;
      start = end;
      if (end === text.length) break;
      // The title decides; a "[x]" in it could still read differently once later definitions are seen.
      if (detectOnly && chunk.root.children.some((n) => n.type === 'heading') && !chunk.text.includes('[')) {
        complete = false;
        break;
      }
    }
    // Keep what the text still holds (and, after a detection-only reading, the rest for later).
    this.chunks = complete ? next : mergeChunks(next, previous);
    return modelFromTree(text, rootOf(text, children), options);
  }
}

interface ParsedChunk {
  text: string;
  root: Root;
  /** Offset and 1-based line that the root's positions count from now. */
  offset: number;
  line: number;
  lineBreaks: number;
  /** True when the chunk defines a link reference or footnote label. */
  definitions: boolean;
}

// A line that starts a list item: a chunk never starts with one, so a list stays whole.
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/;
const BLANK = /^[ \t]*\r?$/;
const FRONT_MATTER_CLOSE = /^---\r?$/;

/**
 * Offsets where a chunk may start: the start of a line that follows a blank line and starts
 * in column 0 with neither a list marker nor `---`. Such a line closes every open container
 * (list item, block quote, footnote definition) and every leaf but a fenced code or HTML
 * block at top level, which `endsClosed` checks after parsing. Front matter is never cut.
 */
export function splitPoints(text: string): number[] {
  const points: number[] = [];
  let frontMatter = text.startsWith('---');
  let previousBlank = false;
  for (let pos = 0, first = true; pos < text.length; first = false) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    if (frontMatter && !first) {
      if (FRONT_MATTER_CLOSE.test(line)) frontMatter = false;
    } else if (!first && previousBlank && /^\S/.test(line) && !LIST_ITEM.test(line) && !line.startsWith('---')) {
      points.push(pos);
    }
    previousBlank = BLANK.test(line);
    pos = eol + 1;
  }
  return points;
}

/** The chunk's parse from the previous reading, or a fresh one. */
function take(previous: Map<string, ParsedChunk[]>, text: string): ParsedChunk {
  const reusable = previous.get(text);
  const reused = reusable?.pop();
  if (reused) return reused;
  const root = parseMarkdown(text);
  return { text, root, offset: 0, line: 1, lineBreaks: countLineBreaks(text), definitions: hasDefinitions(root) };
}

function mergeChunks(next: Map<string, ParsedChunk[]>, rest: Map<string, ParsedChunk[]>): Map<string, ParsedChunk[]> {
  for (const [text, chunks] of rest) if (chunks.length) next.set(text, [...(next.get(text) ?? []), ...chunks]);
  return next;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function hasDefinitions(node: Nodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  return 'children' in node && (node.children as Nodes[]).some(hasDefinitions);
}

/** Moves the chunk's positions so they count from `offset` and `line` of the whole text. */
function place(chunk: ParsedChunk, offset: number, line: number): void {
  const dOffset = offset - chunk.offset;
  const dLine = line - chunk.line;
  if (!dOffset && !dLine) return;
  const move = (node: Nodes) => {
    const p = node.position;
    if (p) {
      node.position = {
        start: { line: p.start.line + dLine, column: p.start.column, offset: (p.start.offset ?? 0) + dOffset },
        end: { line: p.end.line + dLine, column: p.end.column, offset: (p.end.offset ?? 0) + dOffset },
      };
    }
    if ('children' in node) for (const child of node.children as Nodes[]) move(child);
  };
  for (const child of chunk.root.children) move(child);
  chunk.offset = offset;
  chunk.line = line;
}

function rootOf(text: string, children: RootContent[]): Root {
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  const end = { line: countLineBreaks(text) + 1, column: text.length - lastBreak, offset: text.length };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

// HTML blocks that blank lines do not end (CommonMark kinds 1 to 5), with what ends them.
const HTML_ENDS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** True unless the chunk's last block is a fenced code or HTML block still open at its end. */
function endsClosed(chunk: ParsedChunk): boolean {
  const last = chunk.root.children.at(-1);
  if (!last || (last.type !== 'code' && last.type !== 'html')) return true;
  const source = chunk.text.slice(last.position?.start.offset ?? 0, last.position?.end.offset ?? chunk.text.length);
  if (last.type === 'code') {
    const open = FENCE_OPEN.exec(source);
    if (!open) return true; // indented code: a line in column 0 ends it
    const lines = source.split(/\r?\n|\r/);
    const close = lines.length > 1 ? /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1]) : null;
    return !!close && close[1][0] === open[1][0] && close[1].length >= open[1].length;
  }
  const kind = HTML_ENDS.find(([start]) => start.test(source));
  if (!kind) return true; // other HTML blocks end at a blank line
  const afterStart = source.replace(kind[0], '');
  return kind[1].test(afterStart) || (kind[0] === HTML_ENDS[1][0] && /^-?>/.test(afterStart));
}
