/** Git scans: history, commit range, staged. Implemented in ./sources/git-*. */
import type { ScanOptions, ScanOutcome } from '../pipeline/scan-types.js';
import { scanGitRange, scanGitStaged } from '../sources/changes/git-changes.js';

/**
 * Every commit reachable from any ref; each finding once, at the oldest commit that introduced it.
 * (Loaded on use: a pre-commit `--staged` run should not pay for the history machinery.)
 */
export async function scanHistory(options: ScanOptions): Promise<ScanOutcome> {
  const { scanGitHistory } = await import('../sources/history/git-history.js');
  return scanGitHistory(options);
}

/** The commits in `range` (`A..B`), findings only for secrets they add. */
export async function scanRange(options: ScanOptions, range: string): Promise<ScanOutcome> {
  return scanGitRange(options, range);
}

/** The index against HEAD (pre-commit), findings only for secrets being added. */
export async function scanStaged(options: ScanOptions): Promise<ScanOutcome> {
  return scanGitStaged(options);
}
