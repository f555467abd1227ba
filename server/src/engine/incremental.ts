import { ChunkedParser, type ChunkSizes } from './chunks.js';
import type { TextLike } from './edited-text.js';
import { lintWith, startReading, type LintOptions, type LintResult, type Reading } from './lint.js';
import { modelFromTree, type ModelOptions, type ReportModel } from './model.js';
import { LineIndex } from './text.js';

/**
 * Incremental analysis of one open document: its parser keeps the mdast of every chunk
 * between versions (see `ChunkedParser`), the model keeps the blocks read from them, and the
 * rules then run over the whole document as `lint` does. The result equals
 * `lint(text, options)` (a property test holds this over random edit sequences). Its
 * diagnostics are the caller's to keep; its model is valid until the next call, which moves
 * the blocks it shares with the new model.
 */
export class IncrementalLinter {
  private readonly parser: ChunkedParser;
  /** The last text's line index: the next one scans only the lines that changed. */
  private lines: LineIndex | null = null;
  /** The reading of the last model, whose blocks the next reading moves (not the model: the caller decides how long a result lives). */
  private reading: Reading | null = null;

  /** `sizes` for tests: small chunks put every cut to work. */
  constructor(sizes?: ChunkSizes) {
    this.parser = new ChunkedParser(sizes);
  }

  /** `text` as a string, or as an `EditedText` whose edits since the last lint then say what changed, so the rest is not read. */
  lint(text: TextLike, options: LintOptions = {}): LintResult {
    return lintWith(text, options, (t, modelOptions, detectOnly) => this.read(t, modelOptions, detectOnly));
  }

  /** The model of `text`; with `detectOnly`, of its chunks up to the report's title only. */
  read(text: TextLike, options: ModelOptions, detectOnly = false): ReportModel {
    if (this.reading) this.reading.superseded = true;
    if (this.lines?.text !== text) this.lines = this.lines ? LineIndex.after(this.lines, text) : new LineIndex(text);
    const model = modelFromTree(text, this.parser.parse(text, detectOnly), options, this.lines);
    this.reading = startReading(model);
    return model;
  }
}
