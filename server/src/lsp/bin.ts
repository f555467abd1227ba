import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';
import { lowerBackgroundThreads } from './thread-priority.js';
import { nodeHost } from './workspace.js';

const HEAP_GROWING_PERCENT = 15;

// A stray rejection must not take the server down with every open report; say so without
// the error's text, which could quote a report.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ime-lint-server: an operation failed (${(reason as Error)?.name ?? 'unknown error'}); the server keeps running.\n`);
});

// V8 lets the heap grow to several times what is live before it collects again, and keeps the
// pages it grew to. Each edit left the old text of the report behind (megabytes, collected only
// by a full collection, until open documents kept their text as pieces), so the resident set
// climbed between collections. A smaller growth step
// costs more frequent collections: with the 1.6 MB benchmark report, 20% held 183-197 MB against
// 238-241 MB with V8's own step. Once edits made less garbage (fixes worked out only when asked
// for), collections came later: 20% held 178-202 MB (27 runs, seven at 195 MB or more), 15%
// 179-200 MB (15 runs, one), with edits of the 800 KB report as fast. It is set once the first
// report is read: while the heap grows from a few megabytes, V8's own step (larger for a small
// heap) gets there with fewer collections, and the first diagnostics of the 800 KB report came
// about 40 ms sooner.
// The growth factor is read at each collection, so it can be set after startup.
const tuneHeap = () => setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

// Reading a report whole (when it is opened) leaves hundreds of megabytes of garbage, and V8 keeps
// the pages the heap grew to for it: the edits that follow promote their objects into fresh pages,
// and the resident set stays high. One full collection once the report's diagnostics are out
// gives that memory back: after nine edits of the 800 KB benchmark report the server held
// 142-148 MB against 179-181 (with the 1.6 MB report, whose live data is most of the heap,
// 184-190 against 183-197), and the edits were no slower. It costs the main thread about 60 ms,
// once per report opened, while the examiner reads the diagnostics (the benchmark's first edit
// waits for it).
setFlagsFromString('--expose-gc');
// Made now: a context of its own costs milliseconds that a report's diagnostics would wait for.
const collectGarbage = runInNewContext('gc') as () => void;
const afterReportRead = () => {
  tuneHeap(); // at the first report; setting the same step again at a later one changes nothing
  // From now on V8's compiler and collector threads yield to the thread that answers the editor.
  lowerBackgroundThreads();
  // Two turns on: the LSP library writes the diagnostics in an immediate of its own, queued after this one.
  setImmediate(() => setImmediate(collectGarbage));
};

// TurboFan inlines callees into the long functions that read a report, and compiling them then
// takes tens of milliseconds each on the background thread, while the edits after a report is
// opened run unoptimized code. Half V8's inlining budget (920 bytes of bytecode) compiles them
// sooner and runs as fast once warm: on the 800 KB benchmark report with two cores, the first
// nine edits took a median 49 ms against 57, the first diagnostics 806 ms against 893, and edits
// after warming 28 ms against 31 (seven interleaved runs). No inlining at all made the warm
// edits slower (41 ms against 32). Set before any function is optimized.
const INLINING_BUDGET = 460;
setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);

// Bundled to <package>/dist/server.cjs; the package root holds the README the diagnostics link to.
// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
const readmeUrl = pathToFileURL(join(dirname(dirname(__filename)), 'README.md')).href;
startServer(createConnection(ProposedFeatures.all), { readmeUrl, host: nodeHost, afterReportRead });
