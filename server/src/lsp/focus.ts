import type { Diagnostic } from '../engine/lint.js';
import type { ReportModel } from '../engine/model.js';
import type { TextLike } from '../engine/edited-text.js';
import type { Position, Span } from '../engine/text.js';

/** Client -> server notification: where the cursor is in a document (focus mode). */
export const CURSOR_NOTIFICATION = 'imeLint/cursor';

export interface CursorParams {
  uri: string;
  position: Position;
}

/** A text's lines, as `LineIndex` and the server's documents give them. */
export interface Lines {
  readonly lineCount: number;
  lineStart(line: number): number;
  /** Where the line's content ends, before its line break. */
  lineEnd(line: number): number;
  positionAt(offset: number): Position;
}

/** An open document as focus mode reads it: its text and its lines. */
export interface FocusDocument extends Lines {
  readonly source: TextLike;
  offsetAt(position: Position): number;
}

/** The paragraph being typed: the run of non-blank lines around the offset; null on a blank line. */
export function paragraphAround(text: TextLike, lines: Lines, offset: number): Span | null {
  const blank = (line: number) => text.slice(lines.lineStart(line), lines.lineEnd(line)).trim() === '';
  const line = lines.positionAt(offset).line;
  if (blank(line)) return null;
  let first = line;
  while (first > 0 && !blank(first - 1)) first--;
  let last = line;
  while (last + 1 < lines.lineCount && !blank(last + 1)) last++;
  return { start: lines.lineStart(first), end: lines.lineEnd(last) };
}

/**
 * Focus mode: the sentence-level findings (those inside a paragraph, list item or table row)
 * in the paragraph the author is typing wait until the cursor leaves it, so they do not
 * flash on and off with every keystroke. Findings about the report as a whole stay.
 */
export function holdBackWhileTyping(diagnostics: readonly Diagnostic[], model: ReportModel, cursor: number): Diagnostic[] {
  const paragraph = paragraphAround(model.source, model.lines, cursor);
  if (!paragraph) return [...diagnostics];
  const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;
  const proseBlocks = model.blocks.filter((b) => b.type !== 'heading' && within(b.span, paragraph));
  return diagnostics.filter((d) => !(within(d.span, paragraph) && proseBlocks.some((b) => within(d.span, b.span))));
}

interface Cursor {
  position: Position;
  /** The document changed since the cursor came to this paragraph. */
  typing: boolean;
}

/** Per document: where the cursor is and whether the author is typing there. */
export class FocusTracker {
  private readonly cursors = new Map<string, Cursor>();

  /** The document changed: the author is typing at the cursor. */
  edited(uri: string): void {
    const cursor = this.cursors.get(uri);
    if (cursor) cursor.typing = true;
  }

  /**
   * The cursor moved in `document`. True when it left the paragraph being typed, so the
   * findings held back there are due.
   */
  moved(uri: string, position: Position, document: FocusDocument): boolean {
    const cursor = this.cursors.get(uri);
    this.cursors.set(uri, { position, typing: cursor?.typing ?? false });
    if (!cursor?.typing) return false;
    const before = paragraphAround(document.source, document, document.offsetAt(cursor.position));
    const now = paragraphAround(document.source, document, document.offsetAt(position));
    if (before && now && before.start === now.start) return false;
    // A new line just started at the end of the paragraph is still part of the typing.
    if (before && !now && position.line === document.positionAt(before.end).line + 1) return false;
    this.cursors.get(uri)!.typing = false;
    return true;
  }

  /** The cursor of a document being typed in, or null. */
  typingAt(uri: string): Position | null {
    const cursor = this.cursors.get(uri);
    return cursor?.typing ? cursor.position : null;
  }

  forget(uri: string): void {
    this.cursors.delete(uri);
  }
}
