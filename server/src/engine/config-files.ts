import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { CONFIG_FILE_NAME, type ImeLintConfig, parseConfig, type ConfigProblem } from './config.js';

export interface LoadedConfig {
  config: ImeLintConfig;
  /** The file the config came from, or null when none was found. */
  path: string | null;
  problems: ConfigProblem[];
}

/** The nearest `.imelintrc.json` at or above the report's folder, not above `root` when given. */
export function findConfigFile(reportPath: string, root?: string): string | null {
  let dir = dirname(resolve(reportPath));
  const stop = root ? resolve(root) : parsePath(dir).root;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === stop || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

export function loadConfigFile(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { config: {}, path, problems: [{ message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, offset: 0, length: 0 }] };
  }
  return { path, ...parseConfig(text) };
}
