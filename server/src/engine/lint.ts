import { RULES } from '../rules/index.js';
import type { Finding, Fix, Rule, RuleMeta, Severity, SeveritySetting } from '../rules/types.js';
import { configFor, type ImeLintConfig } from './config.js';
import { isReport } from './detect.js';
import { leftOpen } from './chunks.js';
import type { TextLike } from './edited-text.js';
import { applyFixes } from './fixes.js';
import { buildModel, type ModelOptions, type ReportModel, spanOf } from './model.js';
import { DEFAULT_PROFILE, PROFILES, type Profile } from './profiles.js';
import { Suppressions, SUPPRESSIONS_KEY, type SuppressionsInUse } from './suppress.js';
import type { Span } from './text.js';

export interface LintOptions {
  /** The report's path (for `.ime.md` detection and glob matching). */
  filePath?: string;
  /** The path relative to the folder the config's globs are written against. */
  relativePath?: string;
  config?: ImeLintConfig;
  /** Profile named on the command line: wins over front matter and config. */
  profileOverride?: string;
  /** Profile from editor settings: used when neither front matter nor config names one. */
  defaultProfile?: string;
  /** Extra include globs from editor settings. */
  include?: readonly string[];
}

/**
 * A finding as `lint` returns it. Its `fix` may be worked out when first read (`Finding.lazyFix`):
 * from an `IncrementalLinter`, read it before that linter's next lint, which moves the model
 * the fix is read from (reading it later throws).
 */
export interface Diagnostic extends Omit<Finding, 'lazyFix'> {
  severity: Severity;
  rule: RuleMeta;
}

export interface LintResult {
  isReport: boolean;
  profile: Profile;
  /** Set when a profile was asked for by name and no such profile exists. */
  unknownProfile?: string;
  model: ReportModel;
  diagnostics: Diagnostic[];
}

/** The rules in the order lint() checks them. */
const CHECK_ORDER: readonly Rule[] = [...RULES.filter((r) => !r.runsLast), ...RULES.filter((r) => r.runsLast)];
const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

export function chooseProfile(model: ReportModel, options: LintOptions): { profile: Profile; unknown?: string } {
  const fromFrontMatter = model.frontMatter?.data.profile;
  const wanted = options.profileOverride
    ?? (typeof fromFrontMatter === 'string' ? fromFrontMatter.trim() : undefined)
    ?? options.config?.profile
    ?? options.defaultProfile
    ?? DEFAULT_PROFILE;
  // Own keys only: a front matter `profile: toString` must not reach Object.prototype.
  const profile = Object.hasOwn(PROFILES, wanted) ? PROFILES[wanted] : undefined;
  return profile ? { profile } : { profile: PROFILES[DEFAULT_PROFILE], unknown: wanted };
}

export function severityOf(rule: Rule, profile: Profile, config: ImeLintConfig): SeveritySetting {
  return config.rules?.[rule.meta.id] ?? profile.severities[rule.meta.id] ?? rule.meta.severity;
}

/** text -> model -> rules -> diagnostics. Never throws on any input text. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  let model: ReportModel | undefined;
  return lintWith(text, options, (t, modelOptions) => (model ??= buildModel(t, modelOptions)));
}

/**
 * How the engine reads a text into a model: `buildModel`, or a cheaper reading that gives
 * the same model. `detectOnly` asks for just enough of the model to tell whether the text
 * is a report (front matter and title); the full model is asked for when it is one.
 */
export type ModelReader = (text: TextLike, options: ModelOptions, detectOnly: boolean) => ReportModel;

/** `lint` with the model read by `read` (the incremental engine passes its own reader). */
export function lintWith(text: TextLike, options: LintOptions, read: ModelReader): LintResult {
  const config = configFor(options.config ?? {}, options.relativePath);
  let model = read(text, { sections: config.sections }, true);
  const { profile, unknown } = chooseProfile(model, { ...options, config });
  const result: LintResult = { isReport: false, profile, model, diagnostics: [], ...(unknown ? { unknownProfile: unknown } : {}) };
  result.isReport = isReport(model, options.filePath, {
    relativePath: options.relativePath,
    include: [...(config.include ?? []), ...(options.include ?? [])],
    exclude: config.exclude,
  });
  if (!result.isReport) return result;
  model = result.model = read(text, { sections: config.sections }, false);

  const suppressions = new Suppressions(model);
  model.cache.set(SUPPRESSIONS_KEY, { suppressions, ruleIds: RULE_IDS } satisfies SuppressionsInUse);
  const context = { model, profile, config };
  const swallowing = openBlockAtEnd(model);
  // Text inserted into a fence or HTML block left open would read as part of it, and fix-all would insert it again and again.
  const fitting = (fix: Fix | undefined) => (fix && (!swallowing || fix.edits.every((e) => e.span.start <= swallowing.start)) ? fix : undefined);
  for (const rule of CHECK_ORDER) {
    const severity = severityOf(rule, profile, config);
    if (severity === 'off') continue;
    for (const finding of rule.check(context)) {
      if (suppressions.isSuppressed(rule.meta.id, model.lines.positionAt(finding.span.start).line)) continue;
      const { fix, lazyFix, ...rest } = withOwnSpans(finding);
      const diagnostic: Diagnostic = { ...rest, severity, rule: rule.meta };
      if (lazyFix) withLazyFix(diagnostic, model, () => fitting(lazyFix()));
      else if (fitting(fix)) diagnostic.fix = fix;
      result.diagnostics.push(diagnostic);
    }
  }
  result.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return result;
}

/**
 * The finding with spans of its own: rules hand out the model's spans, which the incremental
 * engine moves in place when it builds the next version's model.
 */
function withOwnSpans(finding: Finding): Finding {
  const { fix, lazyFix, related } = finding;
  return {
    ...finding,
    span: copySpan(finding.span),
    ...(related ? { related: related.map((r) => ({ ...r, span: copySpan(r.span) })) } : {}),
    ...(fix ? { fix: ownFix(fix) } : {}),
    ...(lazyFix ? { lazyFix: () => { const made = lazyFix(); return made && ownFix(made); } } : {}),
  };
}

function copySpan(span: Span): Span {
  return { start: span.start, end: span.end };
}

function ownFix(fix: Fix): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ ...e, span: copySpan(e.span) })), ...(fix.snippet ? { snippet: { ...fix.snippet, span: copySpan(fix.snippet.span) } } : {}) };
}

/**
 * Whether an `IncrementalLinter` has read past a model: the models share blocks whose spans then
 * belong to a later version. Kept in the model's cache; the linter keeps this, not the model.
 */
export interface Reading {
  superseded: boolean;
}

const READING_KEY = 'reading';

/** Starts the reading of `model`: once superseded, a lazy fix not yet read from it throws rather than read moved spans. */
export function startReading(model: ReportModel): Reading {
  const reading: Reading = { superseded: false };
  model.cache.set(READING_KEY, reading);
  return reading;
}

/** What a diagnostic's lazy fix is worked out from, and the fix once it has been. */
interface LazyFix {
  model: ReportModel;
  make: () => Fix | undefined;
  made?: { fix: Fix | undefined };
}

const lazyFixes = new WeakMap<Diagnostic, LazyFix>();

/** One getter for every lazy fix: diagnostics given the same accessor keep sharing one V8 shape. */
const LAZY_FIX: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Diagnostic): Fix | undefined {
    const lazy = lazyFixes.get(this)!;
    if (!lazy.made) {
      if ((lazy.model.cache.get(READING_KEY) as Reading | undefined)?.superseded) {
        throw new Error(`ime-lint: the fix of a ${this.ruleId} finding was read after the document was linted again`);
      }
      lazy.made = { fix: lazy.make() };
    }
    return lazy.made.fix;
  },
};

/** Gives `diagnostic` a `fix` worked out by `make` when first read, and kept. */
function withLazyFix(diagnostic: Diagnostic, model: ReportModel, make: () => Fix | undefined): void {
  lazyFixes.set(diagnostic, { model, make });
  Object.defineProperty(diagnostic, 'fix', LAZY_FIX);
}

/**
 * The fenced code or HTML block left open at the end of the report, if there is one: whatever
 * is inserted after its start is read into it. (One left open inside a list item or quote ends
 * with its container, which a new block after a blank line closes.)
 */
function openBlockAtEnd(model: ReportModel): Span | null {
  const last = model.root.children.at(-1);
  if (!last) return null;
  const span = spanOf(last);
  return leftOpen(last, model.source.slice(span.start, span.end)) ? span : null;
}

export interface FixAllResult {
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: string[];
  result: LintResult;
}

const MAX_FIX_PASSES = 10;

/** Applies every safe fix, re-linting between passes, until nothing more applies. */
export function fixAll(text: string, options: LintOptions = {}): FixAllResult {
  const applied: string[] = [];
  let current = text;
  let result = lint(current, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = result.diagnostics.map((d) => d.fix).filter((f): f is Fix => !!f && f.safe);
    if (!fixes.length) break;
    const next = applyFixes(current, fixes);
    if (next.text === current) break;
    applied.push(...next.applied.map((f) => f.title));
    current = next.text;
    result = lint(current, options);
  }
  return { text: current, applied, result };
}
