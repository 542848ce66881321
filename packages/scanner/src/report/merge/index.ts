/** `keyless merge`: reports of shards and repositories into one (read, check coverage, merge, write). */
import { mergedCoverage } from './coverage.js';
import { mergeEntries } from './merge-findings.js';
import type { NotScanned, ReadReport } from './read-report.js';
import type { MergedReport } from './write-merged.js';

export { readReport, type ReadReport, type MergeEntry, type MergeFormat, type NotScanned, type ReportPart } from './read-report.js';
export { renderMergedJson, renderMergedSarif, renderMergedText, type MergedReport } from './write-merged.js';
export type { MergedScan } from './coverage.js';

/**
 * Merges read reports; throws a one-line Error when they overlap or (unless `allowPartial`) lack
 * shards. A repository listed as not scanned by one report and scanned by another counts as scanned.
 */
export interface MergeOptions {
  /** Accept shard sets with shards missing (the merged report lists them). */
  readonly allowPartial?: boolean;
  /** Repositories that could not be scanned at all (scan-repos), listed in the report. */
  readonly notScanned?: readonly NotScanned[];
  /** Name the repository in each finding even when there is one (scan-repos). */
  readonly nameRepositories?: boolean;
}

export function mergeReports(reports: readonly ReadReport[], options: MergeOptions = {}): MergedReport {
  const scans = mergedCoverage(
    reports.flatMap((r) => r.parts),
    options.allowPartial === true,
  );
  const scanned = new Set(scans.map((s) => s.repository));
  const notScanned = [...reports.flatMap((r) => r.notScanned), ...(options.notScanned ?? [])].filter((n) => !scanned.has(n.repository));
  return {
    scans,
    entries: mergeEntries(reports.flatMap((r) => r.entries)),
    notScanned,
    reports,
    ...(options.nameRepositories ? { nameRepositories: true } : {}),
  };
}
