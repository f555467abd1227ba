import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from '../engine/lint.js';
import { ruleById } from '../rules/index.js';

type CachedDiagnostic = Pick<Diagnostic, 'ruleId' | 'span' | 'message' | 'severity'>;

interface CacheEntry {
  key: string;
  isReport: boolean;
  diagnostics: CachedDiagnostic[];
}

/**
 * Results of earlier runs keyed on the report's content, its effective config and the
 * linter's version, so CI re-lints only what changed. Findings carry their messages, which
 * can name physicians: the file stays beside the reports (default `.imelintcache`).
 */
export class LintCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;

  constructor(private readonly path: string, private readonly version: string) {
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { version?: string; entries?: Record<string, CacheEntry> };
      if (data.version === version && data.entries) this.entries = data.entries;
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
  }

  static key(text: string, settings: unknown): string {
    return createHash('sha256').update(JSON.stringify(settings)).update('\0').update(text).digest('hex');
  }

  get(filePath: string, key: string): { isReport: boolean; diagnostics: Diagnostic[] } | null {
    const entry = this.entries[filePath];
    if (!entry || entry.key !== key) return null;
    const diagnostics: Diagnostic[] = [];
    for (const d of entry.diagnostics) {
      const rule = ruleById(d.ruleId);
      if (!rule) return null; // a rule went away: lint again
      diagnostics.push({ ...d, rule: rule.meta });
    }
    return { isReport: entry.isReport, diagnostics };
  }

  set(filePath: string, key: string, isReport: boolean, diagnostics: readonly Diagnostic[]): void {
    this.entries[filePath] = { key, isReport, diagnostics: diagnostics.map(({ ruleId, span, message, severity }) => ({ ruleId, span, message, severity })) };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: this.version, entries: this.entries }), { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
