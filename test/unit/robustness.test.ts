import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../server/src/cli/write.js';
import { lint } from '../../server/src/engine/lint.js';
import { start, useServerBuild } from '../helpers/lsp.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

useServerBuild();

const TITLE = '# Independent Medical Examination\n\n';
const INCOMPLETE = report({ ...COMPLETE_SECTIONS, Diagnoses: '1. Lumbar strain, TBD.' });

describe('server robustness', () => {
  it('keeps serving other documents while hostile ones are open', async () => {
    const session = await start({ pull: true });
    const hostile = {
      'binary.ime.md': `${TITLE}\u0000\u0001\uFFFD\u0000 binary`,
      'long-line.ime.md': `${TITLE}${'The MRI of 4/3/2023 was normal and '.repeat(3000)}`,
      'deep.ime.md': `${TITLE}${'>'.repeat(5000)} deep\n${'- '.repeat(5000)}x\n`,
      'broken.ime.md': `---\nreport: [IME\n---\n${TITLE}`,
      'empty.ime.md': '',
    };
    const uris = Object.entries(hostile).map(([name, text]) => session.open(name, text));
    const ok = session.open('case.md', INCOMPLETE);
    const items = await session.pull(ok);
    expect(items.map((d) => d.code)).toEqual(lint(INCOMPLETE).diagnostics.map((d) => d.ruleId));
    for (const uri of uris) expect(Array.isArray(await session.pull(uri))).toBe(true);
  }, 60_000);

  it('answers for the last version after rapid edits, and survives a close mid-analysis', async () => {
    const session = await start({ pull: true });
    const uri = session.open('case.md', INCOMPLETE);
    for (let version = 2; version <= 40; version++) {
      const text = version % 2 ? INCOMPLETE : INCOMPLETE.replace('TBD', 'mild');
      void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    // Version 40 is even: the placeholder is gone.
    expect((await session.pull(uri)).map((d) => d.code)).not.toContain('placeholder-left');
    const pending = session.pull(uri).catch(() => []);
    void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await pending;
    const other = session.open('other.md', INCOMPLETE);
    expect((await session.pull(other)).map((d) => d.code)).toContain('placeholder-left');
  }, 60_000);
});

describe('--fix writes', () => {
  it('refuse a file that changed since it was read, leaving it as it is', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ime-lint-write-')), 'a.md');
    writeFileSync(path, 'edited elsewhere\n');
    expect(() => writeAtomically(path, 'what was linted\n', 'fixed\n')).toThrow(/changed while it was being linted/);
    expect(readFileSync(path, 'utf8')).toBe('edited elsewhere\n');
  });
});
