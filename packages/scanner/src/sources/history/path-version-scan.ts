/**
 * Scans the successive versions of one path, oldest first, each against the one before it: for
 * formats whose findings depend only on their own line (code, plain text, lockfiles), only the
 * lines new in a version (line-novelty) and the lines that held a finding before ("hot" lines, so
 * every version still holding a secret counts as an occurrence) are scanned. Structured formats,
 * the first version of a path, and files with a multi-line detector's anchor are scanned whole;
 * a JSON version that parses like the one before and whose new lines hold no keyword, not at all.
 * Findings equal those of scanning every version whole, on the lines each version introduced.
 */
import type { ScanContext } from '../../pipeline/scan-context.js';
import type { Finding } from '../../finding/finding.js';
import { jsonReader, lockfileReader, readerFor, textReader, type FormatReader } from '../../formats/index.js';
import { scanFileText } from '../../pipeline/scan-file.js';
import type { BlobVerdict } from '../../pipeline/blob-scan.js';
import { decodeText, hasUtf16Bom, looksBinary } from '../../pipeline/decode.js';
import { lineEnd, lineStart, novelLineRanges, type ByteRange } from './line-novelty.js';
import { mergeRanges } from '../../formats/ranges.js';
import { buildSparseText } from './sparse-text.js';

/** Strict JSON (a subset of the JSONC the reader accepts), checked by the native parser. */
function parsesAsJson(bytes: Buffer): boolean {
  try {
    JSON.parse(decodeText(bytes));
    return true;
  } catch {
    return false;
  }
}

/** Readers whose candidates and skip ranges are decided within one line. */
function isLineLocal(reader: FormatReader): boolean {
  return reader === textReader || reader === lockfileReader;
}

/** A keyword of a detector whose matches span lines, and how far its matches reach, in bytes. */
export interface MultilineAnchor {
  readonly needle: Buffer;
  readonly before: number;
  readonly after: number;
}

/** Bytes per character at most (UTF-8), to turn a detector's window in characters into bytes. */
const MAX_BYTES_PER_CHAR = 4;

/**
 * The keywords of detectors whose matches span lines (PEM bodies, .netrc entries, PuTTY keys), as
 * their patterns require them (also in lower and upper case when the pattern ignores case).
 */
export function multilineAnchors(ctx: ScanContext): MultilineAnchor[] {
  const out = new Map<string, MultilineAnchor>();
  for (const d of ctx.engine.detectors) {
    if (d.kind !== 'pattern' || !d.window?.multiline) continue;
    const before = d.window.before * MAX_BYTES_PER_CHAR;
    const after = d.window.after * MAX_BYTES_PER_CHAR;
    for (const k of d.keywords) {
      const forms = d.pattern.flags.includes('i') ? [k, k.toLowerCase(), k.toUpperCase()] : [k];
      for (const w of forms) {
        const known = out.get(w);
        out.set(w, { needle: Buffer.from(w, 'utf8'), before: Math.max(before, known?.before ?? 0), after: Math.max(after, known?.after ?? 0) });
      }
    }
  }
  return [...out.values()];
}

/**
 * Line ranges of `bytes` within reach of an occurrence of `anchor` that itself is within reach of
 * one of the `near` ranges: only there can a multi-line match touch those ranges.
 */
function anchorWindowsNear(bytes: Buffer, anchor: MultilineAnchor, near: readonly ByteRange[]): ByteRange[] {
  const len = anchor.needle.length;
  const regions = mergeRanges(near.map(([s, e]): ByteRange => [Math.max(0, s - anchor.after - len), Math.min(bytes.length, e + anchor.before + len)]));
  const out: ByteRange[] = [];
  for (const [rs, re] of regions) {
    const region = bytes.subarray(rs, re);
    for (let at = region.indexOf(anchor.needle); at !== -1; at = region.indexOf(anchor.needle, at + 1)) {
      const p = rs + at;
      out.push([lineStart(bytes, Math.max(0, p - anchor.before)), lineEnd(bytes, Math.min(bytes.length, p + len + anchor.after))]);
    }
  }
  return out;
}

/** Whole lines of `bytes` equal to one of `lines` (each without its newline). */
function linesEqualTo(bytes: Buffer, lines: readonly Buffer[]): ByteRange[] {
  const out: ByteRange[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    for (let at = bytes.indexOf(line); at !== -1; at = bytes.indexOf(line, at + 1)) {
      if (at > 0 && bytes[at - 1] !== 0x0a) continue;
      const after = at + line.length;
      const ends = after === bytes.length || bytes[after] === 0x0a || (bytes[after] === 0x0d && (after + 1 === bytes.length || bytes[after + 1] === 0x0a));
      if (ends) out.push([at, lineEnd(bytes, at)]);
    }
  }
  return out;
}

/** Lines looked back over for a range's owning key before giving up (the file is then read whole). */
const MAX_OWNER_LOOKBACK = 256;

/** Width of the line's indentation, or -1 for a blank line. */
function indentOf(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  return i === end || bytes[i] === 0x0a || bytes[i] === 0x0d ? -1 : i - start;
}

/**
 * For each range, the nearest line above its first non-blank line that is less indented: the key
 * that owns a value written lines below it (`password:` over a YAML block or an indented value,
 * `"password":` over a JSON value). Undefined when one is not found within MAX_OWNER_LOOKBACK lines.
 */
function ownerLines(bytes: Buffer, ranges: readonly ByteRange[]): ByteRange[] | undefined {
  const out: ByteRange[] = [];
  for (const [s, e] of ranges) {
    let first = s;
    let indent = -1;
    while (first < e && (indent = indentOf(bytes, first, lineEnd(bytes, first))) === -1) first = lineEnd(bytes, first);
    if (indent <= 0) continue; // blank lines only, or a top-level line: nothing above owns it
    let at = first;
    let looked = 0;
    for (;;) {
      if (at === 0 || looked++ >= MAX_OWNER_LOOKBACK) return undefined;
      const above = lineStart(bytes, at - 1);
      const aboveIndent = indentOf(bytes, above, at);
      at = above;
      if (aboveIndent !== -1 && aboveIndent < indent) break;
    }
    out.push([at, lineEnd(bytes, at)]);
  }
  return out;
}

/** What is remembered of one path between its versions. */
interface PathState {
  previous: Buffer | undefined;
  /** Lines (bytes, no newline) that held a finding in an earlier version of this path. */
  readonly hot: Map<string, Buffer>;
  /** The multi-line anchors present in the previous version (or, once seen, possibly present). */
  anchors: MultilineAnchor[];
  /** The previous version was read by its structured reader (it parsed; no fallback to text). */
  parsed: boolean;
}

/** Paths whose state is kept at once; beyond, the least recently used is forgotten (its next version is scanned whole). */
const MAX_OPEN_PATHS = 256;

export class PathVersionScanner {
  /** Open paths, least recently used first. */
  private readonly open = new Map<string, PathState>();
  private readonly anchors: MultilineAnchor[];

  constructor(
    private readonly ctx: ScanContext,
    private readonly gate: (bytes: Buffer) => boolean,
  ) {
    this.anchors = multilineAnchors(ctx);
  }

  private stateOf(path: string): PathState {
    let state = this.open.get(path);
    if (state) this.open.delete(path);
    else state = { previous: undefined, hot: new Map(), anchors: [], parsed: false };
    this.open.set(path, state);
    if (this.open.size > MAX_OPEN_PATHS) this.open.delete(this.open.keys().next().value as string);
    return state;
  }

  /**
   * A JSON file is read whole, as its values depend on keys lines away. A version need not be read
   * at all when it reads the same way as the version before (both parse: the reader did not fall
   * back to text, and strict JSON now), that version held no finding and no multi-line anchor, and
   * the new lines, each with the key line that owns it, hold no detector keyword.
   */
  private quietJsonVersion(state: PathState, bytes: Buffer, previous: Buffer): boolean {
    if (state.hot.size > 0 || state.anchors.length > 0) return false;
    const novel = novelLineRanges(bytes, previous);
    const owners = novel.length > 0 ? ownerLines(bytes, novel) : [];
    if (owners === undefined) return false;
    if (novel.length > 0) {
      const sparse = buildSparseText(bytes, mergeRanges([...novel, ...owners]));
      if (this.anchors.some((a) => sparse.bytes.includes(a.needle)) || this.gate(sparse.bytes)) return false;
    }
    return parsesAsJson(bytes);
  }

  /**
   * Scans `bytes`, the next version of `path` (versions of one path come oldest first; other
   * paths may come in between). `last`: no more versions of this path follow (its state is dropped).
   */
  scan(path: string, bytes: Buffer, last = false): BlobVerdict {
    const state = this.stateOf(path);
    if (last) this.open.delete(path);
    if (looksBinary(bytes)) return { kind: 'binary' };
    const previous = state.previous;
    state.previous = bytes;
    // The reader is decided by the path (JSON files are JSONC: appsettings, package.json, tsconfig...).
    const reader = readerFor(path, '');
    if (previous && state.parsed && reader === jsonReader && !hasUtf16Bom(bytes) && this.quietJsonVersion(state, bytes, previous)) return { kind: 'clean' };
    if (!previous || hasUtf16Bom(bytes) || !isLineLocal(reader)) {
      state.anchors = this.anchors.filter((a) => bytes.includes(a.needle));
      state.parsed = false;
      if (!this.gate(bytes)) return { kind: 'clean' };
      const result = scanFileText(decodeText(bytes), path, this.ctx);
      state.parsed = result.warning === undefined;
      return remember(state, result);
    }
    let accepted = mergeRanges([...novelLineRanges(bytes, previous), ...linesEqualTo(bytes, [...state.hot.values()])]);
    let sparse = buildSparseText(bytes, accepted);
    // A multi-line match may reach into new lines from an anchor on an old line. An anchor present
    // now is on a new line or was in the previous version; once seen, a path keeps it as a
    // candidate (finding out that it left would take a full search).
    state.anchors = this.anchors.filter((a) => state.anchors.includes(a) || sparse.bytes.includes(a.needle));
    const windows = state.anchors.flatMap((a) => anchorWindowsNear(bytes, a, accepted));
    if (windows.length > 0 && accepted.length > 0) {
      accepted = mergeRanges([...accepted, ...windows]);
      sparse = buildSparseText(bytes, accepted);
    }
    if (accepted.length === 0 || !this.gate(sparse.bytes)) return { kind: 'clean' };
    const result = scanFileText(decodeText(sparse.bytes), path, this.ctx);
    const findings = result.findings.map((f) => sparse.mapFinding(f)).filter((f): f is Finding => f !== undefined);
    return remember(state, result.warning ? { findings, warning: result.warning } : { findings });
  }
}

/** Notes the lines that held findings (hot lines) and wraps the result as a verdict. */
function remember(state: PathState, result: { findings: Finding[]; warning?: string }): BlobVerdict {
  for (const f of result.findings) {
    if (!state.hot.has(f.lineText)) state.hot.set(f.lineText, Buffer.from(f.lineText, 'utf8'));
  }
  return { kind: 'scanned', perPath: [result] };
}
