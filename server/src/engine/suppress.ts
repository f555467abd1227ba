import type { ReportModel } from './model.js';

const DIRECTIVE = /^ime-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b\s*([\s\S]*)$/;

interface Region {
  rules: Set<string> | 'all';
  fromLine: number;
  toLine: number; // inclusive
}

/** Inline `<!-- ime-lint-... -->` comments (INTERFACES.md "Inline control"). */
export class Suppressions {
  private readonly regions: Region[] = [];

  constructor(model: ReportModel) {
    const open = new Map<string, number>(); // rule id or '*' -> start line
    const lastLine = model.lines.lineCount - 1;
    for (const comment of model.comments) {
      const m = DIRECTIVE.exec(comment.body);
      if (!m) continue;
      const rules = m[2].split(/[\s,]+/).filter((r) => r && r !== '--');
      const line = model.lines.positionAt(comment.span.start).line;
      const endLine = model.lines.positionAt(comment.span.end).line;
      const ids = rules.length ? rules : ['*'];
      switch (m[1]) {
        case 'disable-next-line':
          this.add(ids, endLine + 1, endLine + 1);
          break;
        case 'disable-line':
          this.add(ids, line, endLine);
          break;
        case 'disable-file':
          this.add(ids, 0, lastLine);
          break;
        case 'disable':
          for (const id of ids) if (!open.has(id)) open.set(id, line);
          break;
        case 'enable':
          for (const id of rules.length ? rules : [...open.keys()]) {
            const from = open.get(id);
            if (from === undefined) continue;
            this.add([id], from, line);
            open.delete(id);
          }
          break;
      }
    }
    for (const [id, from] of open) this.add([id], from, lastLine);
  }

  private add(ids: string[], fromLine: number, toLine: number): void {
    this.regions.push({ rules: ids.includes('*') ? 'all' : new Set(ids), fromLine, toLine });
  }

  isSuppressed(ruleId: string, line: number): boolean {
    return this.regions.some((r) => line >= r.fromLine && line <= r.toLine && (r.rules === 'all' || r.rules.has(ruleId)));
  }
}
