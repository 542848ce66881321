/**
 * The incremental history cache: for one repository and one detection setup, the tip commits whose
 * history was fully scanned (exactly those the scan walked), a digest of the shallow boundary,
 * grafts and replace refs they were walked under, and the blobs that had findings (ids, paths and commits only; never a
 * secret), so that a re-scan reads only new commits plus those few blobs.
 * Stored as one JSON file per repository under the cache root; a file that fails validation is
 * ignored (full scan).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitInfo } from '../../finding/finding.js';
import { isSlowHashMemo, type SlowHashMemo } from './fingerprint-memo.js';
import type { Shard } from '../../pipeline/scan-types.js';
import type { StoredSplit } from './shard-plan.js';

/**
 * 2: tips are the commits walked (not ref targets) and `boundary` is recorded. 3: each intro keeps
 * its commit's order (reports' `commitOrder`); a shard has a file of its own. 4: a shard's file keeps
 * its split of the paths.
 */
export const HISTORY_CACHE_VERSION = 4;

/** One place a blob was introduced. */
export interface CachedIntro {
  readonly commit: CommitInfo;
  readonly time: number;
  readonly path: string;
  /** The commit's place in the commit order of the scan that listed it (IntroIndex.commitOrders). */
  readonly order: number;
}

export interface HistoryCacheData {
  readonly version: number;
  /** Hash of the repository location and of the detection setup (config, detectors, scanner). */
  readonly key: string;
  /** Commits whose whole ancestry was scanned. */
  readonly tips: readonly string[];
  /** Digest of the shallow boundary, grafts and replace refs of that scan (history-tips.ts). */
  readonly boundary: string;
  /** Number of commits those tips cover (for stats). */
  readonly commits: number;
  /** Commits the tips reach (reports' `scan.commits`; `commits` may count some no longer reachable). */
  readonly reachable: number;
  /** Blobs with findings, re-scanned each time (their intros are kept to attribute them). */
  readonly dirty: readonly { readonly blob: string; readonly intros: readonly CachedIntro[] }[];
  /** Blobs skipped (size limit, binary), repeated in stats. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Slow hashes of the findings' secrets, keyed by location, never by secret (fingerprint-memo.ts). */
  readonly slowHashes?: SlowHashMemo;
  /** A shard's split of the paths (shard-plan.ts), planned by the cold scan and kept from then on. */
  readonly split?: StoredSplit;
}

/**
 * The cache file of a repository, or of one shard of it (`--shard I/N`): a shard's file covers only
 * its paths (its blobs with findings and skipped paths) and is never read by another shard or by an
 * unsharded scan, which need the others' paths too.
 */
export function cacheFile(root: string, gitDir: string, shard?: Shard): string {
  const id = createHash('sha256').update(gitDir).digest('hex').slice(0, 32);
  const part = shard && shard.count > 1 ? `.shard-${shard.index}-of-${shard.count}` : '';
  return join(root, 'history', `${id}${part}.json`);
}

function isCommitInfo(x: unknown): x is CommitInfo {
  const c = x as CommitInfo;
  return !!c && typeof c.commit === 'string' && typeof c.author === 'string' && typeof c.email === 'string' && typeof c.date === 'string';
}

const SHA = /^[0-9a-f]{40,64}$/;
const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function isValid(x: unknown): x is HistoryCacheData {
  const d = x as HistoryCacheData;
  return (
    !!d &&
    d.version === HISTORY_CACHE_VERSION &&
    typeof d.key === 'string' &&
    typeof d.boundary === 'string' &&
    isCount(d.commits) &&
    isCount(d.reachable) &&
    Array.isArray(d.tips) &&
    d.tips.every((t) => typeof t === 'string' && SHA.test(t)) &&
    Array.isArray(d.skipped) &&
    d.skipped.every((s) => !!s && typeof s.path === 'string' && typeof s.reason === 'string') &&
    Array.isArray(d.dirty) &&
    (d.slowHashes === undefined || isSlowHashMemo(d.slowHashes)) &&
    d.dirty.every(
      (b) =>
        !!b &&
        typeof b.blob === 'string' &&
        SHA.test(b.blob) &&
        Array.isArray(b.intros) &&
        b.intros.every((i: CachedIntro) => !!i && isCommitInfo(i.commit) && SHA.test(i.commit.commit) && typeof i.path === 'string' && isCount(i.time) && isCount(i.order)),
    )
  );
}

export type CacheLoad =
  | { readonly kind: 'hit'; readonly data: HistoryCacheData }
  | { readonly kind: 'miss' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'corrupt'; readonly warning: string };

/** Reads the cache file; `stale` when it was written for another key (config or scanner changed). */
export async function loadHistoryCache(file: string, key: string): Promise<CacheLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'miss' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', warning: `history cache ${file} is not valid JSON; ignored (full scan)` };
  }
  if ((data as HistoryCacheData | null)?.version !== HISTORY_CACHE_VERSION) return { kind: 'stale' };
  if (!isValid(data)) return { kind: 'corrupt', warning: `history cache ${file} is malformed; ignored (full scan)` };
  return data.key === key ? { kind: 'hit', data } : { kind: 'stale' };
}

/** Writes the cache atomically (temp file + rename). */
export async function saveHistoryCache(file: string, data: HistoryCacheData): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
}

/**
 * The cache key: repository location + a hash of everything that decides what is found, and the
 * shard (a file written for one shard is stale for any other split).
 */
export function historyCacheKey(gitDir: string, setup: unknown, shard?: Shard): string {
  const part = shard && shard.count > 1 ? `${shard.index}/${shard.count}` : '';
  return createHash('sha256').update(gitDir).update('\0').update(JSON.stringify(setup)).update('\0').update(part).digest('hex');
}
