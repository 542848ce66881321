/**
 * Suppressed findings stay visible: a finding silenced by an inline ignore, the config's allowlist
 * (values, fingerprints) or the baseline is kept, marked with its cause, through every source (tree
 * workers, history lanes, the history cache's re-scanned blobs) and split off at the end of a scan.
 * Reports count them by cause; SARIF carries them as results with `suppressions`. They never make a
 * scan fail. Excluded paths (config `include`/`exclude`/`allowlist.paths`) are not scanned, so only
 * the files left out are counted; disabled rules do not run, so the rules set "off" are counted.
 */
import type { KeylessConfig } from '../config/types.js';
import type { Finding, SuppressionCause } from '../finding/finding.js';

export type { SuppressionCause };

/** Counts by cause, as the JSON report's `suppressed` object. */
export interface SuppressionCounts {
  /** Findings silenced by a `keyless-ignore` comment. */
  readonly inlineIgnore: number;
  /** Findings silenced by the config's `allowlist.values` / `allowlist.fingerprints`. */
  readonly allowlist: number;
  /** Findings silenced by --baseline FILE. */
  readonly baseline: number;
  /** Files not scanned because of the config's `include` / `exclude` / `allowlist.paths`. */
  readonly excludedPaths: number;
  /** Rules the config sets "off" (their findings are not computed, so not counted). */
  readonly disabledRules: number;
}

/** Active and suppressed findings of a list (the same array back when nothing is suppressed). */
export function splitSuppressed(findings: Finding[]): { findings: Finding[]; suppressed: Finding[] } {
  if (!findings.some((f) => f.suppressed !== undefined)) return { findings, suppressed: [] };
  return { findings: findings.filter((f) => f.suppressed === undefined), suppressed: findings.filter((f) => f.suppressed !== undefined) };
}

/** The same finding, marked as suppressed by `cause`. */
export function suppressedBy(f: Finding, cause: SuppressionCause): Finding {
  return { ...f, suppressed: cause };
}

/** Rules the config turns off. */
export function disabledRuleCount(config: KeylessConfig): number {
  return Object.values(config.rules ?? {}).filter((s) => s === 'off').length;
}

export function countSuppressions(suppressed: readonly Finding[], excludedPaths: number, disabledRules: number): SuppressionCounts {
  let inlineIgnore = 0;
  let allowlist = 0;
  let baseline = 0;
  for (const f of suppressed) {
    if (f.suppressed === 'inline-ignore') inlineIgnore++;
    else if (f.suppressed === 'allowlist') allowlist++;
    else if (f.suppressed === 'baseline') baseline++;
  }
  return { inlineIgnore, allowlist, baseline, excludedPaths, disabledRules };
}

/** "2 inline ignore, 1 baseline, 3 excluded paths" (causes with a count only), or ''. */
export function describeSuppressions(c: SuppressionCounts): string {
  const parts: [number, string, string][] = [
    [c.inlineIgnore, 'inline ignore', 'inline ignores'],
    [c.allowlist, 'allowlisted', 'allowlisted'],
    [c.baseline, 'in baseline', 'in baseline'],
    [c.excludedPaths, 'excluded path', 'excluded paths'],
    [c.disabledRules, 'disabled rule', 'disabled rules'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}
