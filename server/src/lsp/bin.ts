import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';
import { nodeHost } from './workspace.js';

// A stray rejection must not take the server down with every open report; say so without
// the error's text, which could quote a report.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ime-lint-server: an operation failed (${(reason as Error)?.name ?? 'unknown error'}); the server keeps running.\n`);
});

// Bundled to <package>/dist/server.cjs; the package root holds the README the diagnostics link to.
// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
const readmeUrl = pathToFileURL(join(dirname(dirname(__filename)), 'README.md')).href;
startServer(createConnection(ProposedFeatures.all), { readmeUrl, host: nodeHost });
