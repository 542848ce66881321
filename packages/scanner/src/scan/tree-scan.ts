/**
 * Working-tree scan: list the files under the root (honouring .gitignore, no symlinks followed),
 * read and scan them in chunks on the main thread and, for larger trees, one or more worker
 * threads started and fed while the listing is still running (the chunks are handed out on demand,
 * so the cores stay busy whatever the file sizes),
 * skip binary and oversized files (saying so in stats), and merge the results in listing order.
 */
import { availableParallelism, loadavg } from 'node:os';
import { basename } from 'node:path';
import { statSync, type Stats } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { splitSuppressed } from '../filters/suppression.js';
import { createScanContext, type ScanContext } from '../pipeline/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import type { Finding } from '../finding/finding.js';
import { compareFindings } from '../pipeline/make-finding.js';
import { scanTreeFile, type FileResult } from '../sources/tree/tree-file.js';
import { unpackResults } from '../sources/tree/tree-packed.js';
import type { TreeChunkReply, TreeChunkRequest } from '../sources/tree/tree-worker.js';
import type { ScanOptions, ScanOutcome } from '../pipeline/scan-types.js';
import { trackedPaths, type TrackedPaths } from '../sources/tree/tracked-files.js';
import { SKIP_SPECIAL, walkWorkingTree, type SkippedEntry, type TreeFile } from '../sources/tree/working-tree.js';

export { SKIP_BINARY, SKIP_TOO_LARGE, SKIP_UNREADABLE } from '../sources/tree/tree-file.js';

/** Files per chunk handed to a thread. */
const CHUNK_FILES = 48;
/** Below this many files, starting a worker costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 1500;
const MAX_WORKERS = 3;

/** 1-minute load average per core above which workers are not started. */
const BUSY_LOAD_PER_CORE = 1.25;

/**
 * Worker threads to use besides the main thread (KEYLESS_WORKERS overrides; 0 disables). A worker
 * costs a start-up (~0.3 s CPU) and a cold JIT: measured on 2 cores (typescript-eslint checkout),
 * one worker cut the wall time by ~20% at a load average of 2, but added time at 4 and more, where
 * it only competes with the main thread; so none start when the 1-minute load average is above
 * `BUSY_LOAD_PER_CORE` per core. Platforms without a load average (Windows) report 0.
 */
export function treeWorkerCount(files: number): number {
  const forced = process.env['KEYLESS_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 8);
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  if ((loadavg()[0] ?? 0) > cores * BUSY_LOAD_PER_CORE) return 0;
  return Math.max(0, Math.min(cores - 1, MAX_WORKERS));
}

/** Yields to the event loop so worker replies are handled between main-thread chunks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Chunks a worker may hold at once: one being scanned, one queued, so it never waits on the main thread. */
const WORKER_DEPTH = 2;

/**
 * Lists and scans in one pipeline. The main thread walks the tree and cuts the files into chunks;
 * once the listing reaches `MIN_FILES_FOR_WORKERS` (or at once when KEYLESS_WORKERS forces a count),
 * worker threads start and are fed chunks while the walk goes on, so their start-up and scanning
 * overlap the listing. When the walk ends the main thread scans the chunks no worker has taken yet.
 * Results are stored by file index: the merge keeps listing order whichever thread scanned a file.
 */
async function listAndScan(
  files: Iterable<TreeFile>,
  ctx: ScanContext,
  config: KeylessConfig,
): Promise<{ files: TreeFile[]; results: FileResult[] }> {
  const listed: TreeFile[] = [];
  const results: FileResult[] = [];
  const pending: number[] = []; // chunks cut but not taken, in order
  let cut = 0; // files already cut into chunks
  let listingDone = false;
  let startedWorkers = false;
  const threads: Promise<void>[] = [];
  const feeders: (() => void)[] = [];

  const chunkFiles = (chunk: number) => listed.slice(chunk * CHUNK_FILES, (chunk + 1) * CHUNK_FILES);
  const store = (chunk: number, rs: readonly FileResult[]) => rs.forEach((r, i) => (results[chunk * CHUNK_FILES + i] = r));
  const feedAll = () => feeders.forEach((feed) => feed());

  function startWorker(): void {
    const worker = new Worker(new URL('../sources/tree/tree-worker.js', import.meta.url), { workerData: { config } });
    let outstanding = 0;
    let finished = false;
    const thread = new Promise<void>((resolve, reject) => {
      const feed = () => {
        while (outstanding < WORKER_DEPTH && pending.length > 0) {
          const chunk = pending.shift() as number;
          const req: TreeChunkRequest = { chunk, files: chunkFiles(chunk) };
          worker.postMessage(req);
          outstanding++;
        }
        if (outstanding === 0 && listingDone && pending.length === 0 && !finished) {
          finished = true;
          void worker.terminate().then(() => resolve());
        }
      };
      feeders.push(feed);
      worker.on('message', (reply: TreeChunkReply) => {
        store(reply.chunk, unpackResults(reply.packed));
        outstanding--;
        feed();
      });
      worker.on('error', (e) => reject(new Error(`tree scanning worker failed: ${e.message.split('\n')[0]}`)));
      feed();
    });
    thread.catch(() => undefined); // reported by the Promise.all below, not as an unhandled rejection
    threads.push(thread);
  }

  function startWorkers(): void {
    startedWorkers = true;
    const count = treeWorkerCount(listed.length);
    for (let i = 0; i < count; i++) startWorker();
  }

  const forced = treeWorkerCount(0);
  for (const file of files) {
    listed.push(file);
    if (listed.length - cut < CHUNK_FILES) continue;
    pending.push(cut / CHUNK_FILES);
    cut += CHUNK_FILES;
    if (!startedWorkers && (forced > 0 || listed.length >= MIN_FILES_FOR_WORKERS)) startWorkers();
    if (threads.length > 0) {
      feedAll();
      await yieldToEventLoop(); // lets replies in, so workers get fresh chunks during the walk
    }
  }
  if (listed.length > cut) pending.push(cut / CHUNK_FILES);
  listingDone = true;
  if (!startedWorkers && forced > 0 && pending.length > 0) startWorkers();
  feedAll();

  for (let chunk = pending.shift(); chunk !== undefined; chunk = pending.shift()) {
    store(chunk, chunkFiles(chunk).map((f) => scanTreeFile(f, ctx)));
    if (threads.length > 0) {
      feedAll();
      await yieldToEventLoop();
    }
  }
  feedAll();
  await Promise.all(threads);
  return { files: listed, results };
}

/** The files under a directory root (tracked ones even when ignored), or the single file a root names. */
async function filesToScan(
  root: string,
  info: Stats | undefined,
  tracked: Promise<TrackedPaths | undefined> | undefined,
  ctx: ScanContext,
  skipped: SkippedEntry[],
): Promise<Iterable<TreeFile>> {
  if (!info) throw new Error(`path not found: ${root}`);
  if (info.isFile()) return [{ path: basename(root), abs: root }];
  if (!info.isDirectory() || !tracked) {
    skipped.push({ path: basename(root), reason: SKIP_SPECIAL }); // a FIFO or device: never opened
    return [];
  }
  const paths = await tracked;
  return walkWorkingTree({ root, wantsPath: ctx.wantsPath, ...(paths ? { tracked: paths } : {}) }, skipped);
}

/** Scans the working tree at `options.root` (a directory, or a single file). */
export async function scanWorkingTree(options: ScanOptions): Promise<ScanOutcome> {
  const info = statSync(options.root, { throwIfNoEntry: false });
  // `git ls-files` runs while the detectors are compiled (its errors still come after theirs).
  const tracked = info?.isDirectory() ? trackedPaths(options.root) : undefined;
  tracked?.catch(() => undefined);
  const ctx = createScanContext(options.config);
  const findings: Finding[] = [];
  const warnings: string[] = [];
  const skipped: SkippedEntry[] = [];
  const { files, results } = await listAndScan(await filesToScan(options.root, info, tracked, ctx, skipped), ctx, options.config);
  let filesScanned = 0;
  let bytesScanned = 0;
  for (const [i, r] of results.entries()) {
    if (r.warning) warnings.push(r.warning);
    if (r.kind === 'skipped') {
      skipped.push(r.detail !== undefined ? { path: files[i]!.path, reason: r.reason, detail: r.detail } : { path: files[i]!.path, reason: r.reason });
      continue;
    }
    filesScanned++;
    bytesScanned += r.bytes;
    findings.push(...r.findings);
  }
  findings.sort(compareFindings);
  const split = splitSuppressed(findings);
  return { ...split, warnings, stats: { filesScanned, bytesScanned, skipped, excludedPaths: ctx.excludedPaths() } };
}
