import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint.js';
import { cli } from '../helpers/cli.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ime-lint-formats-'));
  writeFileSync(join(dir, 'a.md'), report({ ...COMPLETE_SECTIONS, Diagnoses: '1. Lumbar strain, TBD & "more".' }));
  writeFileSync(join(dir, 'clean.md'), report(COMPLETE_SECTIONS));
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

describe('CLI output formats', () => {
  it('junit: valid XML, one failing case per finding', async () => {
    const out = (await cli(['--format', 'junit', 'a.md', 'clean.md'], dir)).stdout;
    expect(XMLValidator.validate(out)).toBe(true);
    const suites = xml.parse(out).testsuites.testsuite;
    expect(suites).toHaveLength(2);
    expect(suites[0]).toMatchObject({ name: join(dir, 'a.md'), tests: '1', failures: '1' });
    expect(suites[0].testcase.failure.message).toContain('"TBD"');
    expect(suites[1]).toMatchObject({ failures: '0' });
  });

  it('checkstyle: valid XML with rule sources', async () => {
    const out = (await cli(['--format', 'checkstyle', 'a.md'], dir)).stdout;
    expect(XMLValidator.validate(out)).toBe(true);
    const file = xml.parse(out).checkstyle.file;
    expect(file.error).toMatchObject({ source: 'ime-lint.placeholder-left', severity: 'warning' });
  });

  it('github: one workflow annotation per finding, with escaped properties', async () => {
    const out = (await cli(['--format', 'github', 'a.md'], dir)).stdout;
    expect(out).toMatch(/^::warning file=a\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ime-lint placeholder-left::Placeholder "TBD"/);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('--output-file writes the report to a file', async () => {
    const run = await cli(['--format', 'json', '--output-file', 'out.json', 'a.md'], dir);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0].messages[0].ruleId).toBe('placeholder-left');
  });

  it('--cache reuses results for unchanged reports and re-lints changed ones', async () => {
    const first = await cli(['--cache', '--format', 'json', 'a.md'], dir);
    const cache = JSON.parse(readFileSync(join(dir, '.imelintcache'), 'utf8'));
    expect(Object.keys(cache.entries)).toEqual([join(dir, 'a.md')]);
    // Tamper with the cached message: a cache hit must return it unchanged.
    const entry = cache.entries[join(dir, 'a.md')];
    entry.diagnostics[0].message = 'from the cache';
    writeFileSync(join(dir, '.imelintcache'), JSON.stringify(cache));
    const second = await cli(['--cache', '--format', 'json', 'a.md'], dir);
    expect(JSON.parse(second.stdout)[0].messages[0].message).toBe('from the cache');
    expect(JSON.parse(first.stdout)[0].messages[0].message).not.toBe('from the cache');
    // A changed report misses the cache.
    writeFileSync(join(dir, 'a.md'), report(COMPLETE_SECTIONS));
    const third = await cli(['--cache', '--format', 'json', 'a.md'], dir);
    expect(JSON.parse(third.stdout)[0].messages).toEqual([]);
  });
});

describe('config overrides', () => {
  const text = report({ ...COMPLETE_SECTIONS, Diagnoses: '1. Lumbar strain TBD.' });
  const config = {
    rules: { 'placeholder-left': 'error' as const },
    overrides: [
      { files: ['drafts/**'], rules: { 'placeholder-left': 'off' as const } },
      { files: ['drafts/final-*.md'], rules: { 'placeholder-left': 'warning' as const } },
    ],
  };
  it('applies matching overrides in order, later ones winning', () => {
    expect(lint(text, { relativePath: 'cases/a.md', config }).diagnostics[0].severity).toBe('error');
    expect(lint(text, { relativePath: 'drafts/a.md', config }).diagnostics).toEqual([]);
    expect(lint(text, { relativePath: 'drafts/final-a.md', config }).diagnostics[0].severity).toBe('warning');
  });
  it('the CLI honours overrides relative to the config file', async () => {
    writeFileSync(join(dir, '.imelintrc.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'b.md'), text);
    expect((await cli(['b.md'], dir)).code).toBe(1);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'b.md'), text);
    expect((await cli(['--format', 'json', 'drafts/b.md'], dir)).stdout).toContain('"messages":[]');
  });
});
