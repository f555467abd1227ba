import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { EditedText, type TextLike } from '../engine/edited-text.js';

/**
 * An open document whose text is an `EditedText`: an edit adds pieces rather than making the
 * whole text again, so linting an edit reads only what changed (see `EditedText` for why).
 *
 * Everything else is `vscode-languageserver-textdocument`'s `FullTextDocument` (1.0.12, MIT,
 * Copyright Microsoft), ported as it is, so offsets, positions and the way changes apply stay
 * exactly those of the library every other server uses.
 */
export class ReportDocument implements TextDocument {
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private content: EditedText,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  /** The text as the linter reads it. */
  get source(): EditedText {
    return this.content;
  }

  getText(range?: Range): string {
    if (!range) return this.content.text;
    // As `substring`, which the library reads a range with: within the text, and a range given end first read start first.
    const within = (offset: number) => Math.min(Math.max(Number(offset) || 0, 0), this.content.length);
    const [start, end] = [within(this.offsetAt(range.start)), within(this.offsetAt(range.end))].sort((x, y) => x - y);
    return this.content.slice(start, end);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.content = EditedText.of(change.text);
        this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.content = this.content.edited(startOffset, endOffset, change.text);
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      let lineOffsets = this.lineOffsets!;
      const added = lineOffsetsOf(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
      } else if (added.length < 10_000) {
        lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
      }
      const diff = change.text.length - (endOffset - startOffset);
      if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += diff;
    }
    this.currentVersion = version;
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= lineOffsetsOf(this.content, true));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeLineBreak(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** Offset where the line's content starts and ends (before its line break): as `LineIndex` reads lines. */
  lineStart(line: number): number {
    return this.offsetAt({ line, character: 0 });
  }

  lineEnd(line: number): number {
    return this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  }

  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreak(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** For `new TextDocuments(...)`: open documents as `ReportDocument`s. */
export const REPORT_DOCUMENTS: TextDocumentsConfiguration<ReportDocument> = {
  create: (uri, languageId, version, content) => new ReportDocument(uri, languageId, version, EditedText.of(content)),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};

function isLineBreak(code: number): boolean {
  return code === 13 || code === 10;
}

function lineOffsetsOf(text: TextLike, atLineStart: boolean, textOffset = 0): number[] {
  const result = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) {
      if (code === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
