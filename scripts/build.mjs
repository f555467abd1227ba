// Bundles the CLI, the language server and the VS Code client into dist/ (one file each), and
// the web extension's client and worker server (dist/client-browser.js, dist/server-browser.js).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { noNodeModules } from './browser-guard.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// `--production` (npm run package): minified, without source maps, to keep the .vsix small.
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ESM builds first: jsonc-parser's UMD main requires its modules dynamically, which a bundle cannot hold.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir) call createRequire(import.meta.url); give them the bundle's own URL.
  define: { IME_LINT_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.cjs'],
};

const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { IME_LINT_VERSION: JSON.stringify(version) },
  plugins: [noNodeModules],
};

await Promise.all([
  build({ ...browser, entryPoints: ['server/src/lsp/browser.ts'], outfile: 'dist/server-browser.js', format: 'iife' }),
  build({ ...browser, entryPoints: ['client/src/browser.ts'], outfile: 'dist/client-browser.js', format: 'cjs', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/lsp/bin.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] }),
]);

// esbuild escapes non-ASCII characters in code but keeps the comments it carries over as they
// are, and one curly quote in a comment makes V8 hold the whole server's source at two bytes a
// character (3.5 MB instead of 1.8). An escape in a comment reads the same; only comments hold them.
for (const file of ['dist/server.cjs', 'dist/cli.cjs']) {
  const code = readFileSync(file, 'utf8');
  writeFileSync(file, code.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
