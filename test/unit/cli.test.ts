import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ime-lint-cli-'));
});

const noDiagnoses = { ...COMPLETE_SECTIONS };
delete (noDiagnoses as Record<string, string>).Diagnoses;

describe('ime-lint CLI', () => {
  it('prints ESLint-shaped JSON with 1-based positions', async () => {
    writeFileSync(join(dir, 'a.md'), report(noDiagnoses));
    const run = await cli(['--format', 'json', 'a.md'], dir);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout);
    expect(result).toEqual({
      filePath: join(dir, 'a.md'),
      messages: [{
        ruleId: 'section-missing', severity: 1,
        message: expect.stringContaining('no Diagnoses section'),
        line: 1, column: 1, endLine: 1, endColumn: 34,
      }],
      errorCount: 0,
      warningCount: 1,
    });
  });

  it('leaves ordinary Markdown notes out of the results', async () => {
    writeFileSync(join(dir, 'notes.md'), '# Weekly notes\n\nTODO: call the adjuster. I disagree with Dr. Ortiz.\n');
    const run = await cli(['--format', 'json', dir], dir);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('exits 2 naming a missing file', async () => {
    const run = await cli(['missing.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing\.md: no such file or directory/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on bad usage', async () => {
    expect((await cli(['--format', 'xml', 'a.md'], dir)).code).toBe(2);
    expect((await cli(['--profile', 'mars', 'a.md'], dir)).code).toBe(2);
    expect((await cli([], dir)).code).toBe(2);
  });

  it('exits 1 on errors and on too many warnings', async () => {
    writeFileSync(join(dir, 'a.md'), report(noDiagnoses));
    expect((await cli(['--max-warnings', '0', 'a.md'], dir)).code).toBe(1);
    expect((await cli(['--max-warnings', '1', 'a.md'], dir)).code).toBe(0);
    writeFileSync(join(dir, '.imelintrc.json'), '{ "rules": { "section-missing": "error" } }');
    expect((await cli(['a.md'], dir)).code).toBe(1);
  });

  it('--quiet keeps errors only', async () => {
    writeFileSync(join(dir, 'a.md'), report(noDiagnoses));
    const run = await cli(['--quiet', '--format', 'json', 'a.md'], dir);
    expect(JSON.parse(run.stdout)[0].messages).toEqual([]);
  });

  it('expands globs and folders', async () => {
    writeFileSync(join(dir, 'a.md'), report(COMPLETE_SECTIONS));
    writeFileSync(join(dir, 'b.ime.md'), 'A report by its file name.\n');
    const run = await cli(['--format', 'json', '*.md'], dir);
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath)).toEqual([join(dir, 'a.md'), join(dir, 'b.ime.md')]);
  });

  it('reports an invalid config with exit 2, naming the file and the problem', async () => {
    writeFileSync(join(dir, 'a.md'), report(COMPLETE_SECTIONS));
    writeFileSync(join(dir, '.imelintrc.json'), '{ "rules": { "section-missing": "loud" } }');
    const run = await cli(['a.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.imelintrc.json: invalid config');
    expect(run.stderr).toContain('/rules/section-missing');
  });

  it('lints standard input', async () => {
    const run = await cli(['--stdin', '--format', 'json'], dir, report(noDiagnoses));
    expect(JSON.parse(run.stdout)[0].messages[0].ruleId).toBe('section-missing');
  });

  it('--fix inserts missing sections in place, keeping the file mode and every line', async () => {
    const original = report(noDiagnoses);
    const path = join(dir, 'a.md');
    writeFileSync(path, original);
    chmodSync(path, 0o640);
    const run = await cli(['--fix', '--format', 'json', 'a.md'], dir);
    const fixed = readFileSync(path, 'utf8');
    expect(fixed).toContain('## Diagnoses\n\n1. [[diagnosis]]');
    expect(fixed.indexOf('## Diagnoses')).toBeGreaterThan(fixed.indexOf('## Physical Examination'));
    expect(fixed.indexOf('## Diagnoses')).toBeLessThan(fixed.indexOf('## Causation'));
    for (const line of original.split('\n')) expect(fixed).toContain(line);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(JSON.parse(run.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain('section-missing');
    expect(run.stderr).toContain('fixed 1 problem');
  });

  it('prints SARIF 2.1.0 with rule help', async () => {
    writeFileSync(join(dir, 'a.md'), report(noDiagnoses));
    const sarif = JSON.parse((await cli(['--format', 'sarif', 'a.md'], dir)).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'section-missing');
    expect(rule.help.text).toContain('not legal advice');
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'section-missing', level: 'warning' });
  });

  it('prints stylish output by default', async () => {
    writeFileSync(join(dir, 'a.md'), report(noDiagnoses));
    const run = await cli(['a.md'], dir);
    expect(run.stdout).toMatch(/1:1\s+warning\s+The report has no Diagnoses section.*section-missing/);
    expect(run.stdout).toContain('1 problem (0 errors, 1 warning)');
  });
});
