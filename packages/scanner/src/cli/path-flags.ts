/**
 * `--include GLOB` / `--exclude GLOB` (each repeatable): globs relative to PATH, added to the config
 * file's `include` / `exclude` lists, so a one-off scan can narrow or widen what the config says
 * without editing it. Same glob syntax and semantics as the config keys.
 */
import type { KeylessConfig } from '../config/types.js';
import type { OptionSpec, ParsedCommand } from './args.js';
import { UsageError } from './errors.js';

export const PATH_FLAG_OPTIONS: OptionSpec = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
};

function globs(p: ParsedCommand, name: string, command: string): string[] {
  const v = (p.values as Record<string, unknown>)[name];
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
  for (const g of list) if (g.trim() === '') throw new UsageError(`--${name} needs a non-empty glob`, command);
  return list;
}

/** `config` with the command line's --include / --exclude globs added to its lists. */
export function withPathFlags(config: KeylessConfig, p: ParsedCommand, command: string): KeylessConfig {
  const include = globs(p, 'include', command);
  const exclude = globs(p, 'exclude', command);
  if (include.length === 0 && exclude.length === 0) return config;
  return {
    ...config,
    ...(include.length > 0 ? { include: [...(config.include ?? []), ...include] } : {}),
    ...(exclude.length > 0 ? { exclude: [...(config.exclude ?? []), ...exclude] } : {}),
  };
}
