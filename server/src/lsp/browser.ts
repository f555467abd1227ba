import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser.js';
import type { HostFactory } from './host.js';
import { startServer } from './server.js';

// The web extension's server (vscode.dev, github.dev), bundled to dist/server-browser.js and
// run by client/src/browser.ts in a web worker. The same engine lints; only file access differs.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

/**
 * No file system: config files and `imeLint.include` globs are not read, and "lint workspace"
 * finds nothing. Reports are recognised by front matter, an `.ime.md` name or their title.
 */
const browserHost: HostFactory = () => ({
  pathOf: () => undefined,
  isConfigFile: () => false,
  lintOptionsFor: (uri, settings) => ({ options: { filePath: pathOfUri(uri), defaultProfile: settings.profile || undefined }, config: null }),
  markdownFiles: async () => [],
  readFile: async (path) => {
    throw new Error(`no file system in the browser: ${path}`);
  },
  uriOf: (path) => path,
});

/** The URI's path, for `.ime.md` name detection. */
function pathOfUri(uri: string): string | undefined {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)), { host: browserHost });
