/** Errors the CLI reports as one line on stderr with exit code 2 (usage or runtime error). */

/** Exit codes of every keyless command (design.md §2). */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A user-facing failure: its message is printed as `keyless: <message>` without a stack. */
export class KeylessError extends Error {
  /** Optional second line (e.g. "run 'keyless scan --help' for usage"). */
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'KeylessError';
    this.hint = hint;
  }
}

/** Wrong arguments or options. */
export class UsageError extends KeylessError {
  constructor(message: string, command?: string) {
    super(message, `run 'keyless ${command ? `${command} ` : ''}--help' for usage`);
    this.name = 'UsageError';
  }
}

/** The first line of any thrown value, for one-line error reports. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').trim() || 'unknown error';
}
