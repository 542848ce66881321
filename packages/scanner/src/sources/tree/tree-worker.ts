/**
 * Worker thread of the working-tree scan: builds its own scan context from the config and scans the
 * chunks of files the main thread sends, replying with one result per file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../../pipeline/scan-context.js';
import type { KeylessConfig } from '../../config/types.js';
import { scanTreeFile } from './tree-file.js';
import { packResults, type PackedResults } from './tree-packed.js';
import type { TreeFile } from './working-tree.js';

export interface TreeChunkRequest {
  readonly chunk: number;
  readonly files: readonly TreeFile[];
}

export interface TreeChunkReply {
  readonly chunk: number;
  /** Line texts shared by findings are sent once (scan-tree-packed.ts). */
  readonly packed: PackedResults;
}

const port = parentPort;
if (port) {
  const ctx = createScanContext((workerData as { config: KeylessConfig }).config);
  port.on('message', (req: TreeChunkRequest) => {
    const reply: TreeChunkReply = { chunk: req.chunk, packed: packResults(req.files.map((f) => scanTreeFile(f, ctx))) };
    port.postMessage(reply);
  });
}
