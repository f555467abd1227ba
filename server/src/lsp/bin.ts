import { dirname } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

// Bundled to <package>/dist/server.cjs; the package root holds the README the diagnostics link to.
// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
startServer(createConnection(ProposedFeatures.all), { packageRoot: dirname(dirname(__filename)) });
