import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../engine/config-files.js';
import { fixAll, lint, type LintOptions } from '../engine/lint.js';
import { PROFILES } from '../engine/profiles.js';
import { expandTargets, UsageError } from './files.js';
import { LineIndex } from '../engine/text.js';
import { LintCache } from './cache.js';
import { type FileResult, formatCheckstyle, formatGithub, formatJson, formatJunit, formatSarif, formatStylish } from './formatters.js';
import { writeAtomically } from './write.js';

declare const IME_LINT_VERSION: string;
const VERSION = typeof IME_LINT_VERSION === 'string' ? IME_LINT_VERSION : '0.0.0-dev';

export interface CliIo {
  argv: string[];
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  color: boolean;
}

const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'checkstyle'] as const;

interface CliOptions {
  format: (typeof FORMATS)[number];
  outputFile?: string;
  cache?: boolean;
  cacheLocation: string;
  profile?: string;
  config?: string;
  fix?: boolean;
  maxWarnings?: number;
  stdin?: boolean;
  stdinFilename?: string;
  quiet?: boolean;
}

/** Runs the linter as `ime-lint` would and returns the exit status (INTERFACES.md "Command line"). */
export async function runCli(io: CliIo): Promise<number> {
  const program = new Command('ime-lint')
    .description('Lint Independent Medical Examination reports written in Markdown.')
    .version(VERSION)
    .argument('[targets...]', 'files, folders or globs')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--output-file <file>', 'write the report to a file instead of standard output')
    .option('--cache', 'only lint reports whose content or config changed since the last run')
    .option('--cache-location <file>', 'where --cache keeps its results', '.imelintcache')
    .option('--profile <name>', `override the profile (${Object.keys(PROFILES).join(', ')})`)
    .option('--config <file>', 'use this config instead of discovery')
    .option('--fix', 'apply safe fixes in place')
    .option('--max-warnings <n>', 'exit 1 when warnings exceed N', parseCount)
    .option('--stdin', 'lint standard input')
    .option('--stdin-filename <file>', 'the name to give standard input')
    .option('--quiet', 'report errors only')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    program.parse(io.argv, { from: 'user' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    return 2; // commander already printed the problem
  }
  const opts = program.opts<CliOptions>();
  const targets = program.args;

  try {
    if (opts.profile && !Object.hasOwn(PROFILES, opts.profile)) throw new UsageError(`--profile ${opts.profile}: unknown profile (${Object.keys(PROFILES).join(', ')})`);
    if (!opts.stdin && !targets.length) throw new UsageError('no files given (try: ime-lint report.md, or --stdin)');
    const explicitConfig = opts.config ? readConfigOrThrow(resolve(io.cwd, opts.config)) : null;
    const results: FileResult[] = [];
    const cache = opts.cache && !opts.fix ? new LintCache(resolve(io.cwd, opts.cacheLocation), VERSION) : null;

    const lintOne = (filePath: string, text: string, onDisk: boolean): void => {
      const loaded = explicitConfig ?? discoverConfig(filePath);
      const options: LintOptions = {
        filePath,
        relativePath: relative(loaded.path ? dirname(loaded.path) : io.cwd, filePath),
        config: loaded.config,
        profileOverride: opts.profile,
      };
      const key = cache ? LintCache.key(text, options) : '';
      const cached = cache?.get(filePath, key);
      if (cached) {
        if (cached.isReport) results.push(keepWanted({ filePath, diagnostics: cached.diagnostics, lines: new LineIndex(text) }, opts));
        return;
      }
      let outcome = lint(text, options);
      cache?.set(filePath, key, outcome.isReport, outcome.diagnostics);
      if (!outcome.isReport) return;
      if (opts.fix) {
        const fixed = fixAll(text, options);
        if (fixed.text !== text) {
          if (onDisk) {
            writeAtomically(filePath, text, fixed.text);
            io.stderr(`${relative(io.cwd, filePath) || filePath}: fixed ${fixed.applied.length} problem${fixed.applied.length === 1 ? '' : 's'} (${fixed.applied.join('; ')})\n`);
          } else {
            io.stdout(fixed.text);
          }
        }
        outcome = fixed.result;
      }
      results.push(keepWanted({ filePath, diagnostics: outcome.diagnostics, lines: outcome.model.lines }, opts));
    };

    if (opts.stdin) {
      const name = resolve(io.cwd, opts.stdinFilename ?? '<stdin>');
      lintOne(name, await io.readStdin(), false);
    } else {
      for (const file of await expandTargets(targets, io.cwd)) {
        lintOne(file, readReport(file), true);
      }
    }

    cache?.save();
    if (!(opts.fix && opts.stdin)) {
      const output = render(opts.format, results, io);
      if (opts.outputFile) writeFileSync(resolve(io.cwd, opts.outputFile), output);
      else io.stdout(output);
    }
    const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity !== 'error').length, 0);
    if (errors > 0) return 1;
    if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
      io.stderr(`ime-lint found too many warnings (${warnings}, maximum ${opts.maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    io.stderr(`ime-lint: ${(e as Error).message}\n`);
    return 2;
  }
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return n;
}

function keepWanted(result: FileResult, opts: CliOptions): FileResult {
  return opts.quiet ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') } : result;
}

function render(format: CliOptions['format'], results: FileResult[], io: CliIo): string {
  switch (format) {
    case 'junit':
      return formatJunit(results);
    case 'checkstyle':
      return formatCheckstyle(results);
    case 'github':
      return formatGithub(results, (p) => relative(io.cwd, p));
    case 'json':
      return `${formatJson(results)}\n`;
    case 'sarif':
      return `${formatSarif(results, VERSION, (p) => pathToFileURL(p).href)}\n`;
    default:
      return formatStylish(results, io.color);
  }
}

function readReport(path: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read the file (${code === 'EISDIR' ? 'it is a folder' : code ?? (e as Error).message})`);
  }
  return buffer.toString('utf8');
}

const configCache = new Map<string, LoadedConfig>();

function discoverConfig(filePath: string): LoadedConfig {
  const path = findConfigFile(filePath);
  if (!path) return { config: {}, path: null, problems: [] };
  return readConfigOrThrow(path);
}

/** The CLI stops on an invalid config (exit 2) so CI never passes on a config it ignored. */
function readConfigOrThrow(path: string): LoadedConfig {
  let loaded = configCache.get(path);
  if (!loaded) {
    loaded = loadConfigFile(path);
    configCache.set(path, loaded);
  }
  if (loaded.problems.length) throw new UsageError(`${path}: invalid config: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded;
}
