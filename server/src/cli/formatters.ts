import { RULES } from '../rules/index.js';
import { NOT_LEGAL_ADVICE } from '../rules/types.js';
import type { Diagnostic } from '../engine/lint.js';
import type { LineIndex } from '../engine/text.js';

export interface FileResult {
  filePath: string;
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
}

/** ESLint's JSON formatter shape (INTERFACES.md): 1-based lines and columns, 2 for errors, 1 otherwise. */
export function toEslint(file: FileResult): EslintResult {
  const messages = file.diagnostics.map((d): EslintMessage => {
    const start = file.lines.positionAt(d.span.start);
    const end = file.lines.positionAt(d.span.end);
    return {
      ruleId: d.ruleId,
      severity: d.severity === 'error' ? 2 : 1,
      message: d.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  });
  return {
    filePath: file.filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

export function formatJson(files: FileResult[]): string {
  return JSON.stringify(files.map(toEslint));
}

const SEVERITY_WORD = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

/** ESLint's "stylish" layout: a file header, then one aligned line per finding, then a total. */
export function formatStylish(files: FileResult[], color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    if (!file.diagnostics.length) continue;
    out.push('', paint(4, file.filePath));
    for (const d of file.diagnostics) {
      const p = file.lines.positionAt(d.span.start);
      if (d.severity === 'error') errors++;
      else warnings++;
      const sev = d.severity === 'error' ? paint(31, 'error  ') : paint(33, SEVERITY_WORD[d.severity].padEnd(7));
      out.push(`  ${`${p.line + 1}:${p.character + 1}`.padEnd(8)} ${sev}  ${d.message}  ${paint(2, d.ruleId)}`);
    }
  }
  const total = errors + warnings;
  if (total) {
    out.push('', paint(errors ? 31 : 33, `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`), '');
  }
  return out.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 with one run; every rule carries its rationale and legal source as help. */
export function formatSarif(files: FileResult[], toolVersion: string, toUri: (path: string) => string): string {
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.meta.rationale },
    help: { text: `${r.meta.rationale}\nSource: ${r.meta.source}\n${NOT_LEGAL_ADVICE}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
  }));
  const results = files.flatMap((file) => file.diagnostics.map((d) => {
    const start = file.lines.positionAt(d.span.start);
    const end = file.lines.positionAt(d.span.end);
    return {
      ruleId: d.ruleId,
      ruleIndex: RULES.findIndex((r) => r.meta.id === d.ruleId),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: toUri(file.filePath) },
          region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        },
      }],
    };
  }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'ime-lint', version: toolVersion, rules } }, results }],
  }, null, 2);
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
    // XML 1.0 forbids most control characters; a report pasted from elsewhere may hold some.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** JUnit XML: one test suite per report, one failing test case per finding (or one passing case). */
export function formatJunit(files: FileResult[]): string {
  const suites = files.map((file) => {
    const result = toEslint(file);
    const cases = result.messages.length
      ? result.messages.map((m) => `    <testcase classname="${xml(file.filePath)}" name="${xml(`${m.line}:${m.column} ${m.ruleId}`)}">\n      <failure type="${m.severity === 2 ? 'error' : 'warning'}" message="${xml(m.message)}">${xml(`${m.ruleId} at ${file.filePath}:${m.line}:${m.column}`)}</failure>\n    </testcase>`)
      : [`    <testcase classname="${xml(file.filePath)}" name="ime-lint"/>`];
    return `  <testsuite name="${xml(file.filePath)}" tests="${cases.length}" failures="${result.messages.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ime-lint">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Checkstyle XML, as read by Jenkins, GitLab and reviewdog. */
export function formatCheckstyle(files: FileResult[]): string {
  const body = files.map((file) => {
    const errors = toEslint(file).messages.map((m) =>
      `    <error line="${m.line}" column="${m.column}" severity="${m.severity === 2 ? 'error' : 'warning'}" message="${xml(m.message)}" source="ime-lint.${m.ruleId}"/>`);
    return `  <file name="${xml(file.filePath)}">${errors.length ? `\n${errors.join('\n')}\n  ` : ''}</file>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n${body.join('\n')}\n</checkstyle>\n`;
}

/** GitHub Actions workflow commands, which the run shows as annotations on the changed lines. */
export function formatGithub(files: FileResult[], toRelative: (path: string) => string): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return files.flatMap((file) => toEslint(file).messages.map((m) =>
    `::${m.severity === 2 ? 'error' : 'warning'} file=${escapeProperty(toRelative(file.filePath))},line=${m.line},col=${m.column},endLine=${m.endLine},endColumn=${m.endColumn},title=${escapeProperty(`ime-lint ${m.ruleId}`)}::${escapeData(m.message)}`))
    .map((line) => `${line}\n`).join('');
}
