/**
 * A file version reduced to the lines worth scanning: the accepted lines (new, or known to hold a
 * finding) plus, as context only, the line before each of them (for `keyless-ignore-next-line`) and
 * the first line (shebang sniffing). Segments are joined with an empty line between them, so a
 * line-local scan of the result finds what a scan of the whole file finds on the accepted lines.
 * Findings are mapped back to the real line numbers; findings on context lines are dropped.
 */
import type { Finding } from '../../finding/finding.js';
import { mergeRanges, rangeContaining } from '../../formats/ranges.js';
import { lineEnd, lineStart, type ByteRange } from './line-novelty.js';

interface Segment {
  /** Byte range in the real file (whole lines). */
  readonly start: number;
  readonly end: number;
  /** Byte offset of the segment in the sparse buffer. */
  readonly sparseStart: number;
}

export interface SparseText {
  readonly bytes: Buffer;
  /** The finding at its real position, or undefined when it sits on a context line. */
  mapFinding(f: Finding): Finding | undefined;
}

/** 1-based line number of the line starting at byte `offset` (counts newlines before it). */
function lineNumberAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < offset; i = buf.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** `accepted`: sorted, merged, line-aligned byte ranges of `bytes`. */
export function buildSparseText(bytes: Buffer, accepted: readonly ByteRange[]): SparseText {
  const withContext: ByteRange[] = [[0, lineEnd(bytes, 0)]];
  for (const [s, e] of accepted) withContext.push([s > 0 ? lineStart(bytes, s - 1) : 0, e]);
  const segments: Segment[] = [];
  const parts: Buffer[] = [];
  let sparseLength = 0;
  for (const [s, e] of mergeRanges(withContext)) {
    if (segments.length > 0) {
      parts.push(SEPARATOR);
      sparseLength += SEPARATOR.length;
    }
    const part = bytes.subarray(s, e);
    segments.push({ start: s, end: e, sparseStart: sparseLength });
    parts.push(part);
    sparseLength += part.length;
  }
  const sparse = Buffer.concat(parts, sparseLength);

  return {
    bytes: sparse,
    mapFinding(f) {
      // Byte offset, in the sparse buffer, of the finding's line.
      let at = 0;
      for (let line = 1; line < f.line; line++) {
        const nl = sparse.indexOf(0x0a, at);
        if (nl === -1) return undefined;
        at = nl + 1;
      }
      let seg: Segment | undefined;
      for (const g of segments) if (g.sparseStart <= at) seg = g;
      if (!seg) return undefined;
      const real = seg.start + (at - seg.sparseStart);
      if (real >= seg.end || !rangeContaining(real, accepted)) return undefined;
      const line = lineNumberAt(bytes, real);
      return { ...f, line, endLine: line + (f.endLine - f.line) };
    },
  };
}

const SEPARATOR = Buffer.from('\n');
