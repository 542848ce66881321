/**
 * `keyless scan -`: one text read from standard input, scanned as if it were a file named `path`
 * (the name picks the format reader and is the reported path). The same size limit and binary
 * check as a working-tree file; the config's path filters do not apply (the caller chose the input).
 */
import { splitSuppressed } from '../filters/suppression.js';
import type { KeylessConfig } from '../config/types.js';
import { decodeText, looksBinary } from '../pipeline/decode.js';
import { createScanContext } from '../pipeline/scan-context.js';
import { scanFileText } from '../pipeline/scan-file.js';
import type { ScanOutcome } from '../pipeline/scan-types.js';
import { SKIP_BINARY, SKIP_TOO_LARGE } from '../sources/git/skip-reasons.js';

/** The name a stdin scan reports when the caller gives none. */
export const STDIN_DEFAULT_NAME = '<stdin>';

export function scanStdinBytes(bytes: Uint8Array, path: string, config: KeylessConfig): ScanOutcome {
  const ctx = createScanContext(config);
  const skipped = (reason: string): ScanOutcome => ({
    findings: [],
    warnings: [],
    stats: { filesScanned: 0, bytesScanned: 0, skipped: [{ path, reason }] },
  });
  if (bytes.length > ctx.maxFileSize) return skipped(SKIP_TOO_LARGE);
  if (looksBinary(bytes)) return skipped(SKIP_BINARY);
  const { findings, warning } = scanFileText(decodeText(bytes), path, ctx);
  return {
    ...splitSuppressed(findings),
    warnings: warning ? [warning] : [],
    stats: { filesScanned: 1, bytesScanned: bytes.length, skipped: [] },
  };
}
