/**
 * Worker thread body for a history scan lane (path-lane.ts): builds its own scan context from the
 * (JSON) config, asks the main thread for paths as it runs low, and sends back the results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../../pipeline/scan-context.js';
import type { KeylessConfig } from '../../config/types.js';
import { runPathLane, type LaneResult, type PathGroup } from './path-lane.js';

export interface LaneWorkerData {
  readonly config: KeylessConfig;
  readonly cwd: string;
}
/** Main thread to worker: the next paths, or none (the lane ends). */
export interface LaneGrant {
  readonly groups: readonly PathGroup[];
}
/** Worker to main thread: a request for paths with at least `take` versions, results, or the end. */
export type LaneMessage = { readonly take: number } | { readonly results: readonly LaneResult[] } | { readonly done: true };

/** Results are sent in batches of this many (and whenever the lane asks for a path or ends). */
const RESULT_BATCH = 64;

const port = parentPort!;
const { config, cwd } = workerData as LaneWorkerData;
const ctx = createScanContext(config, { posture: false });
let results: LaneResult[] = [];
const flush = () => {
  if (results.length === 0) return;
  port.postMessage({ results } satisfies LaneMessage);
  results = [];
};
let granted: ((groups: readonly PathGroup[]) => void) | undefined;
port.on('message', (m: LaneGrant) => {
  const g = granted;
  granted = undefined;
  g?.(m.groups);
});
const take = (versions: number) =>
  new Promise<readonly PathGroup[]>((resolve) => {
    flush();
    granted = resolve;
    port.postMessage({ take: versions } satisfies LaneMessage);
  });

await runPathLane(cwd, ctx, take, (r) => {
  results.push(r);
  if (results.length >= RESULT_BATCH) flush();
});
flush();
port.postMessage({ done: true } satisfies LaneMessage);
