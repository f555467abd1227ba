import type { Break, Heading, List, ListItem, Paragraph, Root, RootContent, Strong, Text } from 'mdast';
import { MAX_INDENT } from './parse.js';
import { matchesAt } from './text.js';

type Point = NonNullable<Root['position']>['start'];

/**
 * The mdast of a text written in the plainest Markdown, built directly: paragraphs, ATX
 * headings, and lists whose items are one paragraph each, whose words hold no inline syntax but
 * `**bold**` spans (the labels reports are full of) and hard line breaks. Anything else gives
 * null, and micromark reads it. Most of a long report (its records list, its history) is such
 * text, and micromark's general machinery reads it many times slower. The tree is the one
 * `parseMarkdown` gives, node for node and key for key; property tests hold the two equal
 * over random texts made to hit every way out of this subset.
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
  if (reader.breakPending()) return null;
  return { type: 'root', children: reader.blocks, position: { start: { line: 1, column: 1, offset: 0 }, end: reader.point(text.length) } };
}

/**
 * What makes Markdown read a text as more than words: inline syntax other than `**` (emphasis
 * with `_`, code, links, HTML, character references, escapes, strikethrough, tables, footnotes),
 * and the tabs, control characters, byte order mark and CR that micromark treats specially.
 */
const NOT_PLAIN = /[\\`_[\]<&~|\t\r\u0000-\u0008\u000b-\u001f\ufeff]/;
/**
 * A line (or a list item's words) starting so is something other than a paragraph's words: a
 * heading, quote, list item, thematic break, setext underline or table row (`**` and a word is bold).
 */
const BLOCK_START = /[#>+=:-]|\*(?!\*[^\s*])|\d{1,9}[.)](?:[ \n]|$)/y;
const HEADING = /(#{1,6}) [^ #][^#\n]*$/my;
const LIST_ITEM = /(?:([-+])|(\d{1,9})([.)])) (?=[^ \n])/y;
/** What may follow a bold span's closing `**` (so that it closes, and opens nothing). */
const AFTER_BOLD = /[ .,:;]/;

interface OpenParagraph {
  node: Paragraph;
  /** Where the last line's words end. */
  wordsEnd: Point;
  /** The last line ended in two spaces or more: a hard break, if the paragraph goes on. */
  breakAfter: boolean;
}

class PlainReader {
  readonly blocks: RootContent[] = [];
  private lineNumber = 1;
  private lineStart = 0;
  private lineEnd = 0;
  /** The paragraph the next line may go on with. */
  private paragraph: OpenParagraph | null = null;
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

  /** The open paragraph's last line ended in two spaces or more: a break only if the paragraph goes on, else left to micromark. */
  breakPending(): boolean {
    return !!this.paragraph?.breakAfter;
  }

  /** Reads the line from `start` to `end` (its line break or the end of the text); false when it is not plain Markdown. */
  line(start: number, end: number): boolean {
    this.lineStart = start;
    this.lineEnd = end;
    const { text } = this;
    let wordsEnd = end;
    while (wordsEnd > start && text.charCodeAt(wordsEnd - 1) === 32) wordsEnd--;
    // One trailing space is dropped and two or more break the line: only a break within a paragraph is read here.
    const trailing = end - wordsEnd;
    if (trailing === 1 || (trailing && wordsEnd === start)) return false;
    if (start === end) {
      if (this.breakPending()) return false;
      this.paragraph = null;
      if (this.list) this.list.blankSince = true;
      return true;
    }
    const breakAfter = trailing > 0;
    if (text.charCodeAt(start) === 32) {
      // Indented: only more words of the paragraph above (indented code cannot interrupt one).
      let first = start;
      while (text.charCodeAt(first) === 32) first++;
      // Past MAX_INDENT, parseMarkdown makes the spaces inert characters, which are words.
      if (!this.paragraph || first - start > MAX_INDENT || startsBlock(text, first)) return false;
      return this.goOn(first, wordsEnd, breakAfter);
    }
    HEADING.lastIndex = start;
    const hashes = HEADING.exec(text)?.[1];
    if (hashes) return !breakAfter && !this.breakPending() && this.heading(start, end, hashes.length);
    LIST_ITEM.lastIndex = start;
    const item = LIST_ITEM.exec(text);
    if (item) return !this.breakPending() && this.item(start, wordsEnd, item, breakAfter);
    if (startsBlock(text, start)) return false;
    // A lazy line: more words of the paragraph, even one inside a list item.
    if (this.paragraph) return this.goOn(start, wordsEnd, breakAfter);
    const paragraph = this.newParagraph(start, wordsEnd, breakAfter);
    if (!paragraph) return false;
    this.list = null;
    this.blocks.push(paragraph);
    return true;
  }

  private heading(start: number, end: number, depth: number): boolean {
    const children = this.words(start + depth + 1, end);
    if (!children) return false;
    const node: Heading = { type: 'heading', depth: depth as Heading['depth'], children, position: { start: this.point(start), end: this.point(end) } };
    this.paragraph = null;
    this.list = null;
    this.blocks.push(node);
    return true;
  }

  private item(start: number, end: number, match: RegExpExecArray, breakAfter: boolean): boolean {
    const marker = match[1] ?? match[3];
    const contentStart = start + match[0].length;
    if (startsBlock(this.text, contentStart)) return false;
    // After a paragraph's words an item may interrupt it or be read as more words: leave that to micromark.
    if (this.paragraph && !this.list) return false;
    if (this.list && this.list.marker !== marker && !this.list.blankSince) return false;
    const paragraph = this.newParagraph(contentStart, end, breakAfter);
    if (!paragraph) return false;
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

  private newParagraph(start: number, end: number, breakAfter: boolean): Paragraph | null {
    const children = this.words(start, end);
    if (!children) return null;
    const node: Paragraph = { type: 'paragraph', children, position: { start: this.point(start), end: this.point(end) } };
    this.paragraph = { node, wordsEnd: this.point(end), breakAfter };
    return node;
  }

  /** The line's words from `first` to `end` continue the open paragraph (and the list item holding it). */
  private goOn(first: number, end: number, breakAfter: boolean): boolean {
    const paragraph = this.paragraph!;
    const words = this.words(first, end);
    if (!words) return false;
    const { children } = paragraph.node;
    if (paragraph.breakAfter) {
      // The break runs from the last words to the start of this line; the words after it stand apart.
      const hardBreak: Break = { type: 'break', position: { start: paragraph.wordsEnd, end: this.point(this.lineStart) } };
      children.push(hardBreak, ...words);
    } else {
      // A soft break is a line ending in the text around it; before bold, the text ends where the line starts.
      const last = children[children.length - 1];
      const lastText = last.type === 'text' ? last : null;
      const joined = lastText ?? this.emptyText(paragraph.wordsEnd);
      if (!lastText) children.push(joined);
      const lead = words[0];
      joined.value += '\n';
      if (lead.type === 'text') {
        joined.value += lead.value;
        joined.position!.end = lead.position!.end;
        words.shift();
      } else {
        joined.position!.end = this.point(this.lineStart);
      }
      children.push(...words);
    }
    paragraph.wordsEnd = this.point(end);
    paragraph.breakAfter = breakAfter;
    paragraph.node.position!.end = this.point(end);
    if (this.list) {
      const list = this.list.node;
      list.children[list.children.length - 1].position!.end = this.point(end);
      list.position!.end = this.point(end);
    }
    return true;
  }

  /** The words from `start` to `end` as text and bold spans; null where a `*` is anything but a plain `**bold**`. */
  private words(start: number, end: number): (Text | Strong)[] | null {
    const { text } = this;
    const out: (Text | Strong)[] = [];
    let at = start;
    for (let open = text.indexOf('*', start); open >= 0 && open < end; open = text.indexOf('*', at)) {
      const close = boldEnd(text, open, start, end);
      if (close < 0) return null;
      if (open > at) out.push(this.textNode(at, open));
      const strong: Strong = { type: 'strong', children: [this.textNode(open + 2, close - 2)], position: { start: this.point(open), end: this.point(close) } };
      out.push(strong);
      at = close;
    }
    if (at < end) out.push(this.textNode(at, end));
    return out;
  }

  private textNode(start: number, end: number): Text {
    return { type: 'text', value: this.text.slice(start, end), position: { start: this.point(start), end: this.point(end) } };
  }

  private emptyText(at: Point): Text {
    return { type: 'text', value: '', position: { start: at, end: at } };
  }
}

/**
 * Where the bold span opened by the `**` at `open` ends (after its closing `**`), or -1 unless
 * it is one Markdown reads as bold whatever surrounds it: `**` after a space or at the start of
 * the words, words without `*` or spaces at either end, and `**` before a space, `.,:;` or the end.
 */
function boldEnd(text: string, open: number, start: number, end: number): number {
  if (text[open + 1] !== '*' || (open > start && text[open - 1] !== ' ')) return -1;
  const close = text.indexOf('*', open + 2);
  if (close < 0 || close + 1 >= end || text[close + 1] !== '*' || close === open + 2) return -1;
  if (/\s/.test(text[open + 2]) || /\s/.test(text[close - 1])) return -1;
  const after = close + 2;
  return after === end || AFTER_BOLD.test(text[after]) ? after : -1;
}

function startsBlock(text: string, at: number): boolean {
  return matchesAt(text, BLOCK_START, at);
}
