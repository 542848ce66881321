/**
 * When `keyless scan` fails, and with which code: `--fail-on SEVERITY` (critical, high, medium, low —
 * the default, any reported finding — or none) and `--exit-code N` (the code for "findings", default 1).
 * Findings below the threshold are still reported; they only stop failing the run.
 */
import type { PostureSetting } from '../config/types.js';
import type { Severity } from '../detect/types.js';
import { stringOption, type OptionSpec, type ParsedCommand } from './args.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError } from './errors.js';

export const EXIT_POLICY_OPTIONS: OptionSpec = {
  'fail-on': { type: 'string' },
  'exit-code': { type: 'string' },
};

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface ExitPolicy {
  /** The lowest severity that fails the run; `none` never fails. */
  readonly failOn: Severity | 'none';
  /** The exit code when it fails. */
  readonly exitCode: number;
}

/** The policy from `--fail-on` / `--exit-code`; UsageError on a bad value. */
export function exitPolicyOf(p: ParsedCommand, command: string): ExitPolicy {
  const failOn = stringOption(p, 'fail-on') ?? 'low';
  if (failOn !== 'none' && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')} (got '${failOn}')`, command);
  }
  const code = stringOption(p, 'exit-code');
  let exitCode = EXIT_FINDINGS;
  if (code !== undefined) {
    exitCode = /^\d{1,3}$/.test(code) ? Number(code) : NaN;
    if (!(exitCode >= 0 && exitCode <= 255) || exitCode === EXIT_ERROR) {
      throw new UsageError(`--exit-code must be a number from 0 to 255 other than ${EXIT_ERROR}, which means an error (got '${code}')`, command);
    }
  }
  return { failOn: failOn as Severity | 'none', exitCode };
}

/**
 * Do posture findings fail a scan of this kind? The pre-commit (`--staged`) scan reports them
 * without failing unless the config says `posture: "fail"`; `"report"` never fails; working-tree
 * and range scans (the CI gate) fail on them like on secrets, under `--fail-on`.
 */
export function postureFails(setting: PostureSetting | undefined, mode: 'tree' | 'history' | 'range' | 'staged'): boolean {
  if (setting === false || setting === 'report') return false;
  if (mode === 'staged') return setting === 'fail';
  return true;
}

/** The exit code for the reported findings under `policy`. */
export function exitCodeFor(findings: readonly { readonly severity: Severity }[], policy: ExitPolicy): number {
  if (policy.failOn === 'none') return EXIT_CLEAN;
  const limit = SEVERITIES.indexOf(policy.failOn);
  const failing = findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
  return failing ? policy.exitCode : EXIT_CLEAN;
}
