import { Ajv } from 'ajv';
import picomatch from 'picomatch';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import schema from '../../../schemas/imelintrc.schema.json' with { type: 'json' };
import type { SeveritySetting } from '../rules/types.js';

export interface ImeLintConfig {
  profile?: string;
  rules?: Record<string, SeveritySetting>;
  sections?: Record<string, string[]>;
  treating?: string[];
  include?: string[];
  exclude?: string[];
  overrides?: ConfigOverride[];
}

/** Settings for some reports only, chosen by glob (relative to the config file). */
export interface ConfigOverride {
  files: string[];
  profile?: string;
  rules?: Record<string, SeveritySetting>;
}

export const CONFIG_FILE_NAME = '.imelintrc.json';

export interface ConfigProblem {
  message: string;
  /** Offset of the problem in the config text, when known. */
  offset: number;
  length: number;
}

export interface ParsedConfig {
  config: ImeLintConfig;
  /** Empty when the config is valid; otherwise linting goes on with defaults. */
  problems: ConfigProblem[];
}

const validate = new Ajv({ allErrors: true }).compile(schema);

/** Reads `.imelintrc.json` text (JSON with comments) and checks it against the shipped schema. */
export function parseConfig(text: string): ParsedConfig {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) {
    return {
      config: {},
      problems: errors.map((e) => ({ message: `invalid JSON: ${printParseErrorCode(e.error)}`, offset: e.offset, length: e.length })),
    };
  }
  if (!validate(value)) {
    return {
      config: {},
      problems: (validate.errors ?? []).map((e) => ({
        message: `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as string[]).join(', ')}` : ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
        offset: 0,
        length: 0,
      })),
    };
  }
  return { config: value as ImeLintConfig, problems: [] };
}

/** The config as it applies to one report: every matching override laid over the base, in order. */
export function configFor(config: ImeLintConfig, relativePath: string | undefined): ImeLintConfig {
  if (!config.overrides?.length || relativePath === undefined) return config;
  const path = relativePath.replace(/\\/g, '/');
  let merged: ImeLintConfig = config;
  for (const override of config.overrides) {
    if (!picomatch(override.files, { dot: true })(path)) continue;
    merged = {
      ...merged,
      ...(override.profile ? { profile: override.profile } : {}),
      rules: { ...merged.rules, ...override.rules },
    };
  }
  return merged;
}
