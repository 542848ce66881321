/**
 * Scans blobs on worker threads (the second core) or inline, with bounded bytes in flight:
 * `submit` resolves once there is room for more, and each verdict is delivered to its callback.
 */
import { Worker } from 'node:worker_threads';
import type { ScanContext } from '../config/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import { createKeywordGate, scanBlob, type BlobVerdict } from './blob-scan.js';
import type { WorkerBlob, WorkerReply, WorkerRequest } from './blob-scan-worker.js';

export type VerdictHandler = (verdict: BlobVerdict) => void;

export interface BlobScanPool {
  /** Queues one blob; resolves when more may be submitted (backpressure). */
  submit(bytes: Buffer, paths: readonly string[], onVerdict: VerdictHandler): Promise<void>;
  /** Waits for every submitted blob's verdict, then stops the workers. */
  close(): Promise<void>;
}

/** Bytes handed to workers but not yet answered, before `submit` waits. */
const MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024;
/** Per-worker heap limits (a 2 MiB blob decoded and parsed needs a few tens of MB). */
const WORKER_OLD_GEN_MB = 128;
const WORKER_YOUNG_GEN_MB = 8;
/** A batch is posted when it reaches this many bytes or blobs. */
const BATCH_BYTES = 512 * 1024;
const BATCH_BLOBS = 128;

/** Scans on the calling thread. */
export function inlinePool(ctx: ScanContext): BlobScanPool {
  const gate = createKeywordGate(ctx.engine);
  return {
    async submit(bytes, paths, onVerdict) {
      onVerdict(scanBlob(bytes, paths, ctx, gate));
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
  let batch: WorkerBlob[] = [];
  let batchHandlers: VerdictHandler[] = [];
  let batchBytes = 0;

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

  function post(): void {
    if (batch.length === 0) return;
    let target = 0;
    for (let i = 1; i < workers.length; i++) if ((load[i] ?? 0) < (load[target] ?? 0)) target = i;
    const id = nextBatch++;
    pending.set(id, { bytes: batchBytes, handlers: batchHandlers });
    inFlight += batchBytes;
    load[target] = (load[target] ?? 0) + batchBytes;
    const req: WorkerRequest = { batch: id, blobs: batch };
    workers[target]!.postMessage(req, batch.map((b) => b.bytes.buffer as ArrayBuffer));
    batch = [];
    batchHandlers = [];
    batchBytes = 0;
  }

  async function waitUntil(cond: () => boolean): Promise<void> {
    while (!cond()) {
      if (failure) throw failure;
      await new Promise<void>((r) => waiters.push(r));
    }
    if (failure) throw failure;
  }

  return {
    async submit(bytes, paths, onVerdict) {
      if (failure) throw failure;
      // A blob that does not own its whole ArrayBuffer is copied so the transfer detaches nothing else.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
      batch.push({ bytes: own, paths });
      batchHandlers.push(onVerdict);
      batchBytes += own.byteLength + 64;
      if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_BLOBS) post();
      await waitUntil(() => inFlight < MAX_IN_FLIGHT_BYTES);
    },
    async close() {
      try {
        post();
        await waitUntil(() => pending.size === 0);
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    },
  };
}
