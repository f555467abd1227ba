import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser.js';
import { forwardCursor } from './cursor.js';

// The web extension (vscode.dev, github.dev): the same server, bundled for a web worker
// (server/src/lsp/browser.ts). There is no file system there, so config files, include
// globs and "lint workspace" are not available (package.json `capabilities` says so).
type ServerWorker = ConstructorParameters<typeof LanguageClient>[3] & { terminate(): void };
declare const Worker: new (url: string) => ServerWorker;

const INSERT_MISSING_SECTIONS = 'imeLint.server.insertMissingSections';

let running: { client: LanguageClient; worker: ServerWorker } | undefined;

async function start(context: vscode.ExtensionContext): Promise<void> {
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist/server-browser.js').toString(true));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown' }],
    initializationOptions: {
      workspaceTrusted: vscode.workspace.isTrusted,
      readmeUrl: vscode.Uri.joinPath(context.extensionUri, 'README.md').toString(),
    },
  };
  running = { client: new LanguageClient('imeLint', 'IME Report Linter', clientOptions, worker), worker };
  await running.client.start();
}

async function stop(): Promise<void> {
  const current = running;
  running = undefined;
  await current?.client.stop();
  current?.worker.terminate();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    forwardCursor((method, params) => {
      if (running?.client.isRunning()) void running.client.sendNotification(method, params);
    }),
    vscode.commands.registerCommand('imeLint.insertMissingSections', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown' || !running) return;
      const inserted = await running.client.sendRequest(ExecuteCommandRequest.type, { command: INSERT_MISSING_SECTIONS, arguments: [editor.document.uri.toString()] });
      if (!inserted) void vscode.window.showInformationMessage('ime-lint: no missing sections to insert (or this file is not a report).');
    }),
    vscode.commands.registerCommand('imeLint.lintWorkspace', () => {
      void vscode.window.showInformationMessage('ime-lint: linting the whole workspace needs the desktop editor; open reports are linted as you edit them.');
    }),
    // A worker whose server has exited cannot start again: restart with a new one.
    vscode.commands.registerCommand('imeLint.restartServer', async () => {
      await stop();
      await start(context);
    }),
  );
  await start(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
