/**
 * Worker thread body for blob scanning: builds its own scan context from the (JSON) config and
 * answers batches of blobs with their verdicts. The versions of one path all come to one worker,
 * oldest first (each is scanned against the one before it), mixed with other paths' versions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../config/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import { createKeywordGate, type BlobVerdict } from './blob-scan.js';
import { PathVersionScanner } from './path-version-scan.js';

export interface WorkerBlob {
  readonly bytes: Uint8Array;
  readonly path: string;
  /** The path's last version (its state is dropped after it). */
  readonly last: boolean;
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
const scanner = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));

parentPort?.on('message', (req: WorkerRequest) => {
  const verdicts = req.blobs.map((b) => {
    const bytes = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength);
    return scanner.scan(b.path, bytes, b.last);
  });
  parentPort?.postMessage({ batch: req.batch, verdicts } satisfies WorkerReply);
});
