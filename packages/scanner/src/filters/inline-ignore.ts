/**
 * Inline ignores, in any comment syntax (`//`, `#`, `/* *\/`, `<!-- -->`, `;`, `--`, `'`, `REM`, `::`, `%`):
 *   secret = "..."   // keyless-ignore
 *   # keyless-ignore-next-line
 *   x = "..."        // keyless-ignore azure-storage-account-key -- test fixture
 * A rule id (or a comma-separated list) limits the ignore to those rules; text after `--` is the reason.
 *
 * The directive counts only where a comment starts: right after a comment marker that is not glued to
 * a word, and outside string quotes. So a secret value or string literal that happens to contain the
 * word (glued to a `#`, or after a `#` inside the quotes) ignores nothing.
 */

const DIRECTIVE =
  /(?<![A-Za-z0-9+/=_-])(?:\/\/|\/\*|<!--|--|#|;|'|\*|::|%|[Rr][Ee][Mm](?=[ \t]))[ \t]*keyless-ignore(?<next>-next-line)?(?![\w-])(?<rules>[ \t]+[a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*)?/g;

export interface IgnoreDirective {
  readonly nextLine: boolean;
  /** Empty: every rule. */
  readonly rules: readonly string[];
}

/**
 * Tracks whether a position is inside a `"`, `'` or `` ` `` string, reading the line once from left
 * to right (positions must be asked in increasing order), so many directives on a line stay linear.
 */
function quoteTracker(line: string): (index: number) => boolean {
  let open: string | undefined;
  let i = 0;
  return (index) => {
    for (; i < index; i++) {
      const ch = line[i];
      if (ch === '\\') i++;
      else if (open === undefined && (ch === '"' || ch === "'" || ch === '`')) open = ch;
      else if (ch === open) open = undefined;
    }
    return open !== undefined;
  };
}

/** The ignore directives written in comments on one line. */
export function directivesIn(lineText: string): IgnoreDirective[] {
  if (!lineText.includes('keyless-ignore')) return [];
  const out: IgnoreDirective[] = [];
  const insideQuotes = quoteTracker(lineText);
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(lineText); m !== null; m = DIRECTIVE.exec(lineText)) {
    // A `'` marker opens a VB comment only outside strings; any marker inside quotes is string text.
    if (insideQuotes(m.index)) continue;
    const rules = (m.groups?.['rules'] ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    out.push({ nextLine: m.groups?.['next'] !== undefined, rules });
  }
  return out;
}

function covers(d: IgnoreDirective, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId);
}

/** Is a finding of `ruleId` on a line ignored by that line's or the previous line's directive? */
export function isIgnoredInline(lineText: string, previousLineText: string | undefined, ruleId: string): boolean {
  if (directivesIn(lineText).some((d) => !d.nextLine && covers(d, ruleId))) return true;
  if (previousLineText !== undefined && directivesIn(previousLineText).some((d) => d.nextLine && covers(d, ruleId)))
    return true;
  return false;
}
