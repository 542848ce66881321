/**
 * Merging the findings of several reports: one per repository, path, fingerprint and suppression
 * (findings of different repositories or paths are never merged), the one with the earliest commit
 * order kept, the occurrence counts summed; in the scan's report order (repository, reported before
 * suppressed, path, line, column, rule), stable, so ties keep their report's order.
 */
import type { MergeEntry } from './read-report.js';

const identity = (e: MergeEntry) => `${e.repository}\0${e.path}\0${e.fingerprint}\0${e.suppressed}`;
const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(a: MergeEntry, b: MergeEntry): number {
  return (
    str(a.repository, b.repository) ||
    Number(a.suppressed !== '') - Number(b.suppressed !== '') ||
    str(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    str(a.ruleId, b.ruleId)
  );
}

const orderOf = (e: MergeEntry) => e.commitOrder ?? Number.POSITIVE_INFINITY;

export function mergeEntries(entries: readonly MergeEntry[]): MergeEntry[] {
  const kept = new Map<string, MergeEntry>();
  for (const e of entries) {
    const id = identity(e);
    const seen = kept.get(id);
    if (!seen) {
      kept.set(id, e);
      continue;
    }
    const earliest = orderOf(e) < orderOf(seen) ? e : seen;
    const occurrences = seen.occurrences !== undefined || e.occurrences !== undefined ? (seen.occurrences ?? 1) + (e.occurrences ?? 1) : undefined;
    kept.set(id, { ...earliest, ...(occurrences !== undefined ? { occurrences } : {}) });
  }
  return [...kept.values()].sort(compareEntries);
}
