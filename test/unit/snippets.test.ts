import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSnippets, reportSkeleton } from '../../server/src/authoring/snippets.js';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { PROFILES } from '../../server/src/engine/profiles.js';
import { SECTION_KINDS } from '../../server/src/engine/sections.js';
import { placeholderPattern, toPlaceholders } from '../../server/src/engine/templates.js';

const shipped = JSON.parse(readFileSync(new URL('../../snippets/ime.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const grammar = JSON.parse(readFileSync(new URL('../../syntaxes/ime-report.injection.tmLanguage.json', import.meta.url), 'utf8'));

describe('snippets', () => {
  it('the shipped file is generated from the templates (run `npm run docs` after changing them)', () => {
    expect(shipped).toEqual(buildSnippets());
  });

  it('the grammar marks the placeholders placeholder-left reports (run `npm run docs` after changing them)', () => {
    expect(grammar.repository.placeholder.match).toBe(placeholderPattern().source);
  });

  it('are contributed for Markdown', () => {
    expect(pkg.contributes.snippets).toContainEqual({ language: 'markdown', path: './snippets/ime.json' });
  });

  it('cover every section kind and every profile, with guessable ime- prefixes', () => {
    const prefixes = Object.values(shipped).map((s) => (s as { prefix: string }).prefix);
    for (const kind of SECTION_KINDS) expect(prefixes).toContain(`ime-${kind}`);
    for (const id of Object.keys(PROFILES)) expect(prefixes).toContain(`ime-report-${id}`);
    for (const p of prefixes) expect(p).toMatch(/^ime-/);
  });

  it('have well-formed tab stops and choices', () => {
    for (const snippet of Object.values(shipped) as { body: string[] }[]) {
      const body = snippet.body.join('\n');
      const opened = (body.match(/\$\{/g) ?? []).length;
      const wellFormed = (body.match(/\$\{\d+(?::[^}$]*|\|[^|}]+\|)\}/g) ?? []).length;
      expect(wellFormed).toBe(opened);
    }
  });

  it.each(Object.values(PROFILES).map((p) => [p.id, p]))('the %s skeleton, filled in, has no missing section', (_id, profile) => {
    const text = toPlaceholders(reportSkeleton(profile));
    const ids = lint(text).diagnostics.map((d) => d.ruleId);
    expect(ids).not.toContain('section-missing');
    expect(ids).not.toContain('records-section-missing');
    expect(ids).not.toContain('causation-missing');
    expect(fixAll(text).applied).toEqual([]);
  });
});
