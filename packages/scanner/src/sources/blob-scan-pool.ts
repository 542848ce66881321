/**
 * Scans blobs on worker threads (the second core) or inline, with bounded bytes in flight:
 * `submit` resolves once there is room for more, and each verdict is delivered to its callback.
 */
import { Worker } from 'node:worker_threads';
import type { ScanContext } from '../config/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import { createKeywordGate, type BlobVerdict } from './blob-scan.js';
import { PathVersionScanner } from './path-version-scan.js';
import type { WorkerBlob, WorkerReply, WorkerRequest } from './blob-scan-worker.js';

export type VerdictHandler = (verdict: BlobVerdict) => void;

export interface BlobScanPool {
  /**
   * Queues the next version of `path` (a path's versions oldest first; `last` on its last one);
   * resolves when more may be submitted (backpressure).
   */
  submit(bytes: Buffer, path: string, last: boolean, onVerdict: VerdictHandler): Promise<void>;
  /** Waits for every submitted blob's verdict, then stops the workers. */
  close(): Promise<void>;
}

/** Bytes handed to workers but not yet answered, before `submit` waits. */
const MAX_IN_FLIGHT_BYTES = 6 * 1024 * 1024;
/** Per-worker heap limits (a 2 MiB blob decoded and parsed needs a few tens of MB). */
const WORKER_OLD_GEN_MB = 128;
const WORKER_YOUNG_GEN_MB = 8;
/** A batch is posted when it reaches this many bytes or blobs. */
const BATCH_BYTES = 256 * 1024;
const BATCH_BLOBS = 128;

/** Scans on the calling thread. */
export function inlinePool(ctx: ScanContext): BlobScanPool {
  const scanner = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
  return {
    async submit(bytes, path, last, onVerdict) {
      onVerdict(scanner.scan(path, bytes, last));
    },
    async close() {},
  };
}

interface Pending {
  readonly bytes: number;
  readonly handlers: VerdictHandler[];
}

/** Scans on `count` worker threads, each with its own context built from `config`. */
export function workerPool(config: KeylessConfig, count: number): BlobScanPool {
  const url = new URL('./blob-scan-worker.js', import.meta.url);
  // Bounded heaps keep peak RSS in check (V8 otherwise grows each isolate's heap lazily).
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_OLD_GEN_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GEN_MB };
  const workers = Array.from({ length: count }, () => new Worker(url, { workerData: { config }, resourceLimits }));
  const load = workers.map(() => 0);
  const pending = new Map<number, Pending>();
  let nextBatch = 0;
  let inFlight = 0;
  let failure: Error | undefined;
  let waiters: (() => void)[] = [];
  /** Per worker: the blobs (and their handlers) not yet posted. */
  const batches = workers.map(() => ({ blobs: [] as WorkerBlob[], handlers: [] as VerdictHandler[], bytes: 0 }));
  /** The worker each open path's versions go to. */
  const workerOf = new Map<string, number>();

  const notify = () => {
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  };
  workers.forEach((w, i) => {
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.batch);
      if (!p) return;
      pending.delete(reply.batch);
      inFlight -= p.bytes;
      load[i] = (load[i] ?? 0) - p.bytes;
      reply.verdicts.forEach((v, j) => p.handlers[j]?.(v));
      notify();
    });
    w.on('error', (e) => {
      failure ??= new Error(`blob scanning worker failed: ${e.message.split('\n')[0]}`);
      notify();
    });
  });

  function post(w: number): void {
    const b = batches[w]!;
    if (b.blobs.length === 0) return;
    const id = nextBatch++;
    pending.set(id, { bytes: b.bytes, handlers: b.handlers });
    inFlight += b.bytes;
    load[w] = (load[w] ?? 0) + b.bytes;
    const req: WorkerRequest = { batch: id, blobs: b.blobs };
    workers[w]!.postMessage(req, b.blobs.map((x) => x.bytes.buffer as ArrayBuffer));
    batches[w] = { blobs: [], handlers: [], bytes: 0 };
  }
  const postAll = () => workers.forEach((_, w) => post(w));

  async function waitUntil(cond: () => boolean): Promise<void> {
    while (!cond()) {
      if (failure) throw failure;
      await new Promise<void>((r) => waiters.push(r));
    }
    if (failure) throw failure;
  }

  return {
    async submit(bytes, path, last, onVerdict) {
      if (failure) throw failure;
      let target = workerOf.get(path);
      if (target === undefined) {
        // A new path goes to the least loaded worker (posted and queued bytes), all its versions.
        const pendingLoad = (i: number) => (load[i] ?? 0) + batches[i]!.bytes;
        target = 0;
        for (let i = 1; i < workers.length; i++) if (pendingLoad(i) < pendingLoad(target)) target = i;
        workerOf.set(path, target);
      }
      if (last) workerOf.delete(path);
      // A blob that does not own its whole ArrayBuffer is copied so the transfer detaches nothing else.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
      const b = batches[target]!;
      b.blobs.push({ bytes: own, path, last });
      b.handlers.push(onVerdict);
      b.bytes += own.byteLength + 64;
      if (b.bytes >= BATCH_BYTES || b.blobs.length >= BATCH_BLOBS) post(target);
      // Waiting for room: what is queued for the other workers is posted, so none sits idle.
      if (inFlight >= MAX_IN_FLIGHT_BYTES) postAll();
      await waitUntil(() => inFlight < MAX_IN_FLIGHT_BYTES);
    },
    async close() {
      try {
        postAll();
        await waitUntil(() => pending.size === 0);
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    },
  };
}
