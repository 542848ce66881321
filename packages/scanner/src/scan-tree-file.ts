/**
 * One working-tree file through the pipeline: read (unless over the size limit), skip binary,
 * decode, detect. Shared by the main thread and the tree-scan worker.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { ScanContext } from './config/scan-context.js';
import type { Finding } from './finding.js';
import { scanFileText } from './scan-file.js';
import { decodeText, looksBinary } from './sources/decode.js';
import type { TreeFile } from './sources/working-tree.js';

export const SKIP_BINARY = 'binary';
export const SKIP_TOO_LARGE = 'over the size limit';
export const SKIP_UNREADABLE = 'unreadable';

export type FileResult =
  | { readonly kind: 'scanned'; readonly bytes: number; readonly findings: Finding[]; readonly warning?: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly warning?: string };

/** Bytes read by the first `readSync` of a file; most source files fit, so most need no `fstat`. */
const FIRST_READ = 64 * 1024;
/** Reused for every first read (the bytes never outlive `scanTreeFile`: decoding copies them). */
let firstReadBuffer: Buffer | undefined;

/**
 * Reads a file unless it is over `maxBytes`. Synchronous on purpose: for the many small files of a
 * source tree (mostly in the page cache), thread-pool round trips cost more than the reads. A file
 * that fits the reusable first-read buffer costs open + read + close (no fstat, no allocation);
 * a larger one is sized with fstat, checked against the limit, then read whole.
 * The returned bytes may be a view of the shared buffer: use them before the next call.
 */
function readBounded(abs: string, maxBytes: number): Uint8Array | 'too-large' {
  const fd = openSync(abs, 'r');
  try {
    const first = (firstReadBuffer ??= Buffer.allocUnsafe(FIRST_READ));
    const n = readSync(fd, first, 0, FIRST_READ, 0);
    if (n < FIRST_READ) return n > maxBytes ? 'too-large' : first.subarray(0, n);
    const { size } = fstatSync(fd);
    if (size > maxBytes) return 'too-large';
    // The first read was positional (pread), so the descriptor is still at 0: read it all again.
    const bytes = readFileSync(fd);
    return bytes.length > maxBytes ? 'too-large' : bytes;
  } finally {
    closeSync(fd);
  }
}

export function scanTreeFile(file: TreeFile, ctx: ScanContext): FileResult {
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = readBounded(file.abs, ctx.maxFileSize);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'skipped', reason: SKIP_UNREADABLE, warning: `${file.path}: could not be read (${code}); skipped` };
  }
  if (bytes === 'too-large') return { kind: 'skipped', reason: SKIP_TOO_LARGE };
  if (looksBinary(bytes)) return { kind: 'skipped', reason: SKIP_BINARY };
  const { findings, warning } = scanFileText(decodeText(bytes), file.path, ctx);
  return warning ? { kind: 'scanned', bytes: bytes.length, findings, warning } : { kind: 'scanned', bytes: bytes.length, findings };
}
