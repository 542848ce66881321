/**
 * What every reader does last: add the ranges no reader should scan (`data:...;base64,` URIs),
 * merge the skip ranges, and drop candidates that lie inside one.
 */
import { mergeRanges, rangeContaining, type Range } from './ranges.js';
import type { Candidate, FormatReadResult } from './types.js';

/** `data:image/png;base64,....` and friends (images, fonts, inlined blobs in bundles and notebooks); URL-safe base64 too. */
const DATA_URI = /data:[a-z]{1,20}\/[\w.+-]{1,64}(?:;[\w.+-]{1,64}(?:=[\w.+-]{1,64})?){0,4};base64,[A-Za-z0-9+/_-]*={0,2}/gi;

/** Offsets of every base64 `data:` URI in `text`. */
export function dataUriRanges(text: string): Range[] {
  if (!text.includes(';base64,')) return [];
  const out: Range[] = [];
  DATA_URI.lastIndex = 0;
  for (let m = DATA_URI.exec(text); m !== null; m = DATA_URI.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** Does the candidate lie wholly inside one of the merged ranges? (lockfiles have thousands) */
function insideOne(c: Candidate, ranges: readonly Range[]): boolean {
  const r = rangeContaining(c.start, ranges);
  return r !== undefined && c.end <= r[1];
}

/** The reader's result with data-URI skips added and skipped candidates removed. */
export function finishRead(text: string, candidates: readonly Candidate[], skipRanges: readonly Range[]): FormatReadResult {
  const ranges = mergeRanges([...skipRanges, ...dataUriRanges(text)]);
  return {
    candidates: ranges.length ? candidates.filter((c) => !insideOne(c, ranges)) : [...candidates],
    skipRanges: ranges,
  };
}

/** 1-based line and column of an offset, for error messages. */
export function positionText(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
