import * as vscode from 'vscode';

// server/src/lsp/focus.ts CURSOR_NOTIFICATION: focus mode holds back findings in the paragraph being typed.
const CURSOR_NOTIFICATION = 'imeLint/cursor';

/** Tells the server where the cursor is in Markdown documents, for focus mode. */
export function forwardCursor(send: (method: string, params: unknown) => void): vscode.Disposable {
  return vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
    if (textEditor.document.languageId !== 'markdown' || !selections.length) return;
    const { line, character } = selections[0].active;
    send(CURSOR_NOTIFICATION, { uri: textEditor.document.uri.toString(), position: { line, character } });
  });
}
