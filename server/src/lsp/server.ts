import {
  type CancellationToken, CodeActionKind, type Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  type Diagnostic as LspDiagnostic, DocumentDiagnosticReportKind, type DocumentDiagnosticReport, type TextEdit as LspTextEdit,
  LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type WorkspaceEdit,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAME, parseConfig } from '../engine/config.js';
import { hoverAt } from '../engine/hover.js';
import { IncrementalLinter } from '../engine/incremental.js';
import { lint, type LintOptions, type LintResult } from '../engine/lint.js';
import { LineIndex } from '../engine/text.js';
import { codeActions, FIX_ALL_KIND, missingSectionsEdits } from './actions.js';
import { configProblemDiagnostics, toLspDiagnostic } from './convert.js';
import { REPORT_DOCUMENTS } from './document.js';
import {
  completionSite, completions, documentSymbols, foldingRanges, NO_REPORT_STATUS, profileChoices, recordDefinitionRange, recordReferenceRanges,
  reportStatus, skeletonFor, STATUS_REQUEST,
} from './features.js';
import { DEFAULT_SETTINGS, type InitializationOptions, readSettings, type Settings } from './settings.js';
import { CURSOR_NOTIFICATION, type CursorParams, FocusTracker, holdBackWhileTyping } from './focus.js';
import type { HostFactory } from './host.js';

export interface ServerOptions {
  /** The shipped README.md the diagnostics link to (the client may name it in `initializationOptions`). */
  readmeUrl?: string;
  /** File access: on disk for the desktop server, none in a browser worker. */
  host: HostFactory;
  /**
   * Called when an open report has been read whole for the first time (the desktop server tunes
   * V8's heap at the first, and collects the garbage each reading left once its diagnostics are out).
   */
  afterReportRead?: () => void;
}

/** `workspace/executeCommand` commands, for VS Code's client and any other LSP client. */
export const COMMANDS = {
  /** Arguments: [uri]. Applies the edit that inserts every missing section; returns whether it did. */
  insertMissingSections: 'imeLint.server.insertMissingSections',
  /** Publishes diagnostics for every report in the workspace folders; returns a WorkspaceLintSummary. */
  lintWorkspace: 'imeLint.server.lintWorkspace',
  /** Returns the profiles a new report can follow: [{ id, name, description }]. */
  profiles: 'imeLint.server.profiles',
  /** Arguments: [profile id]. Returns a whole report for the profile in snippet syntax, or null for an unknown profile. */
  reportSkeleton: 'imeLint.server.reportSkeleton',
} as const;

export interface WorkspaceLintSummary {
  /** Markdown files read. */
  files: number;
  reports: number;
  problems: number;
}

/** A lint of one document version under one generation of settings and config files. */
interface Linted {
  version: number;
  generation: number;
  /** Null when linting is disabled for the document. */
  result: LintResult | null;
  options: LintOptions;
}

/** A lint of a report (of something linting applies to). */
type LintedReport = Linted & { result: LintResult };

const PUSH_DELAY_MS = 150;
const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

export function startServer(connection: Connection, { readmeUrl: shippedReadme, host: makeHost, afterReportRead }: ServerOptions): void {
  /** Open reports read whole at least once. */
  const reportsRead = new Set<string>();
  const documents = new TextDocuments(REPORT_DOCUMENTS);
  const lints = new Map<string, Linted>();
  /** Per open document: the parse of its unchanged blocks is kept between versions. */
  const linters = new Map<string, IncrementalLinter>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Reports not open in the editor that "lint workspace" published diagnostics for. */
  const publishedFromDisk = new Set<string>();
  const warnedConfigs = new Set<string>();
  const host = makeHost((path) => documents.all().find((d) => host.pathOf(d.uri) === path)?.getText());
  const focus = new FocusTracker();
  /** With `imeLint.run: onSave`, the version of each document that was opened or saved last. */
  const savedVersions = new Map<string, number>();
  let readmeUrl = shippedReadme;

  const client = {
    pullDiagnostics: false,
    diagnosticsRefresh: false,
    configuration: false,
    configurationRegistration: false,
    watchedFilesRegistration: false,
    workspaceFolders: false,
    documentChanges: false,
  };
  let trusted = true;
  let fallbackSettings: Settings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  /** Bumped whenever settings or config files change, so cached lints are redone. */
  let generation = 0;

  /** Logs a failure without its message, which could quote report text. */
  function logFailure(what: string, error: unknown): void {
    const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).join('\n') : '';
    connection.console.error(`ime-lint: ${what} failed (${error instanceof Error ? error.name : typeof error})${stack ? `\n${stack}` : ''}`);
  }

  /** Wraps a handler so that a failure is logged and answered with an empty result. */
  function guard<P, R>(what: string, empty: R, handler: (params: P, token?: CancellationToken) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
    return async (params, token) => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        logFailure(what, error);
        return empty;
      }
    };
  }

  function settingsFor(uri: string): Promise<Settings> {
    if (!client.configuration) return Promise.resolve(fallbackSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'imeLint' }).then(readSettings, (error: unknown) => {
        logFailure('reading settings', error);
        return fallbackSettings;
      });
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  function optionsFor(uri: string, settings: Settings): LintOptions {
    const { options, config } = host.lintOptionsFor(uri, settings, folders, trusted);
    if (config?.path && config.problems.length && !documents.all().some((d) => host.pathOf(d.uri) === config.path)) {
      const key = `${config.path}\n${config.problems[0].message}`;
      if (!warnedConfigs.has(key)) {
        warnedConfigs.add(key);
        // A notification, not showWarningMessage's request: clients without window/showMessageRequest would reject it.
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `ime-lint: ${config.path} is not a valid config (${config.problems[0].message}); reports are linted with the defaults.`,
        });
      }
    }
    return options;
  }

  /** Lints the document as it is now, reusing the last lint when nothing changed since. */
  async function lintDocument(uri: string): Promise<Linted | null> {
    const generationAtStart = generation;
    const cached = lints.get(uri);
    if (cached && cached.generation === generationAtStart && cached.version === documents.get(uri)?.version) return cached;
    const settings = await settingsFor(uri);
    // The document may have changed or closed while the settings were fetched: lint what is there now.
    const document = documents.get(uri);
    if (!document) return null;
    const options = optionsFor(uri, settings);
    let linter = linters.get(uri);
    if (!linter) linters.set(uri, (linter = new IncrementalLinter()));
    // The last lint is out of date: let it go before this one builds a whole new model beside it.
    lints.delete(uri);
    const result = settings.enable ? linter.lint(document.source, options) : null;
    if (result?.isReport && !reportsRead.has(uri)) {
      reportsRead.add(uri);
      afterReportRead?.();
    }
    const fresh: Linted = { version: document.version, generation: generationAtStart, result, options };
    lints.set(uri, fresh);
    return fresh;
  }

  async function lintReport(uri: string): Promise<LintedReport | null> {
    const current = await lintDocument(uri);
    return current?.result?.isReport ? (current as LintedReport) : null;
  }

  /** The diagnostics of an open document, with the version they were computed for. */
  async function diagnosticsOf(uri: string): Promise<{ version: number; resultId: string; items: LspDiagnostic[] } | null> {
    if (host.isConfigFile(uri)) {
      const document = documents.get(uri);
      if (!document) return null;
      const settings = await settingsFor(uri);
      const text = document.getText();
      const items = settings.enable ? configProblemDiagnostics(parseConfig(text).problems, new LineIndex(text)) : [];
      return { version: document.version, resultId: `${document.version}:config:${settings.enable}`, items };
    }
    // Settings first: once linted, the result is read before any newer edit is linted (it moves the model's blocks).
    const { focusMode } = await settingsFor(uri);
    const current = await lintDocument(uri);
    if (!current) return null;
    const result = current.result?.isReport ? current.result : null;
    const cursor = result && focusMode ? focus.typingAt(uri) : null;
    const shown = result ? (cursor ? holdBackWhileTyping(result.diagnostics, result.model, result.model.lines.offsetAt(cursor)) : result.diagnostics) : [];
    const heldBack = result ? result.diagnostics.filter((d) => !shown.includes(d)).map((d) => d.span.start).join(',') : '';
    return {
      version: current.version,
      resultId: `${current.version}:${current.generation}:${heldBack}`,
      items: result ? shown.map((d) => toLspDiagnostic(d, result.model.lines, uri, current.version, readmeUrl)) : [],
    };
  }

  /** With `imeLint.run: onSave`, an edited document keeps the diagnostics of its last save. */
  async function waitsForSave(uri: string): Promise<boolean> {
    return (await settingsFor(uri)).run === 'onSave' && !host.isConfigFile(uri) && documents.get(uri)?.version !== savedVersions.get(uri);
  }

  /** Shows a document's diagnostics anew (focus mode released them, or it was saved). */
  function refreshDiagnostics(uri: string): void {
    if (!client.pullDiagnostics) schedulePush(uri, 0);
    else if (client.diagnosticsRefresh) connection.languages.diagnostics.refresh();
  }

  function schedulePush(uri: string, delay = PUSH_DELAY_MS): void {
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(uri, setTimeout(() => {
      pushTimers.delete(uri);
      void push(uri).catch((error: unknown) => logFailure('publishing diagnostics', error));
    }, delay));
  }

  async function push(uri: string): Promise<void> {
    const diagnostics = await diagnosticsOf(uri);
    // Never publish what was computed for a version the editor no longer shows.
    if (!diagnostics || documents.get(uri)?.version !== diagnostics.version) return;
    await connection.sendDiagnostics({ uri, version: diagnostics.version, diagnostics: diagnostics.items });
  }

  /** Settings or config files changed: every open document's diagnostics may differ. */
  function relintAll(): void {
    generation++;
    settingsCache.clear();
    if (client.pullDiagnostics) {
      if (client.diagnosticsRefresh) connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) schedulePush(document.uri);
    }
  }

  function editFor(uri: string, version: number, edits: LspTextEdit[]): WorkspaceEdit {
    return client.documentChanges
      ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
      : { changes: { [uri]: edits } };
  }

  async function lintWorkspace(): Promise<WorkspaceLintSummary> {
    const summary: WorkspaceLintSummary = { files: 0, reports: 0, problems: 0 };
    for (const folder of folders) {
      const settings = await settingsFor(host.uriOf(folder));
      if (!settings.enable) continue;
      for (const file of await host.markdownFiles(folder)) {
        const uri = host.uriOf(file);
        if (documents.all().some((d) => host.pathOf(d.uri) === file)) continue; // open documents have their own diagnostics
        summary.files++;
        let text: string;
        try {
          text = await host.readFile(file);
        } catch {
          continue;
        }
        const result = lint(text, optionsFor(uri, settings));
        if (result.isReport) {
          summary.reports++;
          summary.problems += result.diagnostics.length;
          publishedFromDisk.add(uri);
        } else if (!publishedFromDisk.delete(uri)) {
          continue;
        }
        const items = result.isReport ? result.diagnostics.map((d) => toLspDiagnostic(d, result.model.lines, uri, 0, readmeUrl)) : [];
        await connection.sendDiagnostics({ uri, diagnostics: items });
        await new Promise((resolve) => setTimeout(resolve, 0)); // stay responsive in a large workspace
      }
    }
    return summary;
  }

  async function insertMissingSections(uri: string): Promise<boolean> {
    const report = await lintReport(uri);
    if (!report) return false;
    const edits = missingSectionsEdits(report.result);
    if (!edits.length) return false;
    const { applied } = await connection.workspace.applyEdit({ label: 'Insert all missing sections', edit: editFor(uri, report.version, edits) });
    return applied;
  }

  connection.onInitialize((params) => {
    const { textDocument, workspace } = params.capabilities;
    client.pullDiagnostics = !!textDocument?.diagnostic;
    client.diagnosticsRefresh = !!workspace?.diagnostics?.refreshSupport;
    client.configuration = !!workspace?.configuration;
    client.configurationRegistration = !!workspace?.didChangeConfiguration?.dynamicRegistration;
    client.watchedFilesRegistration = !!workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.workspaceFolders = !!workspace?.workspaceFolders;
    client.documentChanges = !!workspace?.workspaceEdit?.documentChanges;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.workspaceTrusted !== false;
    if (init.readmeUrl) readmeUrl = init.readmeUrl;
    if (init.settings !== undefined) fallbackSettings = readSettings(init.settings);
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .map((f) => host.pathOf(f.uri)).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(client.pullDiagnostics ? { diagnosticProvider: { identifier: 'ime-lint', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'IME report sections' },
        foldingRangeProvider: true,
        // "#" for headings, "R"/"r" for citation keys ("[R", "[^r"), "." and " " for names after "Dr.".
        completionProvider: { triggerCharacters: ['#', 'R', 'r', '.', ' '] },
        definitionProvider: true,
        referencesProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ime-lint-server' },
    };
  });

  connection.onInitialized(() => {
    if (client.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'imeLint' });
    }
    if (client.watchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => host.pathOf(f.uri)));
        const added = event.added.map((f) => host.pathOf(f.uri)).filter((p): p is string => !!p);
        folders = [...folders.filter((f) => !removed.has(f)), ...added];
        relintAll();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (!client.configuration) {
      const settings = (params.settings as { imeLint?: unknown } | null)?.imeLint;
      if (settings !== undefined) fallbackSettings = readSettings(settings);
    }
    relintAll();
  });
  connection.onDidChangeWatchedFiles(() => relintAll());

  documents.onDidChangeContent(({ document }) => {
    focus.edited(document.uri);
    if (host.isConfigFile(document.uri)) relintAll();
    if (!client.pullDiagnostics) {
      void waitsForSave(document.uri).then((waits) => {
        if (!waits) schedulePush(document.uri);
      });
    }
  });
  documents.onDidSave(({ document }) => {
    savedVersions.set(document.uri, document.version);
    void settingsFor(document.uri).then((settings) => {
      if (settings.run === 'onSave') refreshDiagnostics(document.uri);
    });
  });
  connection.onNotification(CURSOR_NOTIFICATION, (params: CursorParams) => {
    const document = documents.get(params.uri);
    if (document && focus.moved(params.uri, params.position, document)) refreshDiagnostics(params.uri);
  });
  documents.onDidOpen(({ document }) => {
    savedVersions.set(document.uri, document.version);
    // Its diagnostics now come from the open document; drop the ones "lint workspace" published.
    if (publishedFromDisk.delete(document.uri) && client.pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  documents.onDidClose(({ document }) => {
    lints.delete(document.uri);
    linters.delete(document.uri);
    reportsRead.delete(document.uri);
    focus.forget(document.uri);
    savedVersions.delete(document.uri);
    clearTimeout(pushTimers.get(document.uri));
    pushTimers.delete(document.uri);
    if (!client.pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    if (host.isConfigFile(document.uri)) relintAll(); // the file on disk applies again
  });

  connection.languages.diagnostics.on(guard('diagnostics', EMPTY_REPORT, async (params, token) => {
    // Answered at once, for the version there is: edits and cancellations already sent are read
    // first, so a request that a newer edit superseded does no work.
    await new Promise((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded by a newer request');
    if (params.previousResultId && await waitsForSave(params.textDocument.uri)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: params.previousResultId };
    }
    const diagnostics = await diagnosticsOf(params.textDocument.uri);
    if (!diagnostics) return EMPTY_REPORT;
    if (params.previousResultId === diagnostics.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: diagnostics.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: diagnostics.resultId, items: diagnostics.items };
  }));

  connection.onCodeAction(guard('code actions', [], async (params) => {
    const report = await lintReport(params.textDocument.uri);
    if (!report) return [];
    const { uri } = params.textDocument;
    return codeActions(params, report.result, report.version, report.options, (edits) => editFor(uri, report.version, edits));
  }));

  connection.onHover(guard('hover', null, async (params) => {
    const report = await lintReport(params.textDocument.uri);
    const markdown = report && hoverAt(report.result, report.result.model.lines.offsetAt(params.position));
    return markdown ? { contents: { kind: 'markdown' as const, value: markdown } } : null;
  }));

  connection.onDocumentSymbol(guard('document symbols', [], async (params) => {
    const report = await lintReport(params.textDocument.uri);
    return report ? documentSymbols(report.result) : [];
  }));

  connection.onFoldingRanges(guard('folding ranges', [], async (params) => {
    const report = await lintReport(params.textDocument.uri);
    return report ? foldingRanges(report.result) : [];
  }));

  connection.onCompletion(guard('completion', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    const site = document && completionSite(document.getText({ start: { line: params.position.line, character: 0 }, end: params.position }));
    if (!site) return [];
    const report = await lintReport(params.textDocument.uri);
    return report ? completions(report.result, params.position, site) : [];
  }));

  connection.onDefinition(guard('definition', null, async (params) => {
    const report = await lintReport(params.textDocument.uri);
    const range = report && recordDefinitionRange(report.result, report.result.model.lines.offsetAt(params.position));
    return range ? { uri: params.textDocument.uri, range } : null;
  }));

  connection.onReferences(guard('references', [], async (params) => {
    const report = await lintReport(params.textDocument.uri);
    if (!report) return [];
    const offset = report.result.model.lines.offsetAt(params.position);
    return recordReferenceRanges(report.result, offset, params.context.includeDeclaration).map((range) => ({ uri: params.textDocument.uri, range }));
  }));

  connection.onRequest(STATUS_REQUEST, guard('status', NO_REPORT_STATUS, async (params: { uri: string }) => {
    const report = await lintReport(params.uri);
    return report ? reportStatus(report.result) : NO_REPORT_STATUS;
  }));

  connection.onExecuteCommand(guard('command', null, async (params) => {
    switch (params.command) {
      case COMMANDS.insertMissingSections: {
        const uri = params.arguments?.[0];
        return typeof uri === 'string' ? insertMissingSections(uri) : false;
      }
      case COMMANDS.lintWorkspace:
        return lintWorkspace();
      case COMMANDS.profiles:
        return profileChoices();
      case COMMANDS.reportSkeleton:
        return skeletonFor(params.arguments?.[0]);
      default:
        return null;
    }
  }));

  connection.onShutdown(() => {
    for (const timer of pushTimers.values()) clearTimeout(timer);
    pushTimers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
