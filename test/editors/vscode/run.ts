// Runs the VS Code integration suite (suite/) in a real VS Code that is already on this machine:
// the one VSCODE_EXECUTABLE points at, or a stable build @vscode/test-electron downloaded into
// .vscode-test/. It never downloads one; without one it prints a single "skipped" line and exits 0.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { downloadDirToExecutablePath, systemDefaultPlatform } from '@vscode/test-electron/out/util.js';
import { build } from 'esbuild';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../../..');
const FIXTURES = join(HERE, '../fixtures');

function newestFirst(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
}

function availableVSCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  // @vscode/test-electron keeps each download in .vscode-test/vscode-<platform>-<version>/, marked complete when unpacked.
  const cache = join(ROOT, '.vscode-test');
  const prefix = `vscode-${systemDefaultPlatform}-`;
  const versions = (existsSync(cache) ? readdirSync(cache) : [])
    .filter((name) => name.startsWith(prefix) && existsSync(join(cache, name, 'is-complete')))
    .map((name) => name.slice(prefix.length))
    .filter((version) => /^\d+\.\d+\.\d+$/.test(version))
    .sort(newestFirst);
  return versions.length ? downloadDirToExecutablePath(join(cache, `${prefix}${versions[0]}`), systemDefaultPlatform) : undefined;
}

const executable = availableVSCode();
if (!executable) {
  console.log('skipped: no VS Code available (set VSCODE_EXECUTABLE or download one into .vscode-test/, see the README\'s "Editors")');
  process.exit(0);
}

const outdir = join(ROOT, 'out/editors-vscode');
await build({
  entryPoints: [join(HERE, 'suite/index.ts'), join(HERE, 'suite/report.test.ts')],
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const workspace = mkdtempSync(join(tmpdir(), 'ime-lint-vscode-'));
cpSync(FIXTURES, workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(outdir, 'index.cjs'),
    extensionTestsEnv: { IME_LINT_ORIGINAL: join(FIXTURES, 'lumbar-ime.md') },
    // Only ime-lint and VS Code's built-in extensions, in a fresh workspace holding the fixtures.
    launchArgs: [workspace, '--disable-extensions'],
  });
} catch (error) {
  console.error(`VS Code suite failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
