/**
 * Runs history scan lanes (path-lane.ts) over a list of paths: on worker threads, each with its own
 * git process, or on the calling thread. Each lane takes the next path when it runs low; the paths
 * with the most versions go first, so no lane is left with a long one at the end.
 */
import { Worker } from 'node:worker_threads';
import type { ScanContext } from '../../pipeline/scan-context.js';
import type { KeylessConfig } from '../../config/types.js';
import { runPathLane, type LaneResult, type PathGroup } from './path-lane.js';
import type { LaneGrant, LaneMessage, LaneWorkerData } from './path-lane-worker.js';

/** Per-worker heap limits (a 2 MiB blob decoded and parsed needs a few tens of MB). */
const WORKER_OLD_GEN_MB = 128;
const WORKER_YOUNG_GEN_MB = 8;

/** Paths to scan, each group made only when a lane takes it (see git-history.ts: groupByPath). */
export interface PathGroupList {
  readonly length: number;
  /** How many versions group `g` has. */
  size(g: number): number;
  path(g: number): string;
  group(g: number): PathGroup;
}

/** A list of groups made already (tests, small scans). */
export function pathGroupList(groups: readonly PathGroup[]): PathGroupList {
  return { length: groups.length, size: (g) => groups[g]!.blobs.length, path: (g) => groups[g]!.path, group: (g) => groups[g]! };
}

/** Group numbers, longest first (most versions), as a greedy schedule balances best that way. */
function scheduleOrder(groups: PathGroupList): Int32Array {
  const order = Int32Array.from({ length: groups.length }, (_, g) => g);
  const paths = Array.from({ length: groups.length }, (_, g) => groups.path(g));
  return order.sort((a, b) => groups.size(b) - groups.size(a) || (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0));
}

/**
 * Scans every group on `workers` worker threads (0: on this thread), reporting each version's
 * result. Resolves when all are done; rejects on the first failure (the other lanes are stopped).
 */
export async function scanPathGroups(
  cwd: string,
  config: KeylessConfig,
  ctx: ScanContext,
  groups: PathGroupList,
  workers: number,
  report: (r: LaneResult) => void,
): Promise<void> {
  const order = scheduleOrder(groups);
  let next = 0;
  const take = (versions: number) => {
    const out: PathGroup[] = [];
    let n = 0;
    while (n < versions && next < order.length) {
      const g = groups.group(order[next++]!);
      out.push(g);
      n += g.blobs.length;
    }
    return out;
  };
  if (workers <= 0) return runPathLane(cwd, ctx, take, report);

  const url = new URL('./path-lane-worker.js', import.meta.url);
  // Bounded heaps keep peak RSS in check (V8 otherwise grows each isolate's heap lazily).
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_OLD_GEN_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GEN_MB };
  const threads: Worker[] = [];
  const lanes = Array.from({ length: workers }, () => {
    const w = new Worker(url, { workerData: { config, cwd } satisfies LaneWorkerData, resourceLimits });
    threads.push(w);
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: LaneMessage) => {
        if ('take' in m) w.postMessage({ groups: take(m.take) } satisfies LaneGrant);
        else if ('results' in m) m.results.forEach(report);
        else resolve();
      });
      w.on('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
      // After 'done' this changes nothing; before it, the lane's results are incomplete.
      w.on('exit', () => reject(new Error('history scanning worker stopped before it was done')));
    });
  });
  try {
    await Promise.all(lanes);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
