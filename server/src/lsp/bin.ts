import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';
import { nodeHost } from './workspace.js';

const HEAP_GROWING_PERCENT = 20;

// A stray rejection must not take the server down with every open report; say so without
// the error's text, which could quote a report.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ime-lint-server: an operation failed (${(reason as Error)?.name ?? 'unknown error'}); the server keeps running.\n`);
});

// V8 lets the heap grow to several times what is live before it collects again, and keeps the
// pages it grew to. Each edit leaves the old text of the report behind (megabytes, collected only
// by a full collection), so the resident set climbs between collections. A smaller growth step
// costs more frequent collections: with the 1.6 MB benchmark report, 20% held 184-196 MB against
// 191-226 MB at 35%, with 800 KB and 1.6 MB edits as fast.
// The growth factor is read at each collection, so it can be set now, after startup.
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

// Bundled to <package>/dist/server.cjs; the package root holds the README the diagnostics link to.
// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
const readmeUrl = pathToFileURL(join(dirname(dirname(__filename)), 'README.md')).href;
startServer(createConnection(ProposedFeatures.all), { readmeUrl, host: nodeHost });
