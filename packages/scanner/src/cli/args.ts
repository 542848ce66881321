/**
 * Argument parsing with node:util parseArgs (strict): each command declares its options; unknown
 * options and missing values become one-line UsageErrors with a hint.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommand {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
};

/** Options of the commands that run a scan (`scan`, `baseline`). */
export const SCAN_OPTIONS: OptionSpec = {
  history: { type: 'boolean' },
  range: { type: 'string' },
  staged: { type: 'boolean' },
  config: { type: 'string' },
  'config-from': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'no-posture': { type: 'boolean' },
  confidence: { type: 'string' },
  output: { type: 'string', short: 'o' },
};

function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/** Parses `args` for `command`; throws UsageError on any problem. */
export function parseCommand(command: string, args: readonly string[], options: OptionSpec, maxPositionals: number): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const name = quoted(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${name ?? message}'`, command);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /--[a-z][a-z-]*/.exec(message)?.[0];
      throw new UsageError(
        message.includes('argument missing') ? `option '${option ?? name}' needs a value` : `option '${option ?? name}' takes no value`,
        command,
      );
    }
    throw new UsageError((message.split('\n')[0] ?? message).replace(/\.$/, ''), command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'`, command);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** The value of a string option, or undefined. */
export function stringOption(p: ParsedCommand, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: ParsedCommand, name: string): boolean {
  return p.values[name] === true;
}
