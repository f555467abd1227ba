// `npm run bench`: how long analysis takes on long reports, in the engine and through the
// language server over stdio. Prints medians and their ratio to a bare remark-parse parse of
// the same text (ratios are what to compare across machines). Bounded: it stops itself.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { generateReport, withRecordsTable } from './bench-report.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = [160_000, 800_000, 1_600_000];
const LIMIT_MS = 240_000;
const REQUEST_TIMEOUT_MS = 60_000;
const EDITS = 9;
/** Edits after the measured ones, before the warm figure's: the first edits after opening also wait for the JIT. */
const WARMING_EDITS = 18;
const OPENS = 2;

const deadline = setTimeout(() => {
  console.error(`bench: stopped after ${LIMIT_MS / 1000} s`);
  process.exit(1);
}, LIMIT_MS);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = (f) => {
  const start = performance.now();
  f();
  return performance.now() - start;
};
const repeat = (n, f) => median(Array.from({ length: n }, () => timed(f)));
/** Where the k-th one-character edit goes: nine positions spread over the text, in turn. */
const editOffset = (k, length) => Math.floor((((k % EDITS) + 0.5) / EDITS) * length);

/** The engine as the server bundles it, built to a temporary file. */
async function loadEngine(folder) {
  const outfile = join(folder, 'engine.cjs');
  await build({
    stdin: {
      contents: "export { lint } from './server/src/engine/lint.ts'; export { IncrementalLinter } from './server/src/engine/incremental.ts'; export { EditedText } from './server/src/engine/edited-text.ts';",
      resolveDir: ROOT, loader: 'ts',
    },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning',
    mainFields: ['module', 'main'], define: { 'import.meta.url': 'importMetaUrl' }, inject: [join(ROOT, 'scripts/import-meta-url.cjs')],
  });
  return createRequire(import.meta.url)(outfile);
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), REQUEST_TIMEOUT_MS)))])
    .finally(() => clearTimeout(timer));
}

/** Kilobytes of resident memory of a process (Linux). */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
}

/** Starts `node dist/server.cjs --stdio` as a pull-diagnostics client would talk to it. */
async function startServer(folder) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification(() => {});
  connection.onRequest(() => null);
  connection.listen();
  const uri = pathToFileURL(folder).href;
  await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
  }), 'initialize');
  await connection.sendNotification('initialized', {});
  return {
    child,
    pull: (docUri) => withTimeout(connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: docUri } }), 'diagnostics'),
    send: (method, params) => connection.sendNotification(method, params),
    async stop() {
      await withTimeout(connection.sendRequest('shutdown'), 'shutdown').catch(() => {});
      await connection.sendNotification('exit');
      connection.dispose();
      child.kill();
    },
  };
}

async function measureServer(folder, text, size) {
  const server = await startServer(folder);
  try {
    const firsts = [];
    let items = 0;
    for (let run = 0; run < OPENS; run++) {
      const uri = pathToFileURL(join(folder, `report-${size}-${run}.ime.md`)).href;
      const start = performance.now();
      await server.send('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      items = (await server.pull(uri)).items.length;
      firsts.push(performance.now() - start);
      if (run < OPENS - 1) await server.send('textDocument/didClose', { textDocument: { uri } });
    }
    // One-character edits spread over the report, each answered with its diagnostics.
    const uri = pathToFileURL(join(folder, `report-${size}-${OPENS - 1}.ime.md`)).href;
    let document = TextDocument.create(uri, 'markdown', 1, text);
    const edits = [];
    let rss = NaN;
    for (let k = 0; k < EDITS + WARMING_EDITS + EDITS; k++) {
      const offset = editOffset(k, document.getText().length);
      const range = { start: document.positionAt(offset), end: document.positionAt(offset) };
      document = TextDocument.update(document, [{ range, text: 'x' }], document.version + 1);
      const start = performance.now();
      await server.send('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [{ range, text: 'x' }] });
      await server.pull(uri);
      edits.push(performance.now() - start);
      if (edits.length === EDITS) rss = rssOf(server.child.pid);
    }
    return { first: median(firsts), edit: median(edits.slice(0, EDITS)), warmEdit: median(edits.slice(-EDITS)), rss, items };
  } finally {
    await server.stop();
  }
}

/**
 * One-character edits at spread positions, re-analysed in the engine (no server), the text
 * edited as the server's open documents edit it: medians of the first nine and of nine more
 * after the warming edits.
 */
function measureEdits({ IncrementalLinter, EditedText }, text) {
  const linter = new IncrementalLinter();
  let current = EditedText.of(text);
  linter.lint(current, { filePath: 'report.ime.md' });
  const edits = [];
  for (let k = 0; k < EDITS + WARMING_EDITS + EDITS; k++) {
    const at = editOffset(k, current.length);
    current = current.edited(at, at, 'x');
    edits.push(timed(() => linter.lint(current, { filePath: 'report.ime.md' })));
  }
  return { edit: median(edits.slice(0, EDITS)), warmEdit: median(edits.slice(-EDITS)) };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const ratio = (ms, base) => `${(ms / base).toFixed(3)}x`;

async function main() {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const folder = mkdtempSync(join(tmpdir(), 'ime-lint-bench-'));
  try {
    const engine = await loadEngine(folder);
    const { lint } = engine;
    const bare = unified().use(remarkParse);
    const rows = [];
    for (const size of SIZES) {
      const text = generateReport(size);
      const runs = size > 1_000_000 ? 2 : 3;
      bare.parse(text); // warm up the JIT before timing
      const parse = repeat(runs, () => bare.parse(text));
      const analysis = repeat(runs, () => lint(text, { filePath: 'report.ime.md' }));
      const server = await measureServer(folder, text, size);
      rows.push({ size, parse, analysis, ...server });
      console.log(`${(text.length / 1000).toFixed(0)} KB report (${server.items} diagnostics):`);
      console.log(`  bare remark-parse parse          ${fmt(parse)}`);
      console.log(`  full analysis (lint)             ${fmt(analysis)}  ${ratio(analysis, parse)}`);
      console.log(`  first diagnostics over LSP       ${fmt(server.first)}  ${ratio(server.first, parse)}`);
      console.log(`  one-character edit, re-analysed  ${fmt(server.edit)}  ${ratio(server.edit, parse)}`);
      console.log(`    the same, ${WARMING_EDITS} edits later      ${fmt(server.warmEdit)}  ${ratio(server.warmEdit, parse)}`);
      console.log(`  server RSS                       ${(server.rss / 2 ** 20).toFixed(0)} MB`);
    }
    // Many examiners write the records list as a table: measured in the engine, as the server adds nothing table-specific.
    const table = withRecordsTable(generateReport(800_000));
    const tableParse = repeat(3, () => bare.parse(table));
    const tableEdits = measureEdits(engine, table);
    console.log(`${(table.length / 1000).toFixed(0)} KB report, records as a table (in the engine):`);
    console.log(`  bare remark-parse parse          ${fmt(tableParse)}`);
    console.log(`  one-character edit, re-analysed  ${fmt(tableEdits.edit)}  ${ratio(tableEdits.edit, tableParse)}`);
    console.log(`    the same, ${WARMING_EDITS} edits later      ${fmt(tableEdits.warmEdit)}  ${ratio(tableEdits.warmEdit, tableParse)}`);
    const mid = rows.find((r) => r.size === 800_000);
    const big = rows.find((r) => r.size === 1_600_000);
    const verdict = (ok) => (ok ? 'met' : 'NOT met');
    console.log('\nTargets (800 KB report; RSS with the 1.6 MB report open):');
    console.log(`  first diagnostics <= 1.5x bare parse: ${ratio(mid.first, mid.parse)} ${verdict(mid.first <= 1.5 * mid.parse)}`);
    console.log(`  edit re-analysis <= 0.05x bare parse: ${ratio(mid.edit, mid.parse)} ${verdict(mid.edit <= 0.05 * mid.parse)}`);
    console.log(`  server RSS <= 200 MB:                 ${(big.rss / 2 ** 20).toFixed(0)} MB ${verdict(big.rss <= 200 * 2 ** 20)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

await main();
