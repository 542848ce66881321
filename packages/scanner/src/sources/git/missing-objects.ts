/**
 * Blobs a git scan asked for and git does not have (a partial clone made with `--filter`, or a
 * broken clone). keyless never fetches them (see git-safe.ts), and what it could not read is never
 * reported as clean. In a partial clone the scan ends with exit 2 and one line saying how many were
 * missing; in a broken clone each missing blob is listed as not scanned (its path is known) after the
 * report of the rest, and the CLI exits 2 (sources/git/skip-reasons.ts `isUnscannedReason`).
 * In a broken clone `cat-file --batch` answers "missing"; in a partial clone it stops with "could
 * not fetch ... from promisor remote" instead, so there the missing blobs are counted afterwards
 * (`rev-list --objects --missing=print`, which fetches nothing).
 */
import { GitError, gitText, streamGit } from './git-process.js';

/** Is the repository a partial clone (a promisor remote may hold objects it lacks)? */
async function isPartialClone(cwd: string): Promise<boolean> {
  try {
    const out = await gitText(cwd, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$']);
    return out.split('\n').some((l) => l !== '' && !/ (false|no|off|0)$/i.test(l));
  } catch {
    return false;
  }
}

const partialCloneError = (what: string) =>
  new GitError(`partial clone: ${what} missing from this repository and not scanned (keyless never fetches; run git fetch --refetch without --filter, or scan a full clone)`, null);

/**
 * In a partial clone, throws the one-line error for `count` missing blobs. Elsewhere (a broken
 * clone) it returns: the caller lists each missing blob's path as not scanned, which fails the scan.
 */
export async function failOnMissingBlobs(cwd: string, count: number): Promise<void> {
  if (count === 0) return;
  if (await isPartialClone(cwd)) throw partialCloneError(count === 1 ? '1 blob is' : `${count} blobs are`);
}

/** Objects reachable from `revs` (`<rev>` / `^<rev>` lines) that the repository lacks. */
async function countMissing(cwd: string, revs: readonly string[]): Promise<number> {
  let missing = 0;
  let atLineStart = true;
  await streamGit(cwd, ['rev-list', '--objects', '--missing=print', '--stdin'], (chunk) => {
    for (const byte of chunk) {
      if (atLineStart && byte === 0x3f) missing++;
      atLineStart = byte === 0x0a;
    }
  }, `${revs.join('\n')}\n`);
  return missing;
}

/**
 * Called with the error a git scan of `revs` failed with: in a partial clone that lacks objects
 * those revisions reach, throws the one-line partial-clone error instead; otherwise rethrows `err`.
 */
export async function explainPartialClone(cwd: string, revs: readonly string[], err: unknown): Promise<never> {
  if (err instanceof GitError && revs.length > 0 && (await isPartialClone(cwd))) {
    const count = await countMissing(cwd, revs).catch(() => 0);
    if (count > 0) throw partialCloneError(count === 1 ? '1 blob is' : `${count} blobs are`);
  }
  throw err;
}
