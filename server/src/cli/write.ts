import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` over `path` without ever leaving a half-written report: a temporary file
 * beside it, the original's mode, then an atomic rename. Refuses when the file changed
 * since `original` was read.
 */
export function writeAtomically(path: string, original: string, text: string): void {
  const current = readFileSync(path, 'utf8');
  if (current !== original) throw new Error(`${path}: the file changed while it was being linted; not written`);
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.ime-lint-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
}
