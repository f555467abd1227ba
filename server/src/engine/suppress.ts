import type { HtmlComment, ReportModel } from './model.js';

const DIRECTIVE = /^ime-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b\s*([\s\S]*)$/;

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable-file' | 'disable';

/** One disable comment, and which of its rules it silenced a finding for. */
export interface Directive {
  comment: HtmlComment;
  kind: DirectiveKind;
  /** Rule ids named in the comment; empty for all rules. */
  rules: string[];
  /** Rule ids (or '*' for an all-rules comment) that suppressed at least one finding. */
  used: Set<string>;
}

interface Region {
  directive: Directive;
  rules: Set<string> | 'all';
  fromLine: number;
  toLine: number; // inclusive
}

/** Only a comment naming it silences unused-disable: an all-rules comment would silence the report about itself. */
const NAMED_ONLY = 'unused-disable';

/** Key under which lint() leaves a `SuppressionsInUse` in `model.cache`, for unused-disable. */
export const SUPPRESSIONS_KEY = 'suppressions';

export interface SuppressionsInUse {
  suppressions: Suppressions;
  /** Every rule id there is, so a misspelt id in a comment can be named. */
  ruleIds: ReadonlySet<string>;
}

/** Inline `<!-- ime-lint-... -->` comments (INTERFACES.md "Inline control"). */
export class Suppressions {
  private readonly regions: Region[] = [];
  readonly directives: Directive[] = [];

  constructor(model: ReportModel) {
    const open = new Map<string, { directive: Directive; line: number }>(); // rule id or '*' -> start
    const lastLine = model.lines.lineCount - 1;
    for (const comment of model.comments) {
      const m = DIRECTIVE.exec(comment.body);
      if (!m) continue;
      const rules = m[2].split(/[\s,]+/).filter((r) => r && r !== '--');
      const line = model.lines.positionAt(comment.span.start).line;
      const endLine = model.lines.positionAt(comment.span.end).line;
      const ids = rules.length ? rules : ['*'];
      if (m[1] === 'enable') {
        for (const id of rules.length ? rules : [...open.keys()]) {
          const from = open.get(id);
          if (from === undefined) continue;
          this.add(from.directive, [id], from.line, line);
          open.delete(id);
        }
        continue;
      }
      const directive: Directive = { comment, kind: m[1] as DirectiveKind, rules, used: new Set() };
      this.directives.push(directive);
      switch (directive.kind) {
        case 'disable-next-line':
          this.add(directive, ids, endLine + 1, endLine + 1);
          break;
        case 'disable-line':
          this.add(directive, ids, line, endLine);
          break;
        case 'disable-file':
          this.add(directive, ids, 0, lastLine);
          break;
        case 'disable':
          for (const id of ids) if (!open.has(id)) open.set(id, { directive, line });
          break;
      }
    }
    for (const [id, from] of open) this.add(from.directive, [id], from.line, lastLine);
  }

  private add(directive: Directive, ids: string[], fromLine: number, toLine: number): void {
    this.regions.push({ directive, rules: ids.includes('*') ? 'all' : new Set(ids), fromLine, toLine });
  }

  /** Whether a finding of the rule on the line is suppressed; notes which directives did it. */
  isSuppressed(ruleId: string, line: number): boolean {
    let suppressed = false;
    for (const r of this.regions) {
      if (line < r.fromLine || line > r.toLine) continue;
      if (r.rules !== 'all') {
        if (!r.rules.has(ruleId)) continue;
        r.directive.used.add(ruleId);
      } else {
        if (ruleId === NAMED_ONLY) continue;
        r.directive.used.add('*');
      }
      suppressed = true;
    }
    return suppressed;
  }
}
