import type { Heading, List, ListItem, Paragraph, Root, RootContent, Text } from 'mdast';
import { MAX_INDENT } from './parse.js';
import { matchesAt } from './text.js';

type Point = NonNullable<Root['position']>['start'];

/**
 * The mdast of a text written in the plainest Markdown, built directly: paragraphs, ATX
 * headings, and lists whose items are one paragraph each, with no inline syntax at all.
 * Anything else gives null, and micromark reads it. Most of a long report (its records list,
 * its history) is such text, and micromark's general machinery reads it many times slower.
 * The tree is the one `parseMarkdown` gives, node for node and key for key; a property test
 * holds the two equal over random texts made to hit every way out of this subset.
 */
export function parsePlainMarkdown(text: string): Root | null {
  if (NOT_PLAIN.test(text)) return null;
  const reader = new PlainReader(text);
  for (let start = 0; ; start = reader.nextLine()) {
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    if (!reader.line(start, end)) return null;
    if (end === text.length) break;
  }
  return { type: 'root', children: reader.blocks, position: { start: { line: 1, column: 1, offset: 0 }, end: reader.point(text.length) } };
}

/**
 * What makes Markdown read a text as more than words: inline syntax (emphasis, code, links,
 * HTML, character references, escapes, strikethrough, tables, footnotes), the tabs and control
 * characters micromark treats specially, a byte order mark, a CR, and spaces before a line's
 * end (a hard break, or stripped).
 */
const NOT_PLAIN = /[\\`*_[\]<&~|\t\r\u0000-\u0008\u000b-\u001f\ufeff]| (?:\n|$)/;
/** A line (or a list item's words) starting so is something other than a paragraph's words: a heading, quote, list item, setext underline, or table row. */
const BLOCK_START = /[#>+=:-]|\d{1,9}[.)](?:[ \n]|$)/y;
const HEADING = /(#{1,6}) [^ #][^#\n]*$/my;
const LIST_ITEM = /(?:([-+])|(\d{1,9})([.)])) (?=[^ \n])/y;

class PlainReader {
  readonly blocks: RootContent[] = [];
  lineNumber = 1;
  private lineStart = 0;
  private lineEnd = 0;
  /** The paragraph the next line may go on with, and its text node. */
  private paragraph: { node: Paragraph; text: Text } | null = null;
  /** The list the next item may join, its marker, and whether a blank line came since its last item. */
  private list: { node: List; marker: string; blankSince: boolean } | null = null;

  constructor(private readonly text: string) {}

  /** Where the line after the last one read starts. */
  nextLine(): number {
    this.lineNumber++;
    return this.lineEnd + 1;
  }

  point(offset: number): Point {
    return { line: this.lineNumber, column: offset - this.lineStart + 1, offset };
  }

  /** Reads the line from `start` to `end` (its line break or the end of the text); false when it is not plain Markdown. */
  line(start: number, end: number): boolean {
    this.lineStart = start;
    this.lineEnd = end;
    const { text } = this;
    if (start === end) {
      this.paragraph = null;
      if (this.list) this.list.blankSince = true;
      return true;
    }
    if (text.charCodeAt(start) === 32) {
      // Indented: only more words of the paragraph above (indented code cannot interrupt one).
      let first = start;
      while (text.charCodeAt(first) === 32) first++;
      // Past MAX_INDENT, parseMarkdown makes the spaces inert characters, which are words.
      if (!this.paragraph || first - start > MAX_INDENT || startsBlock(text, first)) return false;
      this.goOn(first, end);
      return true;
    }
    HEADING.lastIndex = start;
    const hashes = HEADING.exec(text)?.[1];
    if (hashes) {
      this.heading(start, end, hashes.length);
      return true;
    }
    LIST_ITEM.lastIndex = start;
    const item = LIST_ITEM.exec(text);
    if (item) return this.item(start, end, item);
    if (startsBlock(text, start)) return false;
    if (this.paragraph) {
      // A lazy line: more words of the paragraph, even one inside a list item.
      this.goOn(start, end);
      return true;
    }
    this.list = null;
    this.blocks.push(this.newParagraph(start, end));
    return true;
  }

  private heading(start: number, end: number, depth: number): void {
    const contentStart = start + depth + 1;
    const node: Heading = { type: 'heading', depth: depth as Heading['depth'], children: [this.textNode(contentStart, end)], position: { start: this.point(start), end: this.point(end) } };
    this.paragraph = null;
    this.list = null;
    this.blocks.push(node);
  }

  private item(start: number, end: number, match: RegExpExecArray): boolean {
    const marker = match[1] ?? match[3];
    const contentStart = start + match[0].length;
    if (startsBlock(this.text, contentStart)) return false;
    // After a paragraph's words an item may interrupt it or be read as more words: leave that to micromark.
    if (this.paragraph && !this.list) return false;
    if (this.list && this.list.marker !== marker && !this.list.blankSince) return false;
    const paragraph = this.newParagraph(contentStart, end);
    const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [paragraph], position: { start: this.point(start), end: this.point(end) } };
    if (this.list?.marker === marker) {
      const list = this.list.node;
      if (this.list.blankSince) list.spread = true;
      list.children.push(item);
      list.position!.end = this.point(end);
      this.list.blankSince = false;
    } else {
      const ordered = match[2] !== undefined;
      const list: List = { type: 'list', ordered, start: ordered ? Number.parseInt(match[2], 10) : null, spread: false, children: [item], position: { start: this.point(start), end: this.point(end) } };
      this.blocks.push(list);
      this.list = { node: list, marker, blankSince: false };
    }
    return true;
  }

  private newParagraph(start: number, end: number): Paragraph {
    const text = this.textNode(start, end);
    const node: Paragraph = { type: 'paragraph', children: [text], position: { start: this.point(start), end: this.point(end) } };
    this.paragraph = { node, text };
    return node;
  }

  /** The line's words from `first` on continue the open paragraph (and the list item holding it). */
  private goOn(first: number, end: number): void {
    const { node, text } = this.paragraph!;
    text.value += '\n' + this.text.slice(first, end);
    text.position!.end = this.point(end);
    node.position!.end = this.point(end);
    if (this.list) {
      const list = this.list.node;
      list.children[list.children.length - 1].position!.end = this.point(end);
      list.position!.end = this.point(end);
    }
  }

  private textNode(start: number, end: number): Text {
    return { type: 'text', value: this.text.slice(start, end), position: { start: this.point(start), end: this.point(end) } };
  }
}

function startsBlock(text: string, at: number): boolean {
  return matchesAt(text, BLOCK_START, at);
}
