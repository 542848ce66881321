/**
 * One working-tree file through the pipeline: read (unless over the size limit), skip binary,
 * decode, detect. Shared by the main thread and the tree-scan worker.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
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

/**
 * Reads a file unless it is over `maxBytes`. Synchronous on purpose: for the many small files of a
 * source tree (mostly in the page cache), thread-pool round trips cost more than the reads.
 */
function readBounded(abs: string, maxBytes: number): Buffer | 'too-large' {
  const fd = openSync(abs, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return 'too-large';
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function scanTreeFile(file: TreeFile, ctx: ScanContext): FileResult {
  let bytes: Buffer | 'too-large';
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
