/**
 * Inline ignores, in any comment syntax (`//`, `#`, `/* *\/`, `<!-- -->`, `;`, `--`):
 *   secret = "..."   // keyless-ignore
 *   # keyless-ignore-next-line
 *   x = "..."        // keyless-ignore azure-storage-account-key -- test fixture
 * A rule id limits the ignore to that rule; text after `--` is the reason.
 */

const DIRECTIVE = /keyless-ignore(?<next>-next-line)?(?:[ \t]+(?<rules>[a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*))?/g;

export interface IgnoreDirective {
  readonly nextLine: boolean;
  /** Empty: every rule. */
  readonly rules: readonly string[];
}

export function directivesIn(lineText: string): IgnoreDirective[] {
  if (!lineText.includes('keyless-ignore')) return [];
  const out: IgnoreDirective[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(lineText); m !== null; m = DIRECTIVE.exec(lineText)) {
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
