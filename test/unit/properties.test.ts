import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { interned, ownCopy } from '../../server/src/engine/memo.js';
import type { Fix } from '../../server/src/rules/types.js';
import { anyText, reportLike } from '../helpers/arbitraries.js';

// CI runs 1,000 cases per property; `npm run test:fuzz` sets IME_LINT_FUZZ_RUNS higher.
const numRuns = Number(process.env.IME_LINT_FUZZ_RUNS ?? 1000);
// A thousand cases take seconds to tens of seconds on a busy 2-core machine; they are not timing tests.
// Scaled with the runs, so `npm run test:fuzz` has the time it needs.
const PROPERTY_TIMEOUT_MS = Math.max(300_000, numRuns * 100);
const options = { filePath: 'case.ime.md' };

/** Every line of `before` appears in `after`, in the same order. */
function keepsEveryLine(before: string, after: string): boolean {
  const lines = after.split(/\r?\n/);
  let at = 0;
  for (const line of before.split(/\r?\n/)) {
    while (at < lines.length && !lines[at].includes(line)) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

describe('engine properties', () => {
  it('never throws, and every diagnostic range lies inside the document', () => {
    fc.assert(fc.property(anyText, (text) => {
      const result = lint(text, options);
      for (const d of result.diagnostics) {
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
        for (const e of d.fix?.edits ?? []) expect(e.span.end).toBeLessThanOrEqual(text.length);
      }
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('applying any set of offered fixes keeps every original line', () => {
    fc.assert(fc.property(reportLike, fc.array(fc.boolean(), { maxLength: 30 }), (text, picks) => {
      const fixes = lint(text, options).diagnostics.map((d) => d.fix).filter((f): f is Fix => !!f);
      const chosen = fixes.filter((_, i) => picks[i] ?? true);
      const fixed = applyFixes(text, chosen).text;
      expect(keepsEveryLine(text, fixed)).toBe(true);
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);

  it('keeps any text exactly in the copies that outlive a version, lone surrogates included', () => {
    const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => String.fromCharCode(...units));
    fc.assert(fc.property(codeUnits, (text) => {
      // Sliced from a text that holds a dash, as sentences are from most reports.
      const slice = `\u2014${text}`.slice(1);
      expect(ownCopy(slice)).toBe(text);
      expect(interned(slice)).toBe(text);
    }), { numRuns });
  });

  it('fix-all keeps every line and is idempotent', () => {
    fc.assert(fc.property(reportLike, (text) => {
      const once = fixAll(text, options).text;
      expect(keepsEveryLine(text, once)).toBe(true);
      expect(fixAll(once, options).text).toBe(once);
    }), { numRuns });
  }, PROPERTY_TIMEOUT_MS);
});
