import { describe, expect, it } from 'vitest';
import { start, until, useServerBuild } from '../helpers/lsp.js';

useServerBuild();

const REPORT = `# Independent Medical Examination

## History of Present Illness

He lifted a keg on 03/12/2024.

## Causation

Within a reasonable degree of medical probability, the strain was caused by the lift, because the note documents spasm.
`;
const HISTORY_LINE = 4;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replaces the whole text as version `version`. */
function change(session: Awaited<ReturnType<typeof start>>, uri: string, version: number, text: string): void {
  void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

const placeholderIn = (session: Awaited<ReturnType<typeof start>>, version: number) =>
  session.published.find((p) => p.version === version)?.diagnostics.filter((d) => d.code === 'placeholder-left');

describe('imeLint.run and focus mode over LSP', () => {
  it('with run onSave, an edit shows its findings only once saved', async () => {
    const session = await start({ pull: false, settings: () => ({ run: 'onSave', focusMode: false }) });
    const uri = session.open('r.md', REPORT);
    await until(() => session.published.find((p) => p.version === 1), 'diagnostics on open');
    change(session, uri, 2, REPORT.replace('on 03/12/2024.', 'on 03/12/2024. TODO: side.'));
    await pause(600);
    expect(session.published.find((p) => p.version === 2)).toBeUndefined();
    void session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await until(() => placeholderIn(session, 2), 'diagnostics after save');
    expect(saved).toHaveLength(1);
  });

  it('holds back findings in the paragraph being typed until the cursor leaves it', async () => {
    const session = await start({ pull: false, settings: () => ({}) });
    const uri = session.open('r.md', REPORT);
    await until(() => session.published.find((p) => p.version === 1), 'diagnostics on open');
    const cursor = (line: number, character: number) => session.connection.sendNotification('imeLint/cursor', { uri, position: { line, character } });
    await cursor(HISTORY_LINE, 30);
    const typed = REPORT.replace('on 03/12/2024.', 'on 03/12/2024. TODO');
    change(session, uri, 2, typed);
    await cursor(HISTORY_LINE, 35);
    expect(await until(() => placeholderIn(session, 2), 'diagnostics while typing')).toEqual([]);
    const before = session.published.length;
    await cursor(HISTORY_LINE + 4, 0); // into the Causation paragraph
    const released = await until(() => session.published.slice(before).find((p) => p.version === 2), 'diagnostics after leaving');
    expect(released.diagnostics.filter((d) => d.code === 'placeholder-left').map((d) => d.range.start)).toEqual([{ line: HISTORY_LINE, character: 31 }]);
  });
});
