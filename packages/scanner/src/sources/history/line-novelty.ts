/**
 * Which lines of a file version are new compared with the previous version of the same path,
 * computed without a diff algorithm: common runs are skipped with native byte comparisons, and
 * after a difference the next line is looked up in the previous version to re-align. Lines inside
 * a common run exist, with the same line before them, in the previous version, so a line-local
 * scan of the previous version already judged them. Everything else is "novel": lines that differ,
 * lines that could not be re-aligned, and the first line of every common run after a difference
 * (its previous line changed, and a `keyless-ignore-next-line` above it may have gone).
 * Errs towards novel: a wrong re-alignment only makes the next run short.
 */

import type { Range } from '../../formats/ranges.js';

/** A half-open byte range [start, end) of whole lines. */
export type ByteRange = Range;

/** How far ahead (and a quarter of that behind) of the lost alignment a line is looked up. */
const REALIGN_WINDOW = 16 * 1024;
/** Total bytes the look-ups may search, per byte of the current version, before giving up. */
const SEARCH_BUDGET_PER_BYTE = 32;
const SEARCH_BUDGET_MIN = 1 << 20;
/** First comparison size when measuring a common run; doubles while equal. */
const GALLOP_START = 256;
/** Below this many bytes, a mismatch is located byte by byte. */
const BYTEWISE_TAIL = 32;
/** Lines shorter than this (with their newline) are never used to re-align. */
const MIN_ANCHOR_LINE = 8;
/** Occurrences of a line tried as re-alignment points, per direction. */
const MAX_REALIGN_TRIES = 8;

/** Length of the common prefix of a[ai..] and b[bi..] (native comparisons, galloping). */
export function commonLength(a: Buffer, ai: number, b: Buffer, bi: number): number {
  const max = Math.min(a.length - ai, b.length - bi);
  let ok = 0;
  let step = GALLOP_START;
  while (ok < max) {
    const n = Math.min(step, max - ok);
    if (a.compare(b, bi + ok, bi + ok + n, ai + ok, ai + ok + n) === 0) {
      ok += n;
      step *= 2;
      continue;
    }
    // The first `lo` bytes of this chunk are known equal: each probe compares only [lo, mid);
    // the last few bytes are compared one by one (cheaper than more native calls).
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > BYTEWISE_TAIL) {
      const mid = (lo + hi + 1) >> 1;
      if (a.compare(b, bi + ok + lo, bi + ok + mid, ai + ok + lo, ai + ok + mid) === 0) lo = mid;
      else hi = mid - 1;
    }
    while (lo < hi && a[ai + ok + lo] === b[bi + ok + lo]) lo++;
    return ok + lo;
  }
  return ok;
}

/** End of the line starting at `i` (just past its newline, or the buffer's end). */
export function lineEnd(buf: Buffer, i: number): number {
  const nl = buf.indexOf(0x0a, i);
  return nl === -1 ? buf.length : nl + 1;
}

/** Start of the line holding byte `i`. */
export function lineStart(buf: Buffer, i: number): number {
  return i <= 0 ? 0 : buf.lastIndexOf(0x0a, i - 1) + 1;
}

/**
 * A line start in `other` in [from, to) where `from_` re-aligns at `i` (either buffer may be the
 * current version): its line equals `needle` (the line at `i`) and the common run there goes on
 * over the next line too, or both buffers end.
 * A lone matching line (`  version: 1.0.0`, `});`) is usually somewhere else in the file.
 */
function realign(from_: Buffer, i: number, other: Buffer, needle: Buffer, from: number, to: number): number {
  // Indentation is searched for last: a needle starting with spaces makes the search crawl.
  let indent = 0;
  while (indent < needle.length && (needle[indent] === 0x20 || needle[indent] === 0x09)) indent++;
  if (indent === needle.length) return -1;
  const body = needle.subarray(indent);
  // Searched in a view: indexOf has no end bound and would otherwise run to the end of `other`.
  const window = other.subarray(from + indent, to);
  let pos = 0;
  for (let tries = 0; tries < MAX_REALIGN_TRIES && pos < window.length; tries++) {
    const found = window.indexOf(body, pos);
    if (found === -1) return -1;
    pos = found + 1;
    const at = from + found;
    if (at !== 0 && other[at - 1] !== 0x0a) continue;
    if (indent > 0 && other.compare(needle, 0, indent, at, at + indent) !== 0) continue;
    if (startsCommonLines(from_, i, other, at, 2)) return at;
  }
  return -1;
}

/** Do a[ai..] and b[bi..] agree over `lines` whole lines of a from ai (or both end there)? */
function startsCommonLines(a: Buffer, ai: number, b: Buffer, bi: number, lines = 1): boolean {
  let e = ai;
  for (let l = 0; l < lines && e < a.length; l++) e = lineEnd(a, e);
  const len = e - ai;
  if (bi + len > b.length) return false;
  if (a.compare(b, bi, bi + len, ai, e) !== 0) return false;
  // A last line without a newline must be the last line of b too.
  return a[e - 1] === 0x0a || bi + len === b.length;
}

/** Lines ahead, in each file, that the in-place re-alignment tries before any search. */
const NEARBY_LINES = 4;

/** Starts of the `count` lines from `i` on, and the end of the last (fewer at the buffer's end). */
function lineBounds(buf: Buffer, i: number, count: number): number[] {
  const out: number[] = [];
  let at = i;
  while (out.length < count && at < buf.length) {
    out.push(at);
    at = lineEnd(buf, at);
  }
  out.push(at);
  return out;
}

/**
 * Where the files agree again (two whole lines, as `realign` requires) within NEARBY_LINES lines
 * after the differing lines at `i` (cur) and `j` (prev), nearest first: [cur offset, prev offset].
 * Cur's lines skipped over are inserted or changed (novel); prev's were deleted or changed. Line
 * lengths are compared before any bytes.
 */
function nearbyRealignment(cur: Buffer, i: number, prev: Buffer, j: number): [number, number] | undefined {
  const c = lineBounds(cur, i, NEARBY_LINES + 2);
  const p = lineBounds(prev, j, NEARBY_LINES + 2);
  const cLines = c.length - 1;
  const pLines = p.length - 1;
  for (let distance = 1; distance <= 2 * NEARBY_LINES; distance++) {
    for (let a = Math.max(0, distance - NEARBY_LINES); a <= Math.min(distance, NEARBY_LINES); a++) {
      const b = distance - a;
      if (a >= cLines || b >= pLines) continue;
      const ci = c[a] as number;
      const pj = p[b] as number;
      if ((c[a + 1] as number) - ci !== (p[b + 1] as number) - pj || cur[ci] !== prev[pj]) continue;
      // The second line must agree too, unless both files end after the first.
      const secondC = a + 1 < cLines;
      const secondP = b + 1 < pLines;
      if (secondC !== secondP) continue;
      if (secondC && (c[a + 2] as number) - (c[a + 1] as number) !== (p[b + 2] as number) - (p[b + 1] as number)) continue;
      if (startsCommonLines(cur, ci, prev, pj, 2)) return [ci, pj];
    }
  }
  return undefined;
}

/**
 * The novel lines of `cur` relative to `prev`, as sorted, non-overlapping, line-aligned byte ranges.
 * Every line of `cur` outside them equals a line of `prev` that follows the same line as in `cur`.
 */
export function novelLineRanges(cur: Buffer, prev: Buffer): ByteRange[] {
  const ranges: [number, number][] = [];
  const mark = (s: number, e: number) => {
    const last = ranges[ranges.length - 1];
    if (last && last[1] >= s) last[1] = Math.max(last[1], e);
    else ranges.push([s, e]);
  };
  const n = cur.length;
  let budget = SEARCH_BUDGET_PER_BYTE * n + SEARCH_BUDGET_MIN;
  let i = 0;
  let j = 0;
  let aligned = true;
  while (i < n) {
    if (aligned) {
      const k = commonLength(cur, i, prev, j);
      // Whole common lines: up to the last newline inside the run, or both buffers' ends.
      let runEnd = i;
      if (i + k === n && j + k === prev.length) runEnd = n;
      else if (k > 0) runEnd = Math.max(i, cur.lastIndexOf(0x0a, i + k - 1) + 1);
      if (runEnd > i) {
        // The run's first line is novel unless both files start here (same, empty, line before).
        if (i !== 0 || j !== 0) mark(i, lineEnd(cur, i));
        j += runEnd - i;
        i = runEnd;
        continue;
      }
      aligned = false;
    }
    // The lines at i (cur) and j (prev) differ. Where do the files meet again? The line at i
    // further on in prev (prev's lines before it were deleted), the line at j further on in cur
    // (cur's lines before it were inserted: novel), whichever is nearer; else lines i and j are a
    // changed pair (i is novel) and the next pair is tried.
    while (i < n && !aligned) {
      if (budget <= 0) {
        mark(i, n);
        return ranges;
      }
      const e = lineEnd(cur, i);
      const pe = j < prev.length ? lineEnd(prev, j) : j;
      if (e < n && pe < prev.length && startsCommonLines(cur, e, prev, pe)) {
        // A changed line: the lines after the pair agree again (no search needed).
        mark(i, e);
        i = e;
        j = pe;
        aligned = true;
        continue;
      }
      // A few lines changed, inserted or deleted in place (a lockfile entry's version, resolved
      // and integrity lines): the files meet again within a few lines, found without a search.
      const near = nearbyRealignment(cur, i, prev, j);
      if (near !== undefined) {
        if (near[0] > i) mark(i, near[0]);
        i = near[0];
        j = near[1];
        aligned = true;
        continue;
      }
      let inPrev = -1;
      let inCur = -1;
      // Short lines (blank, `}`) occur everywhere: re-aligning on them would mostly be wrong.
      if (e - i >= MIN_ANCHOR_LINE && j < prev.length) {
        const to = Math.min(prev.length, j + REALIGN_WINDOW);
        budget -= to - j;
        inPrev = realign(cur, i, prev, cur.subarray(i, e), j, to);
      }
      if (pe - j >= MIN_ANCHOR_LINE) {
        const to = Math.min(n, i + (inPrev === -1 ? REALIGN_WINDOW : inPrev - j));
        budget -= to - i;
        inCur = to > i ? realign(prev, j, cur, prev.subarray(j, pe), i, to) : -1;
      }
      if (inCur !== -1) {
        mark(i, inCur);
        i = inCur;
        aligned = true;
      } else if (inPrev !== -1) {
        j = inPrev;
        aligned = true;
      } else {
        mark(i, e);
        i = e;
        j = pe;
      }
    }
  }
  return ranges;
}
