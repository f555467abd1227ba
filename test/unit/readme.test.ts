import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules/index.js';
import { withRulesTable } from '../../server/src/rules/docs.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the rule table generated from rule metadata (run `npm run docs` after changing a rule)', () => {
    expect(readme).toBe(withRulesTable(readme));
  });

  it('documents every rule with an anchor the diagnostics link to', () => {
    for (const rule of RULES) expect(readme).toContain(`<a id="${rule.meta.id}"></a>`);
  });

  it('gives every rule complete metadata with a legal source', () => {
    const ids = new Set<string>();
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(ids.has(meta.id)).toBe(false);
      ids.add(meta.id);
      expect(meta.description.length).toBeGreaterThan(10);
      expect(meta.rationale.length).toBeGreaterThan(20);
      expect(meta.source.length).toBeGreaterThan(3);
    }
  });

  it('names the test command that .ci/run calls', () => {
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toContain('npm test');
  });
});
