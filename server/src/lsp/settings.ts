/** The `imeLint.*` settings the server reads (package.json `contributes.configuration` documents them). */
export interface Settings {
  enable: boolean;
  /** Profile used when neither front matter nor a config file names one; empty for the default. */
  profile: string;
  /** Extra globs of Markdown files to lint as reports, relative to the workspace folder. */
  include: string[];
}

export const DEFAULT_SETTINGS: Settings = { enable: true, profile: '', include: [] };

/** Settings from whatever the client sent, with defaults for anything missing or of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    profile: typeof value.profile === 'string' ? value.profile.trim() : DEFAULT_SETTINGS.profile,
    include: Array.isArray(value.include) ? value.include.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
  };
}

/** What the client tells the server when it starts (`initializationOptions`). */
export interface InitializationOptions {
  /** False in an untrusted VS Code workspace: config files found there are then ignored. Default true. */
  workspaceTrusted?: boolean;
  /** Settings for clients that do not answer `workspace/configuration`. */
  settings?: unknown;
}
