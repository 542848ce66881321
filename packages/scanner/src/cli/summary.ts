/** The stderr summary after a scan: what was scanned, skipped (per reason), found, and how long it took. */
import { describeSuppressions, type SuppressionCounts } from '../filters/suppression.js';
import type { Notice } from '../finding/notice.js';
import { escapeTerminal } from '../report/terminal-escape.js';
import type { ScanOutcome } from '../pipeline/scan-types.js';
import { SKIP_BINARY, SKIP_TOO_LARGE, isUnscannedReason } from '../sources/git/skip-reasons.js';
import { SKIP_SPECIAL, SKIP_SYMLINK_OUTSIDE } from '../sources/tree/skip-reasons.js';

/**
 * Paths skipped by policy that are listed one per line (other policy skips, such as symlinks inside
 * the root or submodules, are only counted). What could not be scanned at all (unreadable files,
 * missing objects) is always listed, as "not scanned".
 */
const LISTED_POLICY_REASONS = new Set([SKIP_TOO_LARGE, SKIP_BINARY, SKIP_SPECIAL, SKIP_SYMLINK_OUTSIDE]);
const MAX_LISTED = 20;
const MAX_WARNINGS = 20;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export interface SummaryInput {
  readonly outcome: ScanOutcome;
  /** Findings reported (after the baseline). */
  readonly reported: number;
  /** Of the reported findings, how many are posture findings (counted apart). */
  readonly posture?: number;
  /** Findings hidden by the baseline (when `suppressed` is not given). */
  readonly baselined?: number;
  /** What was suppressed, by cause (inline ignore, allowlist, baseline, excluded paths, disabled rules). */
  readonly suppressed?: SuppressionCounts;
  /** Range notices (gate settings changed, ignore comments added): one line each. */
  readonly notices?: readonly Notice[];
  readonly elapsedMs: number;
  /** Size limit in bytes, named in the "over the size limit" lines. */
  readonly maxFileSize: number;
  /** --debug: every warning and skipped path, not only the first ones. */
  readonly verbose?: boolean;
}

/** Summary lines (without trailing newline each); paths and warnings escaped for the terminal. */
export function summaryLines(input: SummaryInput): string[] {
  const { outcome, reported, baselined, elapsedMs, maxFileSize } = input;
  const { stats, warnings } = outcome;
  const maxWarnings = input.verbose ? Infinity : MAX_WARNINGS;
  const maxListed = input.verbose ? Infinity : MAX_LISTED;
  const lines: string[] = [];
  for (const w of warnings.slice(0, maxWarnings)) lines.push(`keyless: warning: ${escapeTerminal(w)}`);
  if (warnings.length > maxWarnings) lines.push(`keyless: warning: ... and ${warnings.length - maxWarnings} more warnings (all with --debug)`);

  const byReason = new Map<string, { path: string; detail?: string }[]>();
  for (const s of stats.skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s);
    byReason.set(s.reason, list);
  }
  for (const [reason, entries] of byReason) {
    const unscanned = isUnscannedReason(reason);
    if (!unscanned && !LISTED_POLICY_REASONS.has(reason)) continue;
    const head = unscanned ? 'not scanned' : 'skipped';
    const label = reason === SKIP_TOO_LARGE ? `${reason} of ${formatBytes(maxFileSize)}, maxFileSize` : reason;
    for (const e of entries.slice(0, maxListed)) {
      lines.push(`keyless: ${head} (${e.detail !== undefined ? `${label}: ${e.detail}` : label}): ${escapeTerminal(e.path)}`);
    }
    if (entries.length > maxListed) lines.push(`keyless: ${head} (${label}): ... and ${entries.length - maxListed} more (all with --debug)`);
  }

  const what =
    stats.commitsScanned !== undefined
      ? `${stats.commitsScanned} ${stats.commitsScanned === 1 ? 'commit' : 'commits'}, ${stats.filesScanned} ${stats.filesScanned === 1 ? 'file' : 'files'}`
      : `${stats.filesScanned} ${stats.filesScanned === 1 ? 'file' : 'files'}`;
  const skippedText = stats.skipped.length
    ? `; skipped ${stats.skipped.length} (${[...byReason].map(([r, p]) => `${p.length} ${r}`).join(', ')})`
    : '';
  const suppressedText = input.suppressed ? describeSuppressions(input.suppressed) : '';
  const baselineText = suppressedText ? ` (suppressed: ${suppressedText})` : baselined ? ` (${baselined} in baseline)` : '';
  const notices = input.notices ?? [];
  for (const n of notices) lines.push(`keyless: notice (${n.ruleId}): ${n.message}`);
  const noticeText = notices.length ? `, ${notices.length} ${notices.length === 1 ? 'notice' : 'notices'}` : '';
  lines.push(
    `keyless: scanned ${what} (${formatBytes(stats.bytesScanned)})${skippedText}; ${findingsText(reported, input.posture ?? 0)}${baselineText}${noticeText} in ${(elapsedMs / 1000).toFixed(2)} s`,
  );
  if (stats.shallow) lines.push('keyless: warning: the repository is a shallow clone; history before its boundary was not scanned');
  return lines;
}

/** `3 findings`, or with posture findings `1 finding and 2 posture findings`. */
function findingsText(reported: number, posture: number): string {
  const secrets = reported - posture;
  const secretText = `${secrets} ${secrets === 1 ? 'finding' : 'findings'}`;
  return posture > 0 ? `${secretText} and ${posture} posture ${posture === 1 ? 'finding' : 'findings'}` : secretText;
}

/** How many files or blobs could not be scanned at all (unreadable, missing objects). */
export function unscannedCount(outcome: ScanOutcome): number {
  return outcome.stats.skipped.filter((s) => isUnscannedReason(s.reason)).length;
}

/**
 * The line after the summary when something could not be scanned: an error (exit 2), or with
 * --allow-unscanned a warning (the exit code then follows the findings). Printed even with --quiet.
 */
export function unscannedLine(count: number, allowed: boolean): string {
  const what = `${count} ${count === 1 ? 'file' : 'files'} could not be scanned`;
  return allowed
    ? `keyless: warning: ${what}; the scan is incomplete (accepted with --allow-unscanned)`
    : `keyless: ${what}; the scan is incomplete, so it fails (exit 2; --allow-unscanned accepts it)`;
}
