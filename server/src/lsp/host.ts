import type { Settings } from './settings.js';
import type { DocumentLintOptions } from './workspace.js';

/**
 * What the server needs from the platform it runs on. Node's host reads config files and lists
 * the workspace's reports on disk; a browser worker (vscode.dev, github.dev) has no file
 * system, so there config files, include globs and "lint workspace" are not available.
 */
export interface ServerHost {
  /** The file system path of a URI; undefined where there is none (untitled, virtual, browser). */
  pathOf(uri: string): string | undefined;
  isConfigFile(uri: string): boolean;
  /** How to lint the document at `uri`: its config file (none when untrusted) and the settings. */
  lintOptionsFor(uri: string, settings: Settings, folders: readonly string[], trusted: boolean): DocumentLintOptions;
  /** The Markdown files in a workspace folder, as paths. */
  markdownFiles(folder: string): Promise<string[]>;
  readFile(path: string): Promise<string>;
  uriOf(path: string): string;
}

/** Makes the host; `openText` gives an open document's unsaved text by path, so unsaved config edits apply. */
export type HostFactory = (openText: (path: string) => string | undefined) => ServerHost;
