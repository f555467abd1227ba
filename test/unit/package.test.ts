import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper without types
import { noNodeModules } from '../../scripts/browser-guard.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** What the .vsix must hold, and nothing else (`extension/` is vsce's folder inside the zip). */
const EXPECTED_ENTRIES = [
  '[Content_Types].xml', 'extension.vsixmanifest',
  'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
  'extension/dist/client.cjs', 'extension/dist/server.cjs', 'extension/dist/client-browser.js', 'extension/dist/server-browser.js',
  'extension/schemas/imelintrc.schema.json', 'extension/snippets/ime.json', 'extension/syntaxes/ime-report.injection.tmLanguage.json',
];

/** The entries of a zip file with their uncompressed sizes, read from its central directory. */
function zipEntries(zip: Buffer): { name: string; size: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('npm run package', () => {
  // Packaged from a copy, so the production build does not replace the dist/ other tests run.
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'ime-lint-package-'));
    const skipped = new Set(['node_modules', 'dist', 'out', 'scratch', '.git', 'test']);
    cpSync(ROOT, copy, { recursive: true, filter: (path) => !skipped.has(path.slice(ROOT.length + 1).split(/[\\/]/)[0]) && !path.endsWith('.vsix') });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    execFileSync('npm', ['run', 'package'], { cwd: copy, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('produces a .vsix under 2 MB holding only the bundles, snippets, grammar, schema, walkthrough, README, CHANGELOG and license', () => {
    const vsix = join(copy, 'ime-lint.vsix');
    const bytes = statSync(vsix).size;
    const entries = zipEntries(readFileSync(vsix));
    console.log(`ime-lint.vsix: ${(bytes / 1024).toFixed(0)} KB\n${entries.map((e) => `  ${e.name} (${(e.size / 1024).toFixed(1)} KB)`).join('\n')}`);
    expect(bytes).toBeLessThan(MAX_VSIX_BYTES);
    const names = entries.map((e) => e.name);
    const walkthrough = names.filter((n) => n.startsWith('extension/media/'));
    expect(names.filter((n) => !n.startsWith('extension/media/')).sort()).toEqual([...EXPECTED_ENTRIES].sort());
    expect(walkthrough.every((n) => n.endsWith('.md'))).toBe(true);
  });

  it('declares the web entry, workspace trust and virtual workspaces with what is limited', () => {
    const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
    expect(manifest.browser).toBe('./dist/client-browser.js');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.virtualWorkspaces).toEqual({ supported: 'limited', description: expect.stringContaining('.imelintrc.json') });
    expect(manifest.contributes.configuration.properties['imeLint.run']).toMatchObject({ default: 'onType', enum: ['onType', 'onSave'] });
    expect(manifest.contributes.configuration.properties['imeLint.focusMode']).toMatchObject({ default: true });
  });
});

describe('browser bundles', () => {
  it('hold no Node.js module: the web server and client build for the browser', async () => {
    for (const entry of ['server/src/lsp/browser.ts', 'client/src/browser.ts']) {
      const result = await build({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'browser', write: false, logLevel: 'silent', external: ['vscode'], plugins: [noNodeModules] });
      expect(result.errors).toEqual([]);
    }
  });

  it('fail to build, naming the importer, when config discovery on disk gets on their path', async () => {
    const failure = await build({ entryPoints: [join(ROOT, 'server/src/lsp/workspace.ts')], bundle: true, platform: 'browser', write: false, logLevel: 'silent', plugins: [noNodeModules] })
      .then(() => null, (error: { errors: { text: string }[] }) => error.errors.map((e) => e.text).join('\n'));
    expect(failure).toMatch(/"node:fs" is a Node\.js module; the browser bundle cannot hold it \(imported by .*workspace\.ts\)/);
  });
});
