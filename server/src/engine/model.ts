import type { Heading as MdHeading, List, ListItem, Nodes, Root, RootContent, Table } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { ChunkedParser } from './chunks.js';
import { type TextLike, wholeText } from './edited-text.js';
import { interned, listOfObjects, ownCopy, TextMemo } from './memo.js';
import { SectionClassifier, type SectionKind } from './sections.js';
import { splitSentences } from './sentences.js';
import { firstStartingAt, LineIndex, lineStartIfIndented, moveSpan, type Span } from './text.js';

export interface Heading {
  /** The heading's words, without markers. */
  text: string;
  depth: number;
  /** The whole heading line(s), markers included. */
  span: Span;
}

export interface Section {
  heading: Heading;
  kinds: readonly SectionKind[];
  /** From the heading's line to the next heading line of the same or a higher level. */
  span: Span;
  parent: Section | null;
  children: Section[];
}

export type BlockType = 'paragraph' | 'heading' | 'tableRow';

export interface ListContext {
  list: List;
  item: ListItem;
  /** 0-based index of the item in its list. */
  index: number;
}

export interface Block {
  type: BlockType;
  span: Span;
  /** The block's source with Markdown syntax blanked out: same length as the span, so offsets carry over. */
  text: string;
  sentences: Sentence[];
  /** Innermost section that holds the block (null before the first heading). */
  section: Section | null;
  list: ListContext | null;
  /** For table rows: the cells' spans and whether the row is the header. */
  cells?: Span[];
  header?: boolean;
  table?: Table;
  node: Nodes;
}

export interface Sentence {
  span: Span;
  /** The sentence's prose (Markdown syntax blanked), trimmed to its span. */
  text: string;
  block: Block;
}

export interface HtmlComment {
  span: Span;
  body: string;
}

export interface FrontMatter {
  span: Span;
  data: Record<string, unknown>;
  /** Set when the YAML could not be read; data is then empty. */
  error?: string;
}

export interface ModelOptions {
  /** Extra heading synonyms per section kind (config `sections`). */
  sections?: Partial<Record<string, string[]>>;
}

export interface ReportModel {
  /** The whole text. For an edited text this builds it (once per version): paths every edit takes read `source`. */
  text: string;
  /** The text as the model was read from it: for an edited text, its pieces, which read a range without building the whole. */
  source: TextLike;
  lines: LineIndex;
  root: Root;
  frontMatter: FrontMatter | null;
  /** The first heading of the document, the report's title. */
  title: Heading | null;
  /** Every section in document order (nested ones included). */
  sections: Section[];
  /** Every prose block in document order. */
  blocks: Block[];
  comments: HtmlComment[];
  /** Memo for analyses that several rules share, keyed by analysis name. */
  cache: Map<string, unknown>;
}

const classifiers = new WeakMap<object, SectionClassifier>();
const defaultClassifier = new SectionClassifier();

function classifierFor(options: ModelOptions): SectionClassifier {
  if (!options.sections) return defaultClassifier;
  let c = classifiers.get(options.sections);
  if (!c) {
    c = new SectionClassifier(options.sections);
    classifiers.set(options.sections, c);
  }
  return c;
}

export function buildModel(text: TextLike, options: ModelOptions = {}): ReportModel {
  return modelFromTree(text, new ChunkedParser().parse(text), options);
}

/** The model of `text` from its mdast (`root` must be what parseMarkdown gives for `text`). */
export function modelFromTree(text: TextLike, root: Root, options: ModelOptions = {}, lines = new LineIndex(text)): ReportModel {
  return new ModelBuilder(text, root, classifierFor(options)).build(lines);
}

/**
 * The block read from a node, with the comments inside it. The incremental engine reuses the
 * mdast nodes of unchanged chunks (their positions moved), so a node's block is read once and
 * afterwards only moved, in place, and given its new section and list: after an edit, a long
 * report's model is rebuilt without reading its prose again. Blocks (and their sentences and
 * spans) are therefore shared by successive models of one document: a model is valid until
 * the next one is built from the same parser.
 */
interface KnownBlock {
  block: Block;
  comments: HtmlComment[];
}

const knownBlocks = new WeakMap<Nodes, KnownBlock>();

/** The block read from `node` before, moved to where the node is now; or null when the node is new. */
function knownBlock(node: Nodes, comments: HtmlComment[]): Block | null {
  const known = knownBlocks.get(node);
  if (!known) return null;
  const { block } = known;
  const delta = (node.position?.start.offset ?? 0) - block.span.start;
  // Indexed loops: every block after an edit comes here, before V8 has optimized the edit's path.
  if (delta) {
    moveSpan(block.span, delta);
    const { sentences, cells } = block;
    for (let i = 0; i < sentences.length; i++) moveSpan(sentences[i].span, delta);
    if (cells) for (let i = 0; i < cells.length; i++) moveSpan(cells[i], delta);
    for (let i = 0; i < known.comments.length; i++) moveSpan(known.comments[i].span, delta);
  }
  for (let i = 0; i < known.comments.length; i++) comments.push(known.comments[i]);
  return block;
}

function remember(block: Block, comments: HtmlComment[]): void {
  knownBlocks.set(block.node, { block, comments });
}

/** Sentences of a block from their spans; their texts are the interned copies, so memos keyed by them hash each once. */
function sentencesOf(block: Block, spans: Span[]): Sentence[] {
  return spans.map((span) => ({ span, text: interned(block.text.slice(span.start - block.span.start, span.end - block.span.start)), block }));
}

class ModelBuilder {
  private readonly sections: Section[] = [];
  private readonly blocks = listOfObjects<Block>();
  private readonly comments: HtmlComment[] = [];
  private frontMatter: FrontMatter | null = null;
  private title: Heading | null = null;
  /** Open sections, innermost last. */
  private readonly open: Section[] = [];

  constructor(
    private readonly text: TextLike,
    private readonly root: Root,
    private readonly classifier: SectionClassifier,
  ) {}

  build(lines: LineIndex): ReportModel {
    const { children } = this.root;
    for (let i = 0; i < children.length; i++) this.visitTop(children[i]);
    for (const s of this.open) s.span.end = this.text.length;
    const source = this.text;
    return {
      get text() {
        return wholeText(source);
      },
      source,
      lines,
      root: this.root,
      frontMatter: this.frontMatter,
      title: this.title,
      sections: this.sections,
      blocks: this.blocks,
      comments: this.comments,
      cache: new Map(),
    };
  }

  private get current(): Section | null {
    return this.open.length ? this.open[this.open.length - 1] : null;
  }

  private visitTop(node: RootContent): void {
    if (node.type === 'yaml') {
      this.frontMatter = readFrontMatter(node.value, spanOf(node));
      return;
    }
    if (node.type === 'heading') {
      this.openSection(node);
      return;
    }
    this.visit(node, null);
  }

  private openSection(node: MdHeading): void {
    const span = spanOf(node);
    const block = this.proseBlock('heading', node, null);
    const heading: Heading = { text: block.text.replace(/\s+/g, ' ').trim(), depth: node.depth, span };
    if (!this.title) this.title = heading;
    // Sections start and end at their heading's line, indentation included, so text inserted at either stands on its own line.
    const lineStart = lineStartIfIndented(this.text, span.start);
    while (this.open.length && this.current!.heading.depth >= node.depth) {
      this.open.pop()!.span.end = lineStart;
    }
    const parent = this.current;
    const section: Section = {
      heading,
      kinds: this.classifier.classify(heading.text),
      span: { start: lineStart, end: this.text.length },
      parent,
      children: [],
    };
    parent?.children.push(section);
    this.sections.push(section);
    this.open.push(section);
    block.section = section;
  }

  private visit(node: Nodes, list: ListContext | null): void {
    switch (node.type) {
      case 'paragraph':
        this.proseBlock('paragraph', node, list);
        return;
      case 'heading':
        // Headings nested in lists or quotes do not open sections; read them as prose.
        this.proseBlock('heading', node, list);
        return;
      case 'html':
        this.collectComments(node.value, spanOf(node));
        return;
      case 'table':
        this.tableRows(node);
        return;
      case 'list':
        this.visitList(node);
        return;
      case 'blockquote':
      case 'footnoteDefinition':
        for (const child of node.children) this.visit(child, list);
        return;
      default:
        return; // code, thematic breaks, definitions: not prose
    }
  }

  // Not a closure in `visit`: one over its node would make a context at every node visited.
  private visitList(list: List): void {
    for (let index = 0; index < list.children.length; index++) {
      const item = list.children[index];
      const context: ListContext = { list, item, index };
      for (let c = 0; c < item.children.length; c++) this.visit(item.children[c], context);
    }
  }

  private proseBlock(type: BlockType, node: Nodes, list: ListContext | null): Block {
    let block = knownBlock(node, this.comments);
    if (block) {
      block.section = this.current;
      block.list = list;
    } else {
      const span = spanOf(node);
      const comments: HtmlComment[] = [];
      const masked = maskedText(this.text, node, span, comments);
      const spans = type === 'heading' ? [trimmedSpan(masked.text, span.start)] : splitSentences(masked.text, span.start, masked.breaks);
      block = { type, span, text: masked.text, sentences: [], section: this.current, list, node };
      block.sentences = sentencesOf(block, spans.filter((s) => s.end > s.start));
      remember(block, comments);
      this.comments.push(...comments);
    }
    this.blocks.push(block);
    return block;
  }

  private tableRows(table: Table): void {
    table.children.forEach((row, rowIndex) => {
      let block = knownBlock(row, this.comments);
      if (block) {
        block.section = this.current;
        // A table put together from chunks is a new node at every reading.
        block.table = table;
        block.header = rowIndex === 0;
      } else {
        const span = spanOf(row);
        const cells = row.children.map((cell) => cellContentSpan(this.text, spanOf(cell)));
        const comments: HtmlComment[] = [];
        const pieces: Piece[] = [];
        const sentences: Span[] = [];
        row.children.forEach((cell, i) => {
          const masked = maskedText(this.text, cell, cells[i], comments);
          pieces.push({ start: cells[i].start, text: masked.text });
          sentences.push(...splitSentences(masked.text, cells[i].start, masked.breaks));
        });
        block = {
          type: 'tableRow', span, text: overlay(this.text, span, pieces), sentences: [], section: this.current, list: null,
          cells, header: rowIndex === 0, table, node: row,
        };
        block.sentences = sentencesOf(block, sentences);
        remember(block, comments);
        this.comments.push(...comments);
      }
      this.blocks.push(block);
    });
  }

  private collectComments(value: string, span: Span): void {
    collectComments(value, span.start, this.comments);
  }
}

function collectComments(value: string, base: number, out: HtmlComment[]): void {
  const re = /<!--([\s\S]*?)-->/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) out.push({ span: { start: base + m.index, end: base + m.index + m[0].length }, body: m[1].trim() });
}

/** A table cell's span without its pipes and padding. */
function cellContentSpan(source: TextLike, span: Span): Span {
  let { start, end } = span;
  while (start < end && /[|\s]/.test(source.charAt(start))) start++;
  while (end > start && /[|\s]/.test(source.charAt(end - 1)) && source.charAt(end - 2) !== '\\') end--;
  return { start, end };
}

function trimmedSpan(text: string, base: number): Span {
  const start = text.search(/\S/);
  return start < 0 ? { start: base, end: base } : { start: base + start, end: base + text.trimEnd().length };
}

/** A node's offsets in the report text. */
export function spanOf(node: Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** Text to put at an offset, as long as the source it stands for. */
interface Piece {
  start: number;
  text: string;
}

/** The span of `source` with the pieces (in order, not overlapping) put in and everything else but line breaks turned to spaces. */
function overlay(source: TextLike, span: Span, pieces: Piece[]): string {
  const parts: string[] = [];
  let at = span.start;
  for (const piece of pieces) {
    parts.push(source.slice(at, piece.start).replace(/[^\r\n]/g, ' '), piece.text);
    at = piece.start + piece.text.length;
  }
  parts.push(source.slice(at, span.end).replace(/[^\r\n]/g, ' '));
  // A string of its own (a join of one part is that part): memoised prose outlives this version of the text.
  return ownCopy(parts.join(''));
}

/**
 * A node's prose at its own offsets: text is copied from the source, every other
 * character (markers, link targets, HTML, code spans, which RULES.md keeps out of the body)
 * becomes a space. Hard line breaks
 * are returned so sentences stop there.
 */
function maskedText(source: TextLike, node: Nodes, span: Span, comments: HtmlComment[]): { text: string; breaks: number[] } {
  const kept: Piece[] = [];
  const breaks: number[] = [];
  const copy = (from: number, to: number) => {
    const start = Math.max(from, span.start, kept.length ? kept[kept.length - 1].start + kept[kept.length - 1].text.length : span.start);
    const end = Math.min(to, span.end);
    if (end > start) kept.push({ start, text: source.slice(start, end) });
  };
  const walk = (n: Nodes) => {
    const s = spanOf(n);
    switch (n.type) {
      case 'text':
        copy(s.start, s.end);
        return;
      case 'break':
        breaks.push(s.start - span.start);
        return;
      case 'html':
        collectComments(n.value, s.start, comments);
        return;
      case 'footnoteReference':
        copy(s.start, s.end); // "[^r12]" is a record citation key
        return;
      case 'linkReference':
        if (!n.children.length) copy(s.start, s.end); // "[R12]" parsed as a shortcut reference
        else n.children.forEach(walk);
        return;
      case 'image':
      case 'imageReference':
        return;
      default:
        if ('children' in n) for (const child of n.children as Nodes[]) walk(child);
    }
  };
  walk(node);
  return { text: overlay(source, span, kept), breaks };
}

function readFrontMatter(value: string, span: Span): FrontMatter {
  return { span, ...yamlByText.get(value, readYaml) };
}

/** The front matter's YAML read at the last lints (it seldom changes, and every lint reads it): read-only, as models share it. */
const yamlByText = new TextMemo<Omit<FrontMatter, 'span'>>(64, 100_000);

function readYaml(value: string): Omit<FrontMatter, 'span'> {
  try {
    // 'error': the parser's warnings quote the YAML, which is report text, and would reach the editor's log.
    const data = parseYaml(value, { maxAliasCount: 100, logLevel: 'error' }) as unknown;
    if (data === null || data === undefined) return { data: {} };
    if (typeof data !== 'object' || Array.isArray(data)) return { data: {}, error: 'front matter is not a mapping of keys to values' };
    return { data: data as Record<string, unknown> };
  } catch (e) {
    return { data: {}, error: (e as Error).message.split('\n')[0] };
  }
}

/** The sections that hold an offset, innermost first. */
export function sectionsAt(block: Block): Section[] {
  const out: Section[] = [];
  for (let s = block.section; s; s = s.parent) out.push(s);
  return out;
}

/** True when the block sits in (or under) a section of the kind. */
export function inKind(block: Block, kind: SectionKind): boolean {
  return sectionOfKind(block, kind) !== null;
}

/** The nearest section (the block's own or an ancestor) of the kind. */
export function sectionOfKind(block: Block, kind: SectionKind): Section | null {
  // Walked without building the list of sections: rules ask this of every sentence.
  for (let s = block.section; s; s = s.parent) if (s.kinds.includes(kind)) return s;
  return null;
}

export function blocksIn(model: ReportModel, section: Section): Block[] {
  return blocksWithin(model, section.span);
}

/** The blocks inside `span`, found from where it starts (blocks are in text order). */
export function blocksWithin(model: ReportModel, span: Span): Block[] {
  const { blocks } = model;
  const out: Block[] = [];
  for (let i = firstStartingAt(blocks, span.start); i < blocks.length && blocks[i].span.start <= span.end; i++) {
    if (blocks[i].span.end <= span.end) out.push(blocks[i]);
  }
  return out;
}

export function hasKind(model: ReportModel, kind: SectionKind): boolean {
  return model.sections.some((s) => s.kinds.includes(kind));
}
