/**
 * The two ends of a `--range`: BASE, whose settings judge the range, and HEAD, its last commit.
 * `A..B`: BASE is A. `A...B` (what a pull request adds since it forked): BASE is the merge base of
 * A and B, the commit the branch started from (git's best common ancestor when there are several).
 * An empty side means HEAD, as in git.
 */
import { gitText } from './git-process.js';
import { commitOf } from './file-at-commit.js';

export interface RangeEnds {
  readonly base: string;
  readonly head: string;
}

export async function rangeEnds(cwd: string, range: string): Promise<RangeEnds> {
  const three = range.indexOf('...');
  const two = range.indexOf('..');
  const sep = three !== -1 ? three : two;
  if (sep === -1) throw new Error(`invalid range "${range}" (expected A..B)`);
  const left = range.slice(0, sep) || 'HEAD';
  const right = range.slice(sep + (three !== -1 ? 3 : 2)) || 'HEAD';
  const commit = (rev: string) =>
    commitOf(cwd, rev).catch((err: unknown) => {
      throw new Error(`invalid range "${range}": ${err instanceof Error ? err.message : String(err)}`);
    });
  // Both asked at once (two git processes, one round trip); an error names the left side first.
  const rightCommit = commit(right);
  rightCommit.catch(() => undefined);
  const a = await commit(left);
  const head = await rightCommit;
  if (three === -1) return { base: a, head };
  let base: string;
  try {
    base = await gitText(cwd, ['merge-base', a, head]);
  } catch {
    throw new Error(`invalid range "${range}": ${left} and ${right} have no common ancestor`);
  }
  return { base, head };
}
