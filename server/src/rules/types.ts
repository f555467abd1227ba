import type { ImeLintConfig } from '../engine/config.js';
import type { ReportModel } from '../engine/model.js';
import type { Profile } from '../engine/profiles.js';
import type { Span } from '../engine/text.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Replace `span` of the original text with `newText` (an insertion when the span is empty). */
export interface TextEdit {
  span: Span;
  newText: string;
  /** Orders insertions at the same offset (lower first), e.g. sections in profile order. */
  rank?: number;
}

/**
 * A fix is data: the same edits serve the editor's quick fix, `source.fixAll.imeLint`
 * and `ime-lint --fix`. Only `safe` fixes are applied without the author choosing them.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
  /** The same insertion with snippet tab stops (`${1:basis}`), for editors that expand snippets. */
  snippet?: TextEdit;
}

export interface Related {
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  span: Span;
  message: string;
  fix?: Fix;
  /**
   * The fix, worked out when the diagnostic's `fix` is first read rather than with the finding:
   * for a fix that costs as much as finding the problem (where a new records entry goes), which
   * an editor asks for only when the author opens the quick fixes.
   */
  lazyFix?: () => Fix | undefined;
  related?: Related[];
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters, in an examiner's words; shown on hover. */
  rationale: string;
  /** The rule of law or authority behind it. */
  source: string;
  fixable: boolean;
}

export interface RuleContext {
  model: ReportModel;
  profile: Profile;
  config: ImeLintConfig;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
  /** Checked after every other rule (unused-disable reads which suppressions they used). */
  runsLast?: boolean;
}

/** The sentence every rule text carries where it cites law. */
export const NOT_LEGAL_ADVICE = 'ime-lint is a drafting aid, not legal advice.';
