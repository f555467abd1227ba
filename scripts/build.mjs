// Bundles the CLI, the language server and the VS Code client into dist/ (one file each).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ESM builds first: jsonc-parser's UMD main requires its modules dynamically, which a bundle cannot hold.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir) call createRequire(import.meta.url); give them the bundle's own URL.
  define: { IME_LINT_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.cjs'],
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/lsp/bin.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] }),
]);
