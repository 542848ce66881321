/**
 * Worker thread body for blob scanning: builds its own scan context from the (JSON) config and
 * answers batches of blobs with their verdicts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../config/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import { createKeywordGate, scanBlob, type BlobVerdict } from './blob-scan.js';

export interface WorkerBlob {
  readonly bytes: Uint8Array;
  readonly paths: readonly string[];
}
export interface WorkerRequest {
  readonly batch: number;
  readonly blobs: readonly WorkerBlob[];
}
export interface WorkerReply {
  readonly batch: number;
  readonly verdicts: readonly BlobVerdict[];
}

const ctx = createScanContext((workerData as { config: KeylessConfig }).config);
const gate = createKeywordGate(ctx.engine);

parentPort?.on('message', (req: WorkerRequest) => {
  const verdicts = req.blobs.map((b) => {
    const bytes = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength);
    return scanBlob(bytes, b.paths, ctx, gate);
  });
  parentPort?.postMessage({ batch: req.batch, verdicts } satisfies WorkerReply);
});
