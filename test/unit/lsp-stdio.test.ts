import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction, CodeActionRequest, type CompletionItem, CompletionRequest, type Diagnostic, type DocumentSymbol,
  DocumentSymbolRequest, ExecuteCommandRequest, HoverRequest, type Hover, type MarkupContent, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../server/src/engine/fixes.js';
import { fixAll, lint } from '../../server/src/engine/lint.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { BACKGROUND_NICENESS_STEP } from '../../server/src/lsp/thread-priority.js';
import { applyEdit, ROOT, start, until, useServerBuild } from '../helpers/lsp.js';
import { COMPLETE_SECTIONS, report } from '../helpers/report.js';

const EXAMPLE = readFileSync(join(ROOT, 'examples/lumbar-ime.md'), 'utf8');
const NOTE = readFileSync(join(ROOT, 'examples/weekly-notes.md'), 'utf8');

useServerBuild();

/** The engine's diagnostics for the same text, as rule ids and LSP ranges. */
function engineDiagnostics(text: string, filePath: string) {
  const lines = new LineIndex(text);
  return lint(text, { filePath }).diagnostics.map((d) => ({
    code: d.ruleId,
    range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) },
  }));
}

// Everything the generic profile requires except Physical Examination and Causation.
const INCOMPLETE = report({
  'History of Present Illness': COMPLETE_SECTIONS['History of Present Illness'],
  'Records Reviewed': COMPLETE_SECTIONS['Records Reviewed'],
  Diagnoses: COMPLETE_SECTIONS.Diagnoses,
});

describe('ime-lint-server over stdio, pull diagnostics', () => {
  it('answers textDocument/diagnostic with the engine diagnostics, linked to the shipped README', async () => {
    const session = await start({ pull: true });
    const uri = session.open('lumbar.md', EXAMPLE);
    const items = await session.pull(uri);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((d) => ({ code: d.code, range: d.range }))).toEqual(engineDiagnostics(EXAMPLE, join(session.folder, 'lumbar.md')));
    for (const d of items) {
      expect(d.source).toBe('ime-lint');
      expect(d.codeDescription?.href).toBe(`${pathToFileURL(join(ROOT, 'README.md')).href}#${String(d.code)}`);
    }
    const placeholder = items.find((d) => d.code === 'placeholder-left');
    expect(placeholder?.message).toContain('"TBD"');
    expect(placeholder?.severity).toBe(2); // warning
  });

  it('gives an ordinary Markdown note no diagnostics, hover, symbols or completions', async () => {
    const session = await start({ pull: true });
    const uri = session.open('weekly-notes.md', NOTE);
    expect(await session.pull(uri)).toEqual([]);
    const todo = NOTE.split('\n').findIndex((l) => l.includes('TODO'));
    expect(await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: todo, character: 3 } })).toBeNull();
    expect(await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toEqual([]);
  });

  it('follows incremental changes', async () => {
    const session = await start({ pull: true });
    const uri = session.open('report.md', INCOMPLETE);
    expect((await session.pull(uri)).map((d) => d.code)).not.toContain('placeholder-left');
    const line = INCOMPLETE.split('\n').findIndex((l) => l.startsWith('1. Lumbar strain.'));
    void session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: 'TODO ' }],
    });
    const items = await session.pull(uri);
    const updated = INCOMPLETE.replace('1. Lumbar strain.', '1. TODO Lumbar strain.');
    expect(items.map((d) => ({ code: d.code, range: d.range }))).toEqual(engineDiagnostics(updated, join(session.folder, 'report.md')));
    expect(items.find((d) => d.code === 'placeholder-left')?.range).toEqual({ start: { line, character: 3 }, end: { line, character: 7 } });
  });

  it('follows several changes in one notification, and a whole new text, as the LSP library applies them', async () => {
    const session = await start({ pull: true });
    const uri = session.open('report.md', EXAMPLE);
    await session.pull(uri);
    let expected = TextDocument.create(uri, 'markdown', 1, EXAMPLE);
    const todo = EXAMPLE.split('\n').findIndex((l) => l.startsWith('## Causation'));
    const changes = [
      { range: { start: { line: todo + 2, character: 0 }, end: { line: todo + 2, character: 0 } }, text: 'TODO: check the dates.\r\n\r\n' },
      { range: { start: { line: 3, character: 0 }, end: { line: 5, character: 4 } }, text: '' },
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: 'Dr. Karen Howell, who treats him. ' },
    ];
    expected = TextDocument.update(expected, changes, 2);
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: changes });
    const edited = await session.pull(uri);
    expect(edited.map((d) => ({ code: d.code, range: d.range }))).toEqual(engineDiagnostics(expected.getText(), join(session.folder, 'report.md')));
    expect(edited.map((d) => d.code)).toContain('placeholder-left');
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: INCOMPLETE }] });
    expect((await session.pull(uri)).map((d) => ({ code: d.code, range: d.range }))).toEqual(engineDiagnostics(INCOMPLETE, join(session.folder, 'report.md')));
  });

  it('offers a quick fix per missing section, "Insert all missing sections" and source.fixAll', async () => {
    const session = await start({ pull: true });
    const uri = session.open('report.md', INCOMPLETE);
    const items = await session.pull(uri);
    expect(items.map((d) => d.code)).toEqual(['causation-missing', 'section-missing']);
    const examination = items.find((d) => d.code === 'section-missing')!;
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: examination.range, context: { diagnostics: items },
    }) as CodeAction[];
    const engine = lint(INCOMPLETE, { filePath: join(session.folder, 'report.md') }).diagnostics;
    expect(actions.map((a) => a.title)).toEqual([
      ...engine.map((d) => d.fix!.title), 'Insert all missing sections',
      ...['line', 'report'].flatMap((scope) => engine.map((d) => `Disable ${d.ruleId} for this ${scope}`)),
    ]);

    const examinationFix = engine.find((d) => d.fix?.title === 'Insert a Physical Examination section')!.fix!;
    const withExamination = applyEdit(INCOMPLETE, actions.find((a) => a.title === examinationFix.title)!.edit);
    expect(withExamination).toBe(applyFixes(INCOMPLETE, [examinationFix]).text);
    expect(withExamination).toContain('## Records Reviewed\n\n1. 03/13/2024 — Seacoast Urgent Care: urgent care note (3 pages)\n\n## Physical Examination\n\n[[Objective findings');

    const withAll = applyEdit(INCOMPLETE, actions.find((a) => a.title === 'Insert all missing sections')!.edit);
    expect(withAll).toBe(applyFixes(INCOMPLETE, engine.map((d) => d.fix!)).text);
    expect(withAll.indexOf('## Physical Examination')).toBeLessThan(withAll.indexOf('## Diagnoses'));
    expect(withAll.indexOf('## Causation')).toBeGreaterThan(withAll.indexOf('## Diagnoses'));

    const source = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    }) as CodeAction[];
    expect(source.map((a) => a.kind)).toEqual(['source.fixAll.imeLint']);
    expect(applyEdit(INCOMPLETE, source[0].edit)).toBe(fixAll(INCOMPLETE, { filePath: join(session.folder, 'report.md') }).text);
  });

  it("adds a record cited after an edit to the list with the quick fix worked out when asked for", async () => {
    const session = await start({ pull: true });
    const text = report({ ...COMPLETE_SECTIONS, 'History of Present Illness': 'He lifted a keg on 03/12/2024.' });
    const uri = session.open('report.md', text);
    expect((await session.pull(uri)).map((d) => d.code)).not.toContain('record-unlisted');
    // An incremental edit: the server lints the new version from the last one's chunks.
    const at = new LineIndex(text).positionAt(text.indexOf(' on 03/12/2024.'));
    const cited = text.replace(' on 03/12/2024.', '. The MRI of 3/18/2024 showed a tear on 03/12/2024.');
    void session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: '. The MRI of 3/18/2024 showed a tear' }],
    });
    const items = await session.pull(uri);
    const unlisted = items.find((d) => d.code === 'record-unlisted')!;
    expect(unlisted.data).toEqual({ version: 2 });
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: unlisted.range, context: { diagnostics: [unlisted] },
    }) as CodeAction[];
    const engineFix = lint(cited, { filePath: join(session.folder, 'report.md') }).diagnostics.find((d) => d.ruleId === 'record-unlisted')!.fix!;
    const add = actions.find((a) => a.title === engineFix.title)!;
    expect(applyEdit(cited, add.edit)).toBe(applyFixes(cited, [engineFix]).text);
    expect(applyEdit(cited, add.edit)).toContain('03/18/2024 — MRI');
  });

  it('offers no quick fix computed for an older version of the text', async () => {
    const session = await start({ pull: true });
    const uri = session.open('report.md', INCOMPLETE);
    const stale = await session.pull(uri);
    const edited = `${INCOMPLETE}\nMore text.\n`;
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: stale[0].range, context: { diagnostics: stale },
    }) as CodeAction[];
    // Only the combined action remains: it is computed from the text as it is now.
    expect(actions.map((a) => a.title)).toEqual(['Insert all missing sections']);
    const fixed = applyEdit(edited, actions[0].edit);
    expect(fixed).toContain('More text.\n\n## Causation');
    expect(lint(fixed, { filePath: join(session.folder, 'report.md') }).diagnostics.filter((d) => d.ruleId.endsWith('missing'))).toEqual([]);
  });

  it('applies the combined edit through the insertMissingSections command', async () => {
    const session = await start({ pull: true });
    const uri = session.open('report.md', INCOMPLETE);
    const inserted = await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imeLint.server.insertMissingSections', arguments: [uri] });
    expect(inserted).toBe(true);
    const text = applyEdit(INCOMPLETE, session.applied[0]);
    expect(lint(text, { filePath: join(session.folder, 'report.md') }).diagnostics.filter((d) => d.ruleId.endsWith('missing'))).toEqual([]);
  });

  it('explains a diagnostic on hover and outlines the sections', async () => {
    const session = await start({ pull: true });
    const uri = session.open('lumbar.md', EXAMPLE);
    const line = EXAMPLE.split('\n').findIndex((l) => l.includes('TBD'));
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri }, position: { line, character: EXAMPLE.split('\n')[line].indexOf('TBD') + 1 },
    }) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect(value).toContain('**placeholder-left**');
    expect(value).toContain('Fill or remove every placeholder before signing.');
    expect(value).toContain('*Source:* Drafting practice');

    const symbols = await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['Independent Medical Examination']);
    const children = symbols[0].children!.map((s) => [s.name, s.detail]);
    expect(children).toContainEqual(['Records Reviewed', 'records']);
    expect(children).toContainEqual(['Questions Posed', 'referral']);
    expect(children).toContainEqual(['Disclosure', 'attestation']);
  });

  it('completes section headings after "#", missing kinds first', async () => {
    const session = await start({ pull: true });
    const text = `${INCOMPLETE}\n## `;
    const uri = session.open('report.md', text);
    const lastLine = text.split('\n').length - 1;
    const items = await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: { line: lastLine, character: 3 },
    }) as CompletionItem[];
    const ordered = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    expect(ordered.slice(0, 3)).toEqual(['Identifying Information', 'Reason for Referral', 'Past Medical History']);
    expect(ordered.indexOf('Physical Examination')).toBeLessThan(ordered.indexOf('Diagnoses'));
    expect(ordered.indexOf('Causation')).toBeLessThan(ordered.indexOf('History of Present Illness'));
  });

  it('applies the nearest .imelintrc.json and reports the problems of an invalid one', async () => {
    const session = await start({ pull: true, files: { '.imelintrc.json': '{ "rules": { "placeholder-left": "off" } }' } });
    const uri = session.open('lumbar.md', EXAMPLE);
    expect((await session.pull(uri)).map((d) => d.code)).not.toContain('placeholder-left');

    const configUri = pathToFileURL(join(session.folder, '.imelintrc.json')).href;
    void session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'jsonc', version: 1, text: '{ "rules": { "placeholder-left": "of" } }' } });
    const problems = await session.pull(configUri);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toContain('Invalid ime-lint config');
    // The invalid open config is replaced by the defaults.
    expect((await session.pull(uri)).map((d) => d.code)).toContain('placeholder-left');
  });

  it('ignores workspace config files when the workspace is not trusted', async () => {
    const session = await start({
      pull: true,
      initializationOptions: { workspaceTrusted: false },
      files: { '.imelintrc.json': '{ "rules": { "placeholder-left": "off" } }' },
    });
    const uri = session.open('lumbar.md', EXAMPLE);
    expect((await session.pull(uri)).map((d) => d.code)).toContain('placeholder-left');
  });

  it('reads imeLint.* settings and lints again when they change', async () => {
    let settings: Record<string, unknown> = { include: ['cases/**/*.md'] };
    const session = await start({ pull: true, settings: () => settings });
    const included = session.open('cases/weekly-notes.md', NOTE);
    const elsewhere = session.open('weekly-notes.md', NOTE);
    expect((await session.pull(included)).map((d) => d.code)).toContain('placeholder-left');
    expect(await session.pull(elsewhere)).toEqual([]);

    settings = { ...settings, enable: false };
    void session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await session.pull(included)).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')("runs V8's compiler and collector threads below the thread that answers once a report is read", async () => {
    const session = await start({ pull: true });
    const { pid } = session.process;
    // A thread's nice value is the 19th field of its stat line (the 17th after the parenthesised name).
    const niceness = (thread: string) => {
      const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const others = () => readdirSync(`/proc/${pid}/task`).filter((t) => t !== String(pid)).map(niceness);
    const main = niceness(String(pid));
    const lower = Math.min(19, main + BACKGROUND_NICENESS_STEP);
    // While the first report is read, the compiler has the main thread's priority.
    expect(others().every((n) => n === main)).toBe(true);
    await session.pull(session.open('lumbar.md', EXAMPLE));
    const lowered = await until(() => (others().some((n) => n === lower) ? others() : undefined), 'lowered threads');
    expect(niceness(String(pid))).toBe(main);
    expect(lowered.length).toBeGreaterThan(0);
    expect(lowered).toEqual(lowered.map(() => lower));
  });

  it('shuts down and exits cleanly', async () => {
    const session = await start({ pull: true });
    const exited = new Promise<number | null>((r) => session.process.on('exit', (code) => r(code)));
    await session.connection.sendRequest('shutdown');
    void session.connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('ime-lint-server over stdio, push diagnostics', () => {
  it('publishes diagnostics for the latest version only', async () => {
    const session = await start({ pull: false });
    const uri = session.open('lumbar.md', EXAMPLE);
    const first = await until(() => session.published.find((p) => p.uri === uri), 'publishDiagnostics');
    expect(first.version).toBe(1);
    expect(first.diagnostics.map((d) => ({ code: d.code, range: d.range }))).toEqual(engineDiagnostics(EXAMPLE, join(session.folder, 'lumbar.md')));

    const fixed = EXAMPLE.replace('TBD', 'six');
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${EXAMPLE}\nTODO\n` }] });
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
    const last = await until(() => session.published.find((p) => p.uri === uri && p.version === 3), 'the version 3 diagnostics');
    expect(session.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual([1, 3]);
    expect(last.diagnostics.map((d) => d.code)).not.toContain('placeholder-left');
  });

  it('publishes an empty list for an ordinary note', async () => {
    const session = await start({ pull: false });
    const uri = session.open('weekly-notes.md', NOTE);
    const published = await until(() => session.published.find((p) => p.uri === uri), 'publishDiagnostics');
    expect(published.diagnostics).toEqual([]);
  });

  it('lints every report in the workspace on request', async () => {
    const session = await start({ pull: false, files: { 'lumbar.md': EXAMPLE, 'weekly-notes.md': NOTE } });
    const summary = await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imeLint.server.lintWorkspace', arguments: [] });
    expect(summary).toEqual({ files: 2, reports: 1, problems: engineDiagnostics(EXAMPLE, join(session.folder, 'lumbar.md')).length });
    expect(session.published.map((p) => p.uri)).toEqual([pathToFileURL(join(session.folder, 'lumbar.md')).href]);
  });
});
