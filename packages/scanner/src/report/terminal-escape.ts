/**
 * The one escaping function for text a human reads in a terminal or a CI log (the text report, the
 * stderr summary, warnings, debug lines, error messages): anything that came from the scanned
 * repository (paths, keys, authors, line text, messages quoting them) passes through it.
 *
 * - C0 controls (NUL..US, so also ESC, BEL, CR, LF, TAB), DEL and C1 controls (U+0080-U+009F) become
 *   `\xHH`: no escape sequence can retitle, clear or recolour the terminal, and no CR or LF can
 *   start a new line (so no data can begin a CI workflow command `::...` on a line of its own).
 * - Bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C: "Trojan Source")
 *   and the line/paragraph separators U+2028/U+2029 become `\uHHHH`.
 * - A leading `::` (after blanks) becomes `\x3a:`, so a string printed at the start of a line (a
 *   path heading) cannot be a GitHub Actions workflow command.
 * - `##[` and `##vso[` anywhere become `##\x5b` and `##vso\x5b`: GitHub's legacy commands and Azure
 *   Pipelines logging commands are recognised in the middle of a line.
 * Backslashes are not escaped: `\x1b` in the output is either an escaped ESC or that literal text.
 */

const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LOG_COMMAND = /##(vso)?\[/gi;
const LEADING_COMMAND = /^(\s*):(?=:)/;

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(code, 2).toLowerCase()}` : `\\u${hex(code, 4)}`;
}

/** `s` safe to print on a terminal or in a CI log (see the module comment). */
export function escapeTerminal(s: string): string {
  return s
    .replace(UNSAFE_CHAR, escapeChar)
    .replace(LOG_COMMAND, (_m, vso: string | undefined) => `##${vso ?? ''}\\x5b`)
    .replace(LEADING_COMMAND, '$1\\x3a');
}

/**
 * A multi-line value shown whole (a private key with --no-redact): line breaks (LF, CR LF) kept so
 * it can be copied, each line escaped as `escapeTerminal` does, so no line of it starts a command.
 */
export function escapeTerminalLines(s: string): string {
  return s
    .split(/(\r?\n)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeTerminal(part)))
    .join('');
}
