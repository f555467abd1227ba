import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type Diagnostic, DocumentDiagnosticRequest, type FullDocumentDiagnosticReport, type InitializeParams, type MessageConnection,
  type PublishDiagnosticsParams, type TextEdit, type WorkspaceEdit, ApplyWorkspaceEditRequest, createMessageConnection,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver/node.js';
import { afterEach, beforeAll, expect } from 'vitest';

/** Harness for tests that drive `node dist/server.cjs --stdio` as an LSP client would. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface Session {
  connection: MessageConnection;
  process: ChildProcess;
  folder: string;
  published: PublishDiagnosticsParams[];
  /** Edits the server asked the client to apply (workspace/applyEdit). */
  applied: WorkspaceEdit[];
  /** What the server wrote to standard error (when started with `stderr: true`). */
  stderr: string;
  open(name: string, text: string): string;
  pull(uri: string): Promise<Diagnostic[]>;
}

const sessions: Session[] = [];

/** Starts `node dist/server.cjs --stdio` in a fresh workspace folder and initializes it. */
export async function start(options: {
  pull: boolean;
  initializationOptions?: unknown;
  files?: Record<string, string>;
  /** When given, the client answers workspace/configuration with what it returns. */
  settings?: () => unknown;
  /** Collect the server's standard error in `session.stderr` instead of passing it through. */
  stderr?: boolean;
}): Promise<Session> {
  const folder = mkdtempSync(join(tmpdir(), 'ime-lint-lsp-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(folder, name), text);
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', options.stderr ? 'pipe' : 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Session = {
    connection,
    process: child,
    folder,
    published: [],
    applied: [],
    stderr: '',
    open(name, text) {
      const uri = pathToFileURL(join(folder, name)).href;
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      return uri;
    },
    async pull(uri) {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return (report as FullDocumentDiagnosticReport).items;
    },
  };
  child.stderr?.on('data', (chunk: Buffer) => (session.stderr += chunk.toString('utf8')));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => session.published.push(params));
  connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    session.applied.push(params.edit);
    return { applied: true };
  });
  const { settings } = options;
  if (settings) connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings()));
  connection.listen();
  sessions.push(session);
  const params: InitializeParams = {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'cases' }],
    capabilities: {
      ...(options.pull ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {}),
      ...(settings ? { workspace: { configuration: true } } : {}),
    },
    initializationOptions: options.initializationOptions,
  };
  const died = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`the server exited with ${code}`))));
  const result = await Promise.race([connection.sendRequest('initialize', params), died]) as { capabilities: Record<string, unknown> };
  expect(!!result.capabilities.diagnosticProvider).toBe(options.pull);
  void connection.sendNotification('initialized', {});
  return session;
}


export function applyEdit(text: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.documentChanges
    ? edit.documentChanges.flatMap((c) => ('edits' in c ? c.edits : []))
    : Object.values(edit?.changes ?? {}).flat();
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

export async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Builds the bundles and stops every server a test started. Call once at the top of a test file. */
export function useServerBuild(): void {
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

afterEach(async () => {
  for (const session of sessions.splice(0)) {
    if (session.process.exitCode === null) session.process.kill();
    session.connection.dispose();
  }
});
}
