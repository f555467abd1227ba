import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind,
} from 'vscode-languageclient/node.js';
import { registerAuthoring } from './authoring.js';
import { forwardCursor } from './cursor.js';
import { RestartPolicy } from './restart-policy.js';

// The server's commands (server/src/lsp/server.ts COMMANDS); the client only forwards to them.
const SERVER_COMMANDS = {
  insertMissingSections: 'imeLint.server.insertMissingSections',
  lintWorkspace: 'imeLint.server.lintWorkspace',
};

interface WorkspaceLintSummary {
  files: number;
  reports: number;
  problems: number;
}

let client: LanguageClient | undefined;
const restarts = new RestartPolicy();

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      // Synced so the server lints with unsaved config edits and reports a config's problems on it.
      { scheme: 'file', pattern: '**/.imelintrc.json' },
    ],
    // In an untrusted workspace the server ignores the workspace's config files.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    errorHandler: {
      // A failed message is not a dead server: keep the connection.
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const decision = restarts.onClosed();
        if (decision.message) void vscode.window.showErrorMessage(decision.message);
        return { action: decision.action === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  return new LanguageClient('imeLint', 'IME Report Linter', serverOptions, clientOptions);
}

async function running(): Promise<LanguageClient | undefined> {
  if (!client) return undefined;
  if (!client.isRunning()) await client.start();
  return client;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  registerAuthoring(context, { started: running, current: () => client });
  context.subscriptions.push(
    forwardCursor((method, params) => {
      if (client?.isRunning()) void client.sendNotification(method, params);
    }),
    vscode.commands.registerCommand('imeLint.lintWorkspace', async () => {
      const languageClient = await running();
      if (!languageClient) return;
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'ime-lint: linting workspace reports' },
        () => languageClient.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.lintWorkspace, arguments: [] }) as Promise<WorkspaceLintSummary | null>,
      );
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      if (summary) {
        void vscode.window.showInformationMessage(`ime-lint: ${summary.reports} report(s) among ${summary.files} Markdown file(s), ${summary.problems} problem(s). Open reports are listed as you edit them.`);
      }
    }),
    vscode.commands.registerCommand('imeLint.insertMissingSections', async () => {
      const editor = vscode.window.activeTextEditor;
      const languageClient = await running();
      if (!editor || !languageClient || editor.document.languageId !== 'markdown') return;
      const inserted = await languageClient.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_COMMANDS.insertMissingSections,
        arguments: [editor.document.uri.toString()],
      });
      if (!inserted) void vscode.window.showInformationMessage('ime-lint: no missing sections to insert (or this file is not a report).');
    }),
    vscode.commands.registerCommand('imeLint.restartServer', async () => {
      restarts.reset();
      if (client?.isRunning()) await client.restart();
      else await client?.start();
    }),
    // Trust changes what the server may read: start it again with the new state.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
