import picomatch from 'picomatch';
import type { ReportModel } from './model.js';

const REPORT_TITLE =
  /\b(independent medical (?:examination|evaluation)|qualified medical (?:examination|evaluation)|agreed medical (?:examination|evaluation)|medical[- ]legal (?:examination|evaluation|report)|ime report|qme report|ame report|rule 35 (?:examination|report)|panel qme)\b/i;

export interface DetectOptions {
  /** Path of the file relative to the folder the globs are written against (config folder or workspace). */
  relativePath?: string;
  include?: readonly string[];
  exclude?: readonly string[];
}

/** INTERFACES.md "Which files are reports". */
export function isReport(model: ReportModel, filePath: string | undefined, options: DetectOptions = {}): boolean {
  const flag = model.frontMatter?.data.report;
  if (flag === false || (typeof flag === 'string' && /^(false|no|off)$/i.test(flag.trim()))) return false;
  const rel = options.relativePath?.replace(/\\/g, '/');
  if (rel && options.exclude?.length && picomatch(options.exclude as string[], { dot: true })(rel)) return false;
  if (flag !== undefined && flag !== null && flag !== '') return true;
  if (filePath && /\.ime\.md$/i.test(filePath)) return true;
  if (model.title && REPORT_TITLE.test(model.title.text)) return true;
  if (rel && options.include?.length && picomatch(options.include as string[], { dot: true })(rel)) return true;
  return false;
}
