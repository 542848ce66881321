/**
 * Blobs a git scan asked for and git does not have (a partial clone made with `--filter`, or a
 * broken clone). keyless never fetches them (see git-safe.ts), and what it could not read is never
 * reported as clean: the scan ends with exit 2 and one line saying how many were missing.
 */
import { GitError, gitText } from './git-process.js';

/** Is the repository a partial clone (a promisor remote may hold objects it lacks)? */
async function isPartialClone(cwd: string): Promise<boolean> {
  try {
    return (await gitText(cwd, ['config', '--get', 'extensions.partialClone'])) !== '';
  } catch {
    return false;
  }
}

/** Throws the one-line error for `count` missing blobs (nothing when there are none). */
export async function failOnMissingBlobs(cwd: string, count: number): Promise<void> {
  if (count === 0) return;
  const what = count === 1 ? '1 blob is' : `${count} blobs are`;
  if (await isPartialClone(cwd)) {
    throw new GitError(`partial clone: ${what} missing from this repository and not scanned (keyless never fetches; run git fetch --refetch without --filter, or scan a full clone)`, null);
  }
  throw new GitError(`${what} missing from this repository (broken clone?) and not scanned; run git fsck`, null);
}
