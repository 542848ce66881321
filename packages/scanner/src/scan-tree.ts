/**
 * Working-tree scan: list the files under the root (honouring .gitignore, no symlinks followed),
 * read them with bounded concurrency, skip binary and oversized files (saying so in stats), and
 * run each through the same per-file pipeline as git scans.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createScanContext, type ScanContext } from './config/scan-context.js';
import type { Finding } from './finding.js';
import { compareFindings } from './make-finding.js';
import { scanFileText } from './scan-file.js';
import type { ScanOptions, ScanOutcome } from './scan-types.js';
import { decodeText, looksBinary } from './sources/decode.js';
import { listWorkingTree, type SkippedEntry, type TreeFile } from './sources/working-tree.js';

/** Files read at the same time. */
const READ_CONCURRENCY = 8;

export const SKIP_BINARY = 'binary';
export const SKIP_TOO_LARGE = 'over the size limit';
export const SKIP_UNREADABLE = 'unreadable';

type FileResult =
  | { readonly kind: 'scanned'; readonly bytes: number; readonly findings: Finding[]; readonly warning?: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly warning?: string };

/**
 * Reads a file unless it is over `maxBytes`. Synchronous on purpose: for the many small files of a
 * source tree (mostly in the page cache), promise-based file handles cost more in round trips than
 * the reads themselves; concurrency is bounded by the pool in `mapBounded` yielding between files.
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

async function scanOneFile(file: TreeFile, ctx: ScanContext): Promise<FileResult> {
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

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Which files to scan: the tree under a directory root, or the single file a root names. */
async function filesToScan(root: string, ctx: ScanContext) {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new Error(`path not found: ${root}`);
  if (info.isFile()) {
    return { files: [{ path: basename(root), abs: root }], skipped: [] as SkippedEntry[], warnings: [] as string[] };
  }
  return listWorkingTree({ root, wantsPath: ctx.wantsPath });
}

/** Scans the working tree at `options.root` (a directory, or a single file). */
export async function scanWorkingTree(options: ScanOptions): Promise<ScanOutcome> {
  const ctx = createScanContext(options.config);
  const listing = await filesToScan(options.root, ctx);
  const findings: Finding[] = [];
  const warnings = [...listing.warnings];
  const skipped = [...listing.skipped];
  let filesScanned = 0;
  let bytesScanned = 0;
  const results = await mapBounded(listing.files, READ_CONCURRENCY, (f) => scanOneFile(f, ctx));
  for (const [i, r] of results.entries()) {
    const path = listing.files[i]!.path;
    if (r.warning) warnings.push(r.warning);
    if (r.kind === 'skipped') {
      skipped.push({ path, reason: r.reason });
      continue;
    }
    filesScanned++;
    bytesScanned += r.bytes;
    findings.push(...r.findings);
  }
  findings.sort(compareFindings);
  return { findings, warnings, stats: { filesScanned, bytesScanned, skipped } };
}
