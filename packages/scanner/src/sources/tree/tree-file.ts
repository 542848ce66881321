/**
 * One working-tree file through the pipeline: read (unless over the size limit), skip binary,
 * decode, detect. Shared by the main thread and the tree-scan worker.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { ScanContext } from '../../pipeline/scan-context.js';
import type { Finding } from '../../finding/finding.js';
import { scanFileText } from '../../pipeline/scan-file.js';
import { decodeText, looksBinary } from '../../pipeline/decode.js';
import { SKIP_BINARY, SKIP_TOO_LARGE, SKIP_UNREADABLE } from '../git/skip-reasons.js';
import { SKIP_SPECIAL } from './skip-reasons.js';
import type { TreeFile } from './working-tree.js';

export { SKIP_BINARY, SKIP_TOO_LARGE, SKIP_UNREADABLE };

export type FileResult =
  | { readonly kind: 'scanned'; readonly bytes: number; readonly findings: Finding[]; readonly warning?: string }
  /** `detail`: the error code of an unreadable file (EACCES, ENAMETOOLONG, EISDIR, ENOENT...). */
  | { readonly kind: 'skipped'; readonly reason: string; readonly detail?: string; readonly warning?: string };

/**
 * Opened without blocking: the listing only hands regular files here, but one replaced by a FIFO in
 * the meantime would block a plain open forever (O_NONBLOCK changes nothing for regular files).
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

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
function readBounded(abs: string | Uint8Array, maxBytes: number): Uint8Array | 'too-large' | 'special' {
  // A byte path arrives from a worker's message as a plain Uint8Array: view it as a Buffer (no copy).
  const fd = openSync(typeof abs === 'string' ? abs : Buffer.from(abs.buffer, abs.byteOffset, abs.byteLength), OPEN_FLAGS);
  try {
    const first = (firstReadBuffer ??= Buffer.allocUnsafe(FIRST_READ));
    let n: number;
    try {
      n = readSync(fd, first, 0, FIRST_READ, 0);
    } catch (err) {
      if (isSpecial(fd)) return 'special'; // a FIFO or device swapped in after the listing (ESPIPE...)
      throw err;
    }
    // Nothing read: an empty file, or something swapped in after the listing that is not a file.
    if (n === 0 && isSpecial(fd)) return 'special';
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

/** Neither a regular file nor a directory (FIFO, socket, device). */
function isSpecial(fd: number): boolean {
  const info = fstatSync(fd);
  return !info.isFile() && !info.isDirectory();
}

export function scanTreeFile(file: TreeFile, ctx: ScanContext): FileResult {
  let bytes: Uint8Array | 'too-large' | 'special';
  try {
    bytes = readBounded(file.abs, ctx.maxFileSize);
  } catch (err) {
    // Listed, then not readable (permissions, a path too long, a directory or nothing any more):
    // whatever it held was not scanned, so it is reported as such (the CLI fails closed on it).
    return { kind: 'skipped', reason: SKIP_UNREADABLE, detail: (err as NodeJS.ErrnoException).code ?? 'error' };
  }
  if (bytes === 'too-large') return { kind: 'skipped', reason: SKIP_TOO_LARGE };
  if (bytes === 'special') return { kind: 'skipped', reason: SKIP_SPECIAL };
  if (looksBinary(bytes)) return { kind: 'skipped', reason: SKIP_BINARY };
  const { findings, warning } = scanFileText(decodeText(bytes), file.path, ctx);
  return warning ? { kind: 'scanned', bytes: bytes.length, findings, warning } : { kind: 'scanned', bytes: bytes.length, findings };
}
