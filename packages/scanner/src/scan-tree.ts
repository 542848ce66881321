/**
 * Working-tree scan: list the files under the root (honouring .gitignore, no symlinks followed),
 * read and scan them in chunks on the main thread and, for larger trees, one or more worker
 * threads (the chunks are handed out on demand, so the cores stay busy whatever the file sizes),
 * skip binary and oversized files (saying so in stats), and merge the results in listing order.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createScanContext, type ScanContext } from './config/scan-context.js';
import type { KeylessConfig } from './config/types.js';
import type { Finding } from './finding.js';
import { compareFindings } from './make-finding.js';
import { scanTreeFile, type FileResult } from './scan-tree-file.js';
import type { TreeChunkReply, TreeChunkRequest } from './scan-tree-worker.js';
import type { ScanOptions, ScanOutcome } from './scan-types.js';
import { listWorkingTree, type TreeFile, type TreeListing } from './sources/working-tree.js';

export { SKIP_BINARY, SKIP_TOO_LARGE, SKIP_UNREADABLE } from './scan-tree-file.js';

/** Files per chunk handed to a thread. */
const CHUNK_FILES = 48;
/** Below this many files, starting a worker costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 1500;
const MAX_WORKERS = 3;

/** Worker threads to use besides the main thread (KEYLESS_WORKERS overrides; 0 disables). */
export function treeWorkerCount(files: number): number {
  const forced = process.env['KEYLESS_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 8);
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_WORKERS));
}

/** Which files to scan: the tree under a directory root, or the single file a root names. */
function filesToScan(root: string, ctx: ScanContext): TreeListing {
  const info = statSync(root, { throwIfNoEntry: false });
  if (!info) throw new Error(`path not found: ${root}`);
  if (info.isFile()) return { files: [{ path: basename(root), abs: root }], skipped: [], warnings: [] };
  return listWorkingTree({ root, wantsPath: ctx.wantsPath });
}

/** Yields to the event loop so worker replies are handled between main-thread chunks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Scans every file, chunks pulled on demand by the main thread and `workers` worker threads. */
async function scanAll(files: readonly TreeFile[], ctx: ScanContext, config: KeylessConfig, workers: number): Promise<FileResult[]> {
  const results = new Array<FileResult>(files.length);
  const chunks = Math.ceil(files.length / CHUNK_FILES);
  let next = 0;
  const take = (): number | undefined => (next < chunks ? next++ : undefined);
  const slice = (chunk: number) => files.slice(chunk * CHUNK_FILES, (chunk + 1) * CHUNK_FILES);

  const threads = Array.from({ length: workers }, () => {
    const worker = new Worker(new URL('./scan-tree-worker.js', import.meta.url), { workerData: { config } });
    return new Promise<void>((resolve, reject) => {
      const send = () => {
        const chunk = take();
        if (chunk === undefined) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const req: TreeChunkRequest = { chunk, files: slice(chunk) };
        worker.postMessage(req);
      };
      worker.on('message', (reply: TreeChunkReply) => {
        reply.results.forEach((r, i) => (results[reply.chunk * CHUNK_FILES + i] = r));
        send();
      });
      worker.on('error', (e) => reject(new Error(`tree scanning worker failed: ${e.message.split('\n')[0]}`)));
      send();
    });
  });

  for (let chunk = take(); chunk !== undefined; chunk = take()) {
    slice(chunk).forEach((f, i) => (results[chunk * CHUNK_FILES + i] = scanTreeFile(f, ctx)));
    if (workers > 0) await yieldToEventLoop();
  }
  await Promise.all(threads);
  return results;
}

/** Scans the working tree at `options.root` (a directory, or a single file). */
export async function scanWorkingTree(options: ScanOptions): Promise<ScanOutcome> {
  const ctx = createScanContext(options.config);
  const listing = filesToScan(options.root, ctx);
  const findings: Finding[] = [];
  const warnings = [...listing.warnings];
  const skipped = [...listing.skipped];
  let filesScanned = 0;
  let bytesScanned = 0;
  const results = await scanAll(listing.files, ctx, options.config, treeWorkerCount(listing.files.length));
  for (const [i, r] of results.entries()) {
    if (r.warning) warnings.push(r.warning);
    if (r.kind === 'skipped') {
      skipped.push({ path: listing.files[i]!.path, reason: r.reason });
      continue;
    }
    filesScanned++;
    bytesScanned += r.bytes;
    findings.push(...r.findings);
  }
  findings.sort(compareFindings);
  return { findings, warnings, stats: { filesScanned, bytesScanned, skipped } };
}
