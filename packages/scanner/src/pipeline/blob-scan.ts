/**
 * Scanning one blob's bytes for the paths it appeared at: binary check, a fast keyword gate over
 * the raw bytes (no finding is possible without one of the detectors' keywords), then the same
 * per-file pipeline as working-tree scans. Knows nothing of git.
 */
import type { ScanContext } from './scan-context.js';
import type { Engine } from '../detect/engine.js';
import type { Finding } from '../finding/finding.js';
import { scanFileText } from './scan-file.js';
import { decodeText, hasUtf16Bom, looksBinary } from './decode.js';
import { mayBePostureFile } from '../detect/posture/languages.js';
import { revealedTexts } from '../detect/revealed-text.js';

export type BlobVerdict =
  | { readonly kind: 'binary' }
  /** No keyword of any detector anywhere and no posture file: nothing can be found. */
  | { readonly kind: 'clean' }
  | { readonly kind: 'scanned'; readonly perPath: readonly { readonly findings: Finding[]; readonly warning?: string }[] };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A test for "could any detector report something in this text": every pattern detector needs one
 * of its keywords in the text, every assignment detector one in the key name, so one in the text
 * or in a decoding of it.
 * Runs on the bytes read as latin1 (keywords are ASCII; a UTF-16 file is decoded first).
 */
export function createKeywordGate(engine: Engine): (bytes: Buffer) => boolean {
  const words = new Set<string>();
  for (const d of engine.detectors) for (const k of d.keywords) if (k.length) words.add(k.toLowerCase());
  if (words.size === 0) return () => false;
  const ascii = [...words].every((w) => /^[\x20-\x7e]+$/.test(w));
  const list = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(list.join('|'), 'i');
  // A keyword may also hide behind an encoding the format readers undo (a base64 value): the text
  // passes when one appears in what the decoders could reveal (detect/revealed-text.ts).
  const inText = (text: string) => re.test(text) || revealedTexts(text).some((t) => re.test(t));
  const test = (bytes: Buffer) => inText(!ascii || hasUtf16Bom(bytes) ? decodeText(bytes) : bytes.toString('latin1'));
  // Adaptive: when almost every blob passes (catalogs with common keywords on ordinary code), the
  // gate only duplicates the engine's own prefilter, so it is consulted on a sample only.
  let tested = 0;
  let passed = 0;
  let seen = 0;
  return (bytes) => {
    seen++;
    const skipping = tested >= GATE_SAMPLE && passed / tested > GATE_USELESS_RATE;
    if (skipping && seen % GATE_SAMPLE !== 0) return true;
    const ok = test(bytes);
    tested++;
    if (ok) passed++;
    return ok;
  };
}

/** Blobs tested before the gate's pass rate is trusted, and the re-sampling period afterwards. */
const GATE_SAMPLE = 200;
/** Above this pass rate the gate saves less than it costs. */
const GATE_USELESS_RATE = 0.85;

/** Scans `bytes` once per path (format readers and findings depend on the path). */
export function scanBlob(
  bytes: Buffer,
  paths: readonly string[],
  ctx: ScanContext,
  gate: (bytes: Buffer) => boolean,
): BlobVerdict {
  if (looksBinary(bytes)) return { kind: 'binary' };
  // Posture rules need no secret keyword: a pipeline or IaC file passes the gate by its path.
  if (!gate(bytes) && !(ctx.posture.length > 0 && paths.some(mayBePostureFile))) return { kind: 'clean' };
  const text = decodeText(bytes);
  return { kind: 'scanned', perPath: paths.map((p) => scanFileText(text, p, ctx)) };
}
