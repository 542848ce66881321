/** The stderr summary after a scan: what was scanned, skipped (per reason), found, and how long it took. */
import { escapeTerminal } from '../reporters/terminal-escape.js';
import type { ScanOutcome } from '../scan-types.js';

/**
 * Skipped paths listed one per line for these reasons (binary files are only counted). A git object
 * that is missing or corrupt may hold a secret that was not scanned: name its path.
 */
const LISTED_REASONS = new Set(['over the size limit', 'symlink outside the scanned path', 'unreadable', 'object missing (partial or broken clone)']);
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
  /** Findings hidden by the baseline. */
  readonly baselined?: number;
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

  const byReason = new Map<string, string[]>();
  for (const s of stats.skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s.path);
    byReason.set(s.reason, list);
  }
  for (const [reason, paths] of byReason) {
    if (!LISTED_REASONS.has(reason)) continue;
    const label = reason === 'over the size limit' ? `${reason} of ${formatBytes(maxFileSize)}` : reason;
    for (const p of paths.slice(0, maxListed)) lines.push(`keyless: skipped (${label}): ${escapeTerminal(p)}`);
    if (paths.length > maxListed) lines.push(`keyless: skipped (${label}): ... and ${paths.length - maxListed} more (all with --debug)`);
  }

  const what =
    stats.commitsScanned !== undefined
      ? `${stats.commitsScanned} ${stats.commitsScanned === 1 ? 'commit' : 'commits'}, ${stats.filesScanned} ${stats.filesScanned === 1 ? 'file' : 'files'}`
      : `${stats.filesScanned} ${stats.filesScanned === 1 ? 'file' : 'files'}`;
  const skippedText = stats.skipped.length
    ? `; skipped ${stats.skipped.length} (${[...byReason].map(([r, p]) => `${p.length} ${r}`).join(', ')})`
    : '';
  const baselineText = baselined ? ` (${baselined} in baseline)` : '';
  lines.push(
    `keyless: scanned ${what} (${formatBytes(stats.bytesScanned)})${skippedText}; ${reported} ${reported === 1 ? 'finding' : 'findings'}${baselineText} in ${(elapsedMs / 1000).toFixed(2)} s`,
  );
  if (stats.shallow) lines.push('keyless: warning: the repository is a shallow clone; history before its boundary was not scanned');
  return lines;
}
