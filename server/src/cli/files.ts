import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';

export class UsageError extends Error {}

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

/** Files named on the command line: files as given, folders searched for Markdown, globs expanded. */
export async function expandTargets(targets: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const target of targets) {
    const path = resolve(cwd, target);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) {
        for (const f of await glob(['**/*.{md,markdown,mdown,mkd}'], { cwd: path, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] })) files.add(f);
      } else {
        files.add(path);
      }
      continue;
    }
    if (/[*?[\]{}]/.test(target)) {
      const matches = (await glob([target], { cwd, absolute: true, ignore: ['**/node_modules/**'] })).filter((f) => MARKDOWN.test(f));
      if (!matches.length) throw new UsageError(`${target}: no Markdown files match this pattern`);
      for (const f of matches) files.add(f);
      continue;
    }
    throw new UsageError(`${target}: no such file or directory`);
  }
  return [...files].sort();
}
