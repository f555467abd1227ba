import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ime-lint-hostile-'));
const title = '# Independent Medical Examination\n\n';

const inputs: Record<string, string | Buffer> = {
  'binary with NUL bytes': Buffer.concat([Buffer.from(title), Buffer.from([0, 1, 2, 0xff, 0, 0x89, 0x50, 0x4e, 0x47, 0])]),
  'invalid UTF-8': Buffer.concat([Buffer.from(title), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc])]),
  'CRLF and BOM': `\uFEFF${title}## Records Reviewed\r\n\r\n1. 4/3/2023 — MRI\r\n\r\n## Causation\r\n\r\nTBD\r\n`,
  '1 MB single line': `${title}${'The MRI of 4/3/2023 was normal and '.repeat(30000)}`,
  '5,000-deep blockquote': `${title}${'>'.repeat(5000)} deep\n`,
  '5,000-deep list': `${title}${'- '.repeat(5000)}deep\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n')}\n`,
  // Digits every date reader tries to start a date or a duration at: once quadratic, for minutes.
  '100,000-digit line in a records entry': `${title}## Records Reviewed\n\n1. ${'7'.repeat(100_000)} 4/3/2023 — Dr. Smith: note\n`,
  '20,000 records entries': `${title}## Records Reviewed\n\n${Array.from({ length: 20000 }, (_, i) => `${i + 1}. ${1 + (i % 12)}/${1 + (i % 28)}/2023 — Dr. Smith: progress note (${i % 9} pages)`).join('\n')}\n`,
  'broken YAML front matter': `---\nreport: [IME\ntreating: {\n---\n${title}Text.\n`,
  'headings only': Array.from({ length: 3000 }, (_, i) => `${'#'.repeat(1 + (i % 6))} Independent Medical Examination ${i}`).join('\n'),
  'empty file': '',
};

describe('hostile input', () => {
  for (const [name, content] of Object.entries(inputs)) {
    it(`${name}: the CLI exits 0 or 1 without crashing`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.ime.md`);
      writeFileSync(file, content);
      const run = await cli(['--format', 'json', file], dir);
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.code);
      expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
    }, 20_000);
  }

  it('broken front matter gets one clear diagnostic on its first line', () => {
    const result = lint(inputs['broken YAML front matter'] as string);
    const found = result.diagnostics.filter((d) => d.ruleId === 'front-matter-invalid');
    expect(found).toHaveLength(1);
    expect(found[0].span.start).toBe(0);
    expect(found[0].message).toMatch(/^The front matter is not valid YAML \(.+\); its keys are ignored until it is fixed\.$/);
  });

  it('a file the CLI cannot read exits 2 naming the file', async () => {
    const link = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'nowhere.md'), link);
    const run = await cli([link], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dangling.md');
  });
});
