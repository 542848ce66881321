/**
 * What a set of reports covers, repository by repository: one whole scan, or the N shards of one
 * split, each exactly once, all over the same commits (else their commit orders do not compare).
 * A set that overlaps (a repository twice, a shard twice, two splits) is refused; one that lacks
 * shards is refused unless partial results are allowed, and then says which shards are missing.
 */
import type { ReportPart } from './read-report.js';

/** A repository in a merged report (JSON `scan` / `repositories`). */
export interface MergedScan {
  readonly kind: 'history';
  readonly repository: string;
  readonly commits: number;
  readonly unscanned: number;
  /** With partial results allowed: the shards no report covered, as `I/N`. */
  readonly missingShards?: readonly string[];
}

const list = (items: readonly string[]) => items.join(', ');

function coverageOf(repository: string, parts: readonly ReportPart[], allowPartial: boolean): MergedScan {
  const files = (ps: readonly ReportPart[]) => list([...new Set(ps.map((p) => p.file))]);
  const whole = parts.filter((p) => !p.shard || p.shard.count === 1);
  if (whole.length > 0 && parts.length > 1) throw new Error(`repository ${repository} is covered more than once (${files(parts)})`);
  const commits = new Set(parts.map((p) => p.commits));
  if (commits.size > 1) {
    throw new Error(`repository ${repository}: the reports scanned different histories (${[...commits].join(' and ')} commits: ${files(parts)}); run every shard on the same commits`);
  }
  const unscanned = parts.reduce((n, p) => n + p.unscanned, 0);
  const inherited = parts.flatMap((p) => p.missingShards ?? []);
  const base = { kind: 'history' as const, repository, commits: parts[0]!.commits, unscanned };
  if (whole.length === 1) return inherited.length > 0 ? { ...base, missingShards: inherited } : base;

  const counts = [...new Set(parts.map((p) => p.shard!.count))];
  if (counts.length > 1) throw new Error(`repository ${repository}: shards of different splits (${list(parts.map((p) => `${p.shard!.index}/${p.shard!.count} in ${p.file}`))})`);
  const count = counts[0]!;
  // Shards whose splits of the paths differ overlap or leave paths out (a shard's cache came from
  // another listing than the others': sources/history/shard-plan.ts).
  const splits = [...new Set(parts.map((p) => p.shard!.split ?? ''))];
  if (splits.length > 1) {
    throw new Error(
      `repository ${repository}: the shards split the paths differently (${list(parts.map((p) => `${p.shard!.index}/${count} split ${p.shard!.split ?? 'unnamed'}`))}); ` +
        'a shard whose cache came from another run splits as that run did: run every shard with --no-cache, or with the caches of one run',
    );
  }
  const byIndex = new Map<number, ReportPart>();
  for (const p of parts) {
    const seen = byIndex.get(p.shard!.index);
    if (seen) throw new Error(`repository ${repository}: shard ${p.shard!.index}/${count} is in both ${seen.file} and ${p.file}`);
    byIndex.set(p.shard!.index, p);
  }
  const missing: string[] = [];
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0 && !allowPartial) {
    const have = [...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`);
    throw new Error(`repository ${repository}: shard${missing.length > 1 ? 's' : ''} ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} missing (have ${list(have)}); merge all ${count}, or pass --allow-partial`);
  }
  const allMissing = [...missing, ...inherited];
  return allMissing.length > 0 ? { ...base, missingShards: allMissing } : base;
}

/** The repositories the parts cover, by name; throws a one-line Error on an overlapping or incomplete set. */
export function mergedCoverage(parts: readonly ReportPart[], allowPartial: boolean): MergedScan[] {
  const byRepository = new Map<string, ReportPart[]>();
  for (const p of parts) byRepository.set(p.repository, [...(byRepository.get(p.repository) ?? []), p]);
  return [...byRepository.keys()].sort().map((r) => coverageOf(r, byRepository.get(r)!, allowPartial));
}
