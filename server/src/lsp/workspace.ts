import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { expandTargets } from '../cli/files.js';
import { CONFIG_FILE_NAME, parseConfig } from '../engine/config.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../engine/config-files.js';
import type { LintOptions } from '../engine/lint.js';
import type { HostFactory } from './host.js';
import type { Settings } from './settings.js';

/** The file system path of a `file:` URI; undefined for untitled and other schemes. */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function isConfigFile(uri: string): boolean {
  const path = pathOf(uri);
  return !!path && basename(path) === CONFIG_FILE_NAME;
}

/** The innermost workspace folder holding `path`. */
export function folderOf(path: string, folders: readonly string[]): string | undefined {
  return folders
    .filter((folder) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * Config files as the editor sees them: an open one from its unsaved text, others from disk
 * (re-read when their modification time or size changes).
 */
export class ConfigFiles {
  private readonly fromDisk = new Map<string, { stamp: string; loaded: LoadedConfig }>();

  constructor(private readonly openText: (path: string) => string | undefined) {}

  load(path: string): LoadedConfig {
    const text = this.openText(path);
    if (text !== undefined) return { path, ...parseConfig(text) };
    let stamp = 'missing';
    try {
      const stat = statSync(path);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // loadConfigFile reports the unreadable file as a problem
    }
    const cached = this.fromDisk.get(path);
    if (cached?.stamp === stamp) return cached.loaded;
    const loaded = loadConfigFile(path);
    this.fromDisk.set(path, { stamp, loaded });
    return loaded;
  }
}

export interface DocumentLintOptions {
  options: LintOptions;
  /** The config file that applies, with its problems (linting then uses the defaults). */
  config: LoadedConfig | null;
}

/**
 * How to lint the document at `uri`: the nearest config file up to its workspace folder
 * (none in an untrusted workspace), and the editor settings.
 */
export function lintOptionsFor(uri: string, settings: Settings, folders: readonly string[], trusted: boolean, configs: ConfigFiles): DocumentLintOptions {
  const defaultProfile = settings.profile || undefined;
  const filePath = pathOf(uri);
  if (!filePath) return { options: { defaultProfile }, config: null };
  const folder = folderOf(filePath, folders);
  const configPath = trusted ? findConfigFile(filePath, folder) : null;
  const config = configPath ? configs.load(configPath) : null;
  const base = configPath ? dirname(configPath) : folder ?? dirname(filePath);
  // `imeLint.include` globs are written against the workspace folder, while the engine matches
  // its include globs against the path from the config's folder: decide the setting's match here.
  const includedBySetting = !!folder && settings.include.length > 0
    && picomatch(settings.include, { dot: true })(relative(folder, filePath).replace(/\\/g, '/'));
  return {
    options: {
      filePath,
      relativePath: relative(base, filePath),
      config: config?.config,
      defaultProfile,
      include: includedBySetting ? ['**'] : [],
    },
    config,
  };
}

/** The desktop server's host: config files and reports on disk. */
export const nodeHost: HostFactory = (openText) => {
  const configs = new ConfigFiles(openText);
  return {
    pathOf,
    isConfigFile,
    lintOptionsFor: (uri, settings, folders, trusted) => lintOptionsFor(uri, settings, folders, trusted, configs),
    markdownFiles: (folder) => expandTargets([folder], folder),
    readFile: (path) => readFile(path, 'utf8'),
    uriOf: (path) => pathToFileURL(path).href,
  };
};
