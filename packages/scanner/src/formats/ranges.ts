/**
 * Half-open offset ranges [start, end): merging and lookup. Shared by the format readers (skip
 * ranges) and the history scan (line ranges of a file version).
 */
export type Range = readonly [number, number];

/** Sorted, non-overlapping union of ranges (empty ones dropped). */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The range of `sorted` (merged, as mergeRanges gives) holding `offset`, by binary search. */
export function rangeContaining(offset: number, sorted: readonly Range[]): Range | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = sorted[mid]!;
    if (offset < r[0]) hi = mid - 1;
    else if (offset >= r[1]) lo = mid + 1;
    else return r;
  }
  return undefined;
}
