import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, State } from 'vscode-languageclient/node.js';

// What the server answers (server/src/lsp/features.ts and COMMANDS); the client only shows it.
const STATUS_REQUEST = 'imeLint/status';
const SERVER_COMMANDS = {
  profiles: 'imeLint.server.profiles',
  reportSkeleton: 'imeLint.server.reportSkeleton',
};

interface ReportStatus {
  isReport: boolean;
  profile: { id: string; name: string } | null;
  errors: number;
  warnings: number;
  others: number;
}

interface ProfileChoice {
  id: string;
  name: string;
  description: string;
}

export interface Clients {
  /** The language client, started if it is not running (for commands the user runs). */
  started: () => Promise<LanguageClient | undefined>;
  /** The language client as it is: the status item never starts a stopped server. */
  current: () => LanguageClient | undefined;
}

const STATUS_DELAY_MS = 250;

/** A status-bar item with the active report's profile and open findings; hidden for anything else. */
function registerStatusItem(context: vscode.ExtensionContext, clients: Clients): void {
  const item = vscode.window.createStatusBarItem('imeLint.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'IME report';
  item.command = 'workbench.actions.view.problems';
  let timer: NodeJS.Timeout | undefined;
  /** Bumped per update, so a slow answer for an earlier editor never overwrites a later one. */
  let latest = 0;
  /** The client whose start is watched (a new one is created when workspace trust is granted). */
  let watched: LanguageClient | undefined;
  let watching: vscode.Disposable | undefined;

  function watchStarts(client: LanguageClient | undefined): void {
    if (client === watched) return;
    watching?.dispose();
    watched = client;
    watching = client?.onDidChangeState((event) => {
      if (event.newState === State.Running) schedule();
    });
  }

  async function update(): Promise<void> {
    const request = ++latest;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      item.hide();
      return;
    }
    let status: ReportStatus | undefined;
    try {
      const client = clients.current();
      watchStarts(client);
      if (client?.isRunning()) status = await client.sendRequest<ReportStatus>(STATUS_REQUEST, { uri: document.uri.toString() });
    } catch {
      status = undefined; // the server is restarting: show nothing rather than stale counts
    }
    if (request !== latest) return;
    if (!status?.isReport || !status.profile) {
      item.hide();
      return;
    }
    const open = status.errors + status.warnings + status.others;
    const counts = open ? `$(error) ${status.errors} $(warning) ${status.warnings}` : '$(check) no findings';
    item.text = `$(law) IME: ${status.profile.id} ${counts}`;
    item.tooltip = open
      ? `IME report, ${status.profile.name} profile: ${plural(status.errors, 'error')}, ${plural(status.warnings, 'warning')}${status.others ? `, ${plural(status.others, 'other finding')}` : ''}. Click to list them in the Problems panel.`
      : `IME report, ${status.profile.name} profile: ime-lint finds nothing to report.`;
    item.show();
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), STATUS_DELAY_MS);
  }

  context.subscriptions.push(
    item,
    { dispose: () => { clearTimeout(timer); watching?.dispose(); } },
    vscode.window.onDidChangeActiveTextEditor(schedule),
    // New diagnostics mean a new lint of the document: its counts (or its profile) changed.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('imeLint')) schedule();
    }),
  );
  schedule();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "IME: New report": pick a profile, then an untitled Markdown document holding its skeleton as a snippet. */
async function newReport(clients: Clients): Promise<void> {
  const client = await clients.started();
  if (!client) return;
  const profiles = await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.profiles, arguments: [] }) as ProfileChoice[] | null;
  if (!profiles?.length) return;
  const configured = vscode.workspace.getConfiguration('imeLint').get<string>('profile') || 'generic';
  const items = profiles
    .map((profile) => ({ label: profile.name, description: profile.id === configured ? `${profile.id} (your setting)` : profile.id, detail: profile.description, id: profile.id }))
    .sort((a, b) => Number(b.id === configured) - Number(a.id === configured));
  const picked = await vscode.window.showQuickPick(items, { title: 'IME: New report', placeHolder: 'Profile of the new report (which sections it needs, which standard of certainty)', matchOnDetail: true });
  if (!picked) return;
  const skeleton = await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.reportSkeleton, arguments: [picked.id] }) as string | null;
  if (!skeleton) return;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(skeleton), new vscode.Position(0, 0));
}

/** The authoring features of the client: the report status item and "IME: New report". */
export function registerAuthoring(context: vscode.ExtensionContext, clients: Clients): void {
  registerStatusItem(context, clients);
  context.subscriptions.push(vscode.commands.registerCommand('imeLint.newReport', () => newReport(clients)));
}
