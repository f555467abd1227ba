// ime-lint in a real VS Code: the extension starts the server for the fixture reports, and each
// test checks what a user sees: diagnostics, quick fixes, a snippet, hover and the outline.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

const ORIGINAL = readFileSync(process.env.IME_LINT_ORIGINAL!, 'utf8');
const SECTION_RULES = ['section-missing', 'records-section-missing', 'causation-missing'];

/** Writes `text` into the workspace as `name` and shows it in an editor. */
async function openReport(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function ruleId(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** ime-lint's diagnostics on `uri`, once `accept` takes them. */
function diagnostics(uri: vscode.Uri, what: string, accept: (found: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return until(what, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ime-lint');
    return accept(found) ? found : undefined;
  });
}

const hasRule = (rule: string) => (found: vscode.Diagnostic[]) => found.some((d) => ruleId(d) === rule);

function withoutSection(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}\n`);
  const end = text.indexOf('\n## ', start + 1);
  assert.ok(start >= 0 && end > start, `the fixture has a "${heading}" section`);
  return text.slice(0, start) + text.slice(end + 1);
}

/** Every line of `before` is still in `after`, in its order. */
function assertNothingLost(before: string, after: string): void {
  const written = after.replace(/\r\n/g, '\n').split('\n');
  let next = 0;
  before.split('\n').forEach((line, number) => {
    while (next < written.length && written[next] !== line) next += 1;
    assert.ok(next < written.length, `line ${number + 1} of the original is still there`);
    next += 1;
  });
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

suite('ime-lint in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension('ime-lint.ime-lint');
    assert.ok(extension, 'the extension under development is loaded');
    await extension.activate();
  });

  test('lints a report: rule ids, ranges and messages', async () => {
    const editor = await openReport('lint.md', ORIGINAL);
    const found = await diagnostics(editor.document.uri, 'the report\'s diagnostics', hasRule('causation-speculative'));
    const ids = found.map(ruleId);
    for (const rule of ['section-missing', 'placeholder-left', 'causation-speculative']) assert.ok(ids.includes(rule), `${rule} in ${ids.join(', ')}`);
    const speculative = found.find((d) => ruleId(d) === 'causation-speculative')!;
    assert.ok(speculative.range.isEqual(new vscode.Range(63, 18, 63, 26)), `causation-speculative at ${JSON.stringify(speculative.range)}`);
    assert.equal(editor.document.getText(speculative.range), 'may have');
    const placeholder = found.find((d) => ruleId(d) === 'placeholder-left')!;
    assert.equal(placeholder.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(placeholder.message, /"TBD"/);
    assert.equal(editor.document.getText(placeholder.range), 'TBD');
  });

  test('applies the "Insert a Diagnoses section" quick fix and keeps every line', async () => {
    const editor = await openReport('quick-fix.md', ORIGINAL);
    const { uri } = editor.document;
    const missing = (await diagnostics(uri, 'section-missing', hasRule('section-missing'))).find((d) => ruleId(d) === 'section-missing')!;
    assert.match(missing.message, /no Diagnoses section/);
    const actions = await quickFixes(uri, missing.range);
    const fix = actions.find((a) => a.title === 'Insert a Diagnoses section');
    assert.ok(fix?.edit, `"Insert a Diagnoses section" among ${actions.map((a) => a.title).join('; ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await editor.document.save());
    const saved = readFileSync(uri.fsPath, 'utf8');
    assert.match(saved, /\n## Diagnoses\n\n1\. /);
    assertNothingLost(ORIGINAL, saved);
    await diagnostics(uri, 'diagnostics without section-missing', (found) => found.length > 0 && !hasRule('section-missing')(found));
  });

  test('"Insert all missing sections" inserts every missing section and keeps every line', async () => {
    const incomplete = withoutSection(withoutSection(ORIGINAL, 'Physical Examination'), 'Causation');
    const editor = await openReport('insert-all.md', incomplete);
    const { uri } = editor.document;
    const found = await diagnostics(uri, 'causation-missing', hasRule('causation-missing'));
    const missing = found.find((d) => ruleId(d) === 'section-missing')!;
    const insertAll = (await quickFixes(uri, missing.range)).find((a) => a.title === 'Insert all missing sections');
    assert.ok(insertAll?.edit, '"Insert all missing sections" is offered');
    assert.ok(await vscode.workspace.applyEdit(insertAll.edit));
    const text = editor.document.getText();
    for (const heading of ['## Physical Examination', '## Diagnoses', '## Causation']) assert.ok(text.includes(`\n${heading}\n`), heading);
    assertNothingLost(incomplete, text);
    await diagnostics(uri, 'no missing-section diagnostics', (after) => after.length > 0 && !after.some((d) => SECTION_RULES.includes(ruleId(d))));
  });

  test('the "IME: Insert missing sections" command edits the active report', async () => {
    const incomplete = withoutSection(ORIGINAL, 'Physical Examination');
    const editor = await openReport('command.md', incomplete);
    await diagnostics(editor.document.uri, 'section-missing', hasRule('section-missing'));
    await vscode.commands.executeCommand('imeLint.insertMissingSections');
    const text = await until('the inserted sections', () => {
      const now = editor.document.getText();
      return now.includes('\n## Physical Examination\n') && now.includes('\n## Diagnoses\n') ? now : undefined;
    });
    assertNothingLost(incomplete, text);
  });

  test('expands the "IME section: Diagnoses" snippet', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'IME section: Diagnoses' });
    assert.equal(document.getText().replace(/\r\n/g, '\n'), '## Diagnoses\n\n1. diagnosis\n');
  });

  test('explains a diagnostic on hover', async () => {
    const editor = await openReport('hover.md', ORIGINAL);
    const { uri } = editor.document;
    const placeholder = (await diagnostics(uri, 'placeholder-left', hasRule('placeholder-left'))).find((d) => ruleId(d) === 'placeholder-left')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, placeholder.range.start.translate(0, 1));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.ok(text.includes('**placeholder-left**'), 'the hover names the rule');
    assert.ok(text.includes('*Source:* Drafting practice'), 'the hover gives the rule\'s source');
  });

  test('outlines the report\'s sections with their kinds', async () => {
    const editor = await openReport('outline.md', ORIGINAL);
    await diagnostics(editor.document.uri, 'diagnostics', (found) => found.length > 0);
    // VS Code's own Markdown outline is merged in: look for ime-lint's, which names each section's kind.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const children = symbols.filter((s) => s.name === 'Independent Medical Examination').flatMap((s) => (s.children ?? []).map((c) => [c.name, c.detail]));
    for (const expected of [['Records Reviewed', 'records'], ['Questions Posed', 'referral'], ['Disclosure', 'attestation']]) {
      assert.ok(children.some(([name, detail]) => name === expected[0] && detail === expected[1]), `${expected[0]} (${expected[1]}) in the outline`);
    }
  });
});
