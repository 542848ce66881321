/**
 * The places of given commits in a history scan's commit order (oldest first: committer time, then
 * log order, later in the log being older), among every commit reachable from the tips, without
 * listing their blobs: one `git log --format='%H %ct'` pass. An incremental scan lists only new
 * commits; this gives its findings the `commitOrder` a full scan would (and the full count), so
 * reports of shards with and without a cache compare. Memory: one number per commit.
 */
import { streamGit } from './git-process.js';

export interface CommitRanks {
  /** Commits reachable from the tips. */
  readonly count: number;
  /** The rank of each asked-for commit that is reachable. */
  readonly ranks: Map<string, number>;
}

/** Smallest index whose value is >= t in an ascending array. */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Ranks `wanted` (commit id -> its committer time, seconds) among the commits reachable from `tips`. */
export async function rankCommits(cwd: string, tips: readonly string[], wanted: ReadonlyMap<string, number>): Promise<CommitRanks> {
  if (tips.length === 0) return { count: 0, ranks: new Map() };
  const wantedTimes = new Set(wanted.values());
  let times = new Float64Array(1 << 16);
  let count = 0;
  /** Log positions of the commits at a wanted time, and the positions of the wanted commits. */
  const atTime = new Map<number, number[]>();
  const positionOf = new Map<string, number>();
  let pending = '';
  const onLine = (line: string) => {
    if (line === '') return;
    const space = line.indexOf(' ');
    const id = line.slice(0, space);
    const t = Number(line.slice(space + 1));
    if (space <= 0 || !Number.isFinite(t)) throw new Error(`git log: unexpected line '${line.slice(0, 80)}'`);
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count] = t;
    if (wantedTimes.has(t)) {
      const list = atTime.get(t) ?? [];
      list.push(count);
      atTime.set(t, list);
      if (wanted.has(id)) positionOf.set(id, count);
    }
    count++;
  };
  // The tips on stdin: a repository can have more refs than a command line holds.
  await streamGit(
    cwd,
    ['log', '--format=%H %ct', '--stdin', '--'],
    (chunk) => {
      const lines = (pending + chunk.toString('latin1')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    `${tips.join('\n')}\n`,
  );
  onLine(pending);
  const sorted = times.slice(0, count).sort();
  const ranks = new Map<string, number>();
  for (const [id, position] of positionOf) {
    const t = wanted.get(id)!;
    // Older: an earlier time, or the same time and later in the log.
    const later = atTime.get(t)!.filter((p) => p > position).length;
    ranks.set(id, lowerBound(sorted, t) + later);
  }
  return { count, ranks };
}
