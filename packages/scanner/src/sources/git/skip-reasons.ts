/** Why a file (working tree) or blob (git scans) was not scanned, as the summary line names it. */
export const SKIP_TOO_LARGE = 'over the size limit';
export const SKIP_BINARY = 'binary';
export const SKIP_MISSING = 'object missing (partial or broken clone)';
/** A working-tree file or directory that could not be read (EACCES, ENAMETOOLONG, EISDIR, vanished...). */
export const SKIP_UNREADABLE = 'unreadable';

/**
 * Reasons that mean "could not be scanned" rather than "not scanned by policy": whatever such a file
 * holds was never looked at, so a scan that has any of them is incomplete and fails closed (exit 2
 * unless --allow-unscanned). Policy skips (binary, over `maxFileSize`, symlinks, special files,
 * submodules) are listed and counted but never change the exit code.
 */
const UNSCANNED_REASONS: ReadonlySet<string> = new Set([SKIP_UNREADABLE, SKIP_MISSING]);

export function isUnscannedReason(reason: string): boolean {
  return UNSCANNED_REASONS.has(reason);
}
