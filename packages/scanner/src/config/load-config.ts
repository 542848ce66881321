/**
 * Loads keyless.config.json: the file given with --config, else `keyless.config.json` at the
 * scanned PATH when present, else `{}`. Validates it against the shipped schema, the rule ids
 * against the catalog, and custom detectors (linear-time, `secret` group). Every problem is a
 * ConfigError with one line: `invalid config <file>: <pointer> <what is wrong>`.
 */
import { postureRules } from '../detect/posture/catalog.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import { allDetectors as catalog } from '../detect/catalog.js';
import { redactSecret } from '../finding/redact.js';
import { customDetectorsProblem, superLinearProblem } from './check-detectors.js';
import { ConfigError } from './config-error.js';
import { schemaProblem } from './schema.js';
import type { KeylessConfig } from './types.js';

export const DEFAULT_CONFIG_FILE = 'keyless.config.json';

export interface LoadedConfig {
  readonly config: KeylessConfig;
  /** Absolute path of the file read, if any. */
  readonly file?: string;
}

export interface LoadConfigOptions {
  /** Absolute scan root; `keyless.config.json` there is used when no explicit file is given. */
  readonly root: string;
  /** --config FILE (relative to cwd). */
  readonly configFile?: string;
  readonly cwd?: string;
}

/** How a config file is named in messages: relative to cwd when inside it. */
function displayName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON with comments and trailing commas allowed (as editors write them). */
function parseConfigText(text: string, name: string): unknown {
  // Loaded only when a config file exists.
  const { parse, printParseErrorCode } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    throw new ConfigError(
      `invalid config ${name}: not valid JSON (${printParseErrorCode(first.error)} at line ${lineOf(text, first.offset)})`,
    );
  }
  return value;
}

/**
 * An unknown key of `rules` as shown in an error: verbatim when it looks like a rule id (kebab-case
 * words), else redacted, since a value pasted in the wrong place may be a secret.
 */
function shownRuleKey(id: string): string {
  return /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(id) && id.length <= 64 ? id : redactSecret(id);
}

/** Validates a parsed config value; `name` is how the file is called in the error. */
export function validateConfig(value: unknown, name: string): KeylessConfig {
  const problem = schemaProblem(value);
  if (problem) throw new ConfigError(`invalid config ${name}: ${problem}`);
  const config = value as KeylessConfig;
  const builtIn = new Set([...catalog.map((d) => d.id), ...postureRules.map((r) => r.id)]);
  const custom = config.detectors ?? [];
  const known = new Set([...builtIn, ...custom.map((d) => d.id)]);
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) {
      throw new ConfigError(`invalid config ${name}: /rules/${shownRuleKey(id)} is not a known rule id (list them with 'keyless explain --list')`);
    }
  }
  for (const [i, source] of (config.allowlist?.values ?? []).entries()) {
    try {
      new RegExp(source);
    } catch {
      throw new ConfigError(`invalid config ${name}: /allowlist/values/${i} is not a valid regular expression`);
    }
    // Matched against every candidate secret: held to the same linear-time bar as a detector's pattern.
    const slow = superLinearProblem(source, '');
    if (slow) throw new ConfigError(`invalid config ${name}: /allowlist/values/${i} ${slow}`);
  }
  const detectorProblem = customDetectorsProblem(custom, builtIn);
  if (detectorProblem) throw new ConfigError(`invalid config ${name}: ${detectorProblem}`);
  return config;
}

/**
 * Parses and validates config text read from elsewhere than a file on disk (a commit's blob, for
 * `--config-from base|head`); `name` is how it is called in errors (`<commit>:keyless.config.json`).
 */
export function loadConfigText(text: string, name: string): KeylessConfig {
  return validateConfig(parseConfigText(text, name), name);
}

/** Reads and validates the config for a scan of `root`. */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  let file: string;
  if (options.configFile !== undefined) {
    file = resolve(cwd, options.configFile);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${options.configFile}`);
  } else {
    file = join(options.root, DEFAULT_CONFIG_FILE);
    if (!existsSync(file)) return { config: {} };
  }
  const name = displayName(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw new ConfigError(`cannot read config ${name} (${code})`);
  }
  return { config: validateConfig(parseConfigText(text, name), name), file };
}
