import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';
import { nodeHost } from './workspace.js';

const HEAP_GROWING_PERCENT = 35;

// A stray rejection must not take the server down with every open report; say so without
// the error's text, which could quote a report.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ime-lint-server: an operation failed (${(reason as Error)?.name ?? 'unknown error'}); the server keeps running.\n`);
});

// V8 lets the heap grow to several times what is live before it collects again; a long report's
// parse leaves hundreds of megabytes of garbage that an editor keeps resident, and V8 keeps the
// pages it grew to. A smaller growth step costs more frequent collections: at 35% the 1.6 MB
// benchmark report holds about 30 MB less than at 50%, with 800 KB edits as fast; 25% saved no more.
// The growth factor is read at each collection, so it can be set now, after startup.
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

// Bundled to <package>/dist/server.cjs; the package root holds the README the diagnostics link to.
// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
const readmeUrl = pathToFileURL(join(dirname(dirname(__filename)), 'README.md')).href;
startServer(createConnection(ProposedFeatures.all), { readmeUrl, host: nodeHost });
