/** The `imeLint.*` settings the server reads (package.json `contributes.configuration` documents them). */
export interface Settings {
  enable: boolean;
  /** Profile used when neither front matter nor a config file names one; empty for the default. */
  profile: string;
  /** Extra globs of Markdown files to lint as reports, relative to the workspace folder. */
  include: string[];
  /** Lint as the author types, or only when the document is saved. */
  run: 'onType' | 'onSave';
  /** Hold back findings in the paragraph being typed until the cursor leaves it. */
  focusMode: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, profile: '', include: [], run: 'onType', focusMode: true };

/** Settings from whatever the client sent, with defaults for anything missing or of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    profile: typeof value.profile === 'string' ? value.profile.trim() : DEFAULT_SETTINGS.profile,
    include: Array.isArray(value.include) ? value.include.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    run: value.run === 'onSave' ? 'onSave' : DEFAULT_SETTINGS.run,
    focusMode: typeof value.focusMode === 'boolean' ? value.focusMode : DEFAULT_SETTINGS.focusMode,
  };
}

/** What the client tells the server when it starts (`initializationOptions`). */
export interface InitializationOptions {
  /** False in an untrusted VS Code workspace: config files found there are then ignored. Default true. */
  workspaceTrusted?: boolean;
  /** Settings for clients that do not answer `workspace/configuration`. */
  settings?: unknown;
  /** The shipped README.md the diagnostics link to, where the server cannot find it (browser). */
  readmeUrl?: string;
}
