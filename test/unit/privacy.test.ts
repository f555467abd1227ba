import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, start, until, useServerBuild } from '../helpers/lsp.js';
import { report } from '../helpers/report.js';

useServerBuild();

const BUNDLES = ['dist/cli.cjs', 'dist/server.cjs', 'dist/client.cjs'];
// Modules and APIs that reach another machine. `net` is allowed: LSP's pipe and socket
// transports talk to the editor on this machine.
const NETWORK = /require\("(?:node:)?(?:http|https|http2|tls|dgram|dns)"\)|\bfetch\(|XMLHttpRequest|new WebSocket\(|navigator\.sendBeacon/;

describe('privacy: nothing leaves the machine', () => {
  it.each(BUNDLES)('%s makes no network calls', (bundle) => {
    const code = readFileSync(join(ROOT, bundle), 'utf8');
    expect(code.match(NETWORK)?.[0] ?? null).toBeNull();
  });

  it('the server writes no report text to its logs, even on bad input', async () => {
    const marker = 'Zebulon Quatermass-Ortolan';
    const session = await start({ pull: true, stderr: true, files: { '.imelintrc.json': '{ "rules": { "x": ' } });
    const logged: string[] = [];
    session.connection.onNotification('window/logMessage', (p: { message: string }) => logged.push(p.message));
    session.connection.onNotification('window/showMessage', (p: { message: string }) => logged.push(p.message));
    const text = report({
      'History of Present Illness': `${marker} lifted a keg on 03/12/2024. I disagree with Dr. ${marker.split(' ')[1]}.`,
      Causation: `The strain may have been caused by the lift, says ${marker}.`,
    }, { frontMatter: `report: IME\nexaminee: ${marker}\nnote: !Quatermass-tag unresolved\ntreating: [${marker}` });
    const uri = session.open('case.md', text);
    const items = await session.pull(uri);
    expect(items.length).toBeGreaterThan(0);
    // Requests for unknown documents and positions past the end take the error paths.
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 0 } }).catch(() => null);
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: `${uri}x` }, position: { line: 0, character: 0 } }).catch(() => null);
    await until(() => (logged.length || session.stderr ? true : undefined), 'a log line').catch(() => undefined);
    // The invalid config is named once, as a notification the client need not answer.
    expect(logged.filter((l) => l.includes('.imelintrc.json is not a valid config'))).toHaveLength(1);
    for (const line of [...logged, session.stderr]) {
      expect(line).not.toContain('Quatermass');
      expect(line).not.toContain('keg');
    }
  });
});
