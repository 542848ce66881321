/**
 * Full-history scan without computing diffs: list every commit reachable from any ref with the
 * blobs it introduces (`git log --raw -c`), read each (path, blob) version once through
 * `git cat-file --batch`, path by path and oldest first, and scan each version against the one
 * before it (only new lines, for line-local formats; see path-version-scan.ts) on worker threads.
 * Findings are attributed to the oldest commit and path that introduced them. With the cache, only
 * commits not reachable from the last scan's tips are listed, plus the few blobs that had findings.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cacheFile, HISTORY_CACHE_VERSION, loadHistoryCache, saveHistoryCache, historyCacheKey, type CachedIntro, type HistoryCacheData } from './history-cache.js';
import { cacheRoot, isInside } from './cache-dir.js';
import { recallSlowHashes, slowHashMemoOf } from './fingerprint-memo.js';
import { prepareFingerprints } from '../../finding/fingerprint.js';
import { splitSuppressed } from '../../filters/suppression.js';
import { createScanContext, type ScanContext } from '../../pipeline/scan-context.js';
import { NO_PROGRESS, type ScanOptions, type ScanOutcome, type ScanProgress } from '../../pipeline/scan-types.js';
import { FindingAggregator, IntroIndex, type PathVersions } from '../git/blob-intros.js';
import type { LaneResult, PathGroup } from './path-lane.js';
import { scanPathGroups, type PathGroupList } from './path-lane-pool.js';
import { logCommits, type LoggedCommit } from '../git/git-log.js';
import { atMostCommitsBetween, countNotReachable, openRepo, peelToCommits, shallowBoundary, type GitRepo } from '../git/git-repo.js';
import { explainPartialClone, failOnMissingBlobs } from '../git/missing-objects.js';
import { readHistoryTips, type HistoryTips } from './history-tips.js';
import { detectionSetup } from './detection-setup.js';
import { SKIP_BINARY, SKIP_MISSING, SKIP_TOO_LARGE } from '../git/skip-reasons.js';
import { repositoryIdentity } from '../git/repo-identity.js';
import { rankCommits } from '../git/commit-ranks.js';
import { shardFilter, type ShardSplit } from './shard.js';
import { planSplit, restoredSplit, splitDigest, storedSplit } from './shard-plan.js';
import { objectSizes } from '../git/git-cat-file.js';
import { openShardListing, writeAll, WRITE_NEW, writeShardListings } from './shard-listing.js';

export { SKIP_BINARY, SKIP_MISSING, SKIP_TOO_LARGE } from '../git/skip-reasons.js';

/** New commits that a walk stopped only by the tips that went may list (else all old tips stop it). */
const FEW_NEW_COMMITS = 1000;
/** Scanning threads at most (each with a git process of its own). */
const MAX_WORKERS = 4;
/** Below this many blobs, worker threads cost more to start than they save. */
const WORKER_THRESHOLD_BLOBS = 3000;
const MAX_WARNINGS = 50;

function workerCount(blobs: number): number {
  const env = process.env['KEYLESS_WORKERS'];
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  if (blobs < WORKER_THRESHOLD_BLOBS) return 0;
  // One lane per core: the main thread only hands out paths and collects results.
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

/**
 * The versions grouped by path (they come grouped, oldest first), numbered by their index. A group's
 * blob ids are made only when a lane takes it (memory: a history has millions of versions).
 */
function groupByPath(versions: PathVersions): PathGroupList & { first(g: number): number; last(g: number): number } {
  const starts: number[] = [];
  for (let v = 0; v < versions.length; v++) if (v === 0 || !versions.samePath(v, v - 1)) starts.push(v);
  starts.push(versions.length);
  return {
    length: starts.length - 1,
    size: (g) => starts[g + 1]! - starts[g]!,
    first: (g) => starts[g]!,
    last: (g) => starts[g + 1]! - 1,
    path: (g) => versions.path(starts[g]!),
    group: (g): PathGroup => {
      const ids = Array.from({ length: starts[g + 1]! - starts[g]! }, (_, k) => starts[g]! + k);
      return { path: versions.path(starts[g]!), blobs: ids.map((v) => versions.blob(v)), ids };
    },
  };
}

interface CachePlan {
  readonly file?: string;
  readonly key: string;
  readonly previous?: HistoryCacheData;
  readonly warnings: string[];
}

/**
 * Decides whether the previous scan's cache can be built on. Only if it was written for this key,
 * under the same shallow boundary, grafts and replace refs, every tip it recorded still exists as a
 * commit, and nothing it covered became unreachable (a rewritten or deleted ref whose commits are
 * gone from every current tip): otherwise a full scan. `reason` says why not, for --debug.
 */
async function planCache(options: ScanOptions, repo: GitRepo, ctx: ScanContext, state: HistoryTips, fromListing: boolean): Promise<CachePlan & { reason: string }> {
  // No key without a cache: it hashes the scanner's own code (a few hundred ms of file reads).
  if (options.cache === false) return { key: '', warnings: [], reason: '--no-cache' };
  const key = historyCacheKey(repo.gitDir, detectionSetup(options.config, ctx), options.shard);
  const root = cacheRoot();
  if (isInside(repo.gitDir, root) || (repo.topLevel && isInside(repo.topLevel, root))) {
    return { key, warnings: [`cache directory ${root} is inside the scanned repository; cache not used`], reason: 'inside the repository' };
  }
  const file = cacheFile(root, repo.gitDir, options.shard);
  // A shard listing is a whole, planned listing: the scan starts from it (and writes the cache).
  if (fromListing) return { file, key, warnings: [], reason: 'a shard listing is given' };
  const loaded = await loadHistoryCache(file, key);
  if (loaded.kind === 'corrupt') return { file, key, warnings: [loaded.warning], reason: 'invalid file' };
  if (loaded.kind !== 'hit') return { file, key, warnings: [], reason: loaded.kind };
  if (loaded.data.boundary !== state.boundary) return { file, key, warnings: [], reason: 'shallow boundary, grafts or replace refs changed' };
  if (options.shard && options.shard.count > 1 && !restoredSplit(options.shard.count, loaded.data.split)) return { file, key, warnings: [], reason: 'no split of the paths' };
  // Tips still present are reachable; a tip that went (a branch moved on) is usually an ancestor of
  // a new tip, which is cheap to check; only if not are all the tips consulted.
  try {
    const previousTips = loaded.data.tips;
    if ((await peelToCommits(repo, previousTips)).length !== new Set(previousTips).size) {
      return { file, key, warnings: [], reason: 'a cached tip is no longer a commit here' };
    }
    const current = new Set(state.commits);
    const gone = previousTips.filter((t) => !current.has(t));
    if (gone.length > 0) {
      const known = new Set(previousTips);
      const added = state.commits.filter((t) => !known.has(t));
      const covered = (await countNotReachable(repo, gone, added)) === 0 || (await countNotReachable(repo, gone, state.commits)) === 0;
      if (!covered) return { file, key, warnings: [], reason: 'history the cache covered is no longer reachable' };
    }
  } catch {
    return { file, key, warnings: [], reason: 'cached tips could not be checked' };
  }
  return { file, key, previous: loaded.data, warnings: [], reason: '' };
}

/** Paths skipped (size limit, binary, missing object), once per path and reason. */
class SkippedPaths {
  private readonly byKey = new Map<string, { path: string; reason: string }>();

  add(path: string, reason: string): void {
    const key = `${path}\0${reason}`;
    if (!this.byKey.has(key)) this.byKey.set(key, { path, reason });
  }

  /** Keeps the paths of one shard only. */
  keep(inShard: (path: string) => boolean): void {
    for (const [key, s] of this.byKey) if (!inShard(s.path)) this.byKey.delete(key);
  }

  /** Sorted by path, then reason (lanes finish paths in any order). */
  list(): { path: string; reason: string }[] {
    return [...this.byKey.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
}

/** Where a listing comes from: git (`tap` sees its bytes), or a shard listing's reader (shard-listing.ts). */
interface ListingSource {
  readonly tap?: (chunk: Buffer) => void;
  readonly read?: (onCommit: (c: LoggedCommit) => void) => Promise<void>;
}

/**
 * Lists the commits to scan into `index`, with the blobs each introduces: every commit reachable
 * from `tips` without a cache; with one, only those not reachable from the cached tips, walked from
 * the tips that moved or appeared and stopped by the old tips (those that went when that is enough,
 * a branch moved on; else all of them). Keeps the paths `wants`. Returns how many commits were listed.
 */
async function listCommits(
  repo: GitRepo,
  wants: (path: string) => boolean,
  tips: readonly string[],
  previous: HistoryCacheData | undefined,
  index: IntroIndex,
  skipped: SkippedPaths,
  progress: ScanProgress,
  source: ListingSource = {},
): Promise<number> {
  let listed = 0;
  progress.phase('history: listing', 0, 'commits');
  if (tips.length === 0) return 0;
  const onCommit = (commit: LoggedCommit) => {
    listed++;
    const c = index.addListedCommit(commit.info, commit.time);
    // Every shard lists every commit (the same commit order everywhere); see `wants`.
    for (const b of commit.blobs) if (wants(b.path)) index.addIntro(b.blob, c, b.path);
    for (const s of commit.skipped) if (wants(s.path)) skipped.add(s.path, s.reason);
    progress.update(listed);
  };
  if (source.read) {
    await source.read(onCommit);
    return listed;
  }
  if (!previous) {
    await logCommits(repo.cwd, [], onCommit, tips, source.tap);
    return listed;
  }
  const known = new Set(previous.tips);
  const current = new Set(tips);
  const moved = tips.filter((t) => !known.has(t));
  const gone = previous.tips.filter((t) => !current.has(t));
  if (moved.length > 0) {
    const few = gone.length > 0 && (await atMostCommitsBetween(repo, moved, gone, FEW_NEW_COMMITS));
    await logCommits(repo.cwd, [], onCommit, [...moved, ...(few ? gone : previous.tips).map((t) => `^${t}`)]);
  }
  return listed;
}

/**
 * The split of a history's paths into `count` shards, planned from the whole listing (shard-plan.ts):
 * each path weighed by its versions and their typical size, from one `cat-file --batch-check` of its
 * oldest, middle and newest versions (Simpson's rule: a file that grew, a changelog or a lockfile,
 * is far from its final size on average).
 */
async function planFromListing(repo: GitRepo, versions: PathVersions, count: number, maxFileSize: number): Promise<ShardSplit> {
  const groups = groupByPath(versions);
  const samples = Array.from({ length: groups.length }, (_, g) => {
    const first = groups.first(g);
    const last = groups.last(g);
    return [first, (first + last) >> 1, last].map((v) => versions.blob(v));
  });
  const sizes = await objectSizes(repo.cwd, [...new Set(samples.flat())]);
  // A version over the size limit is not read: it weighs its fixed cost only.
  const read = (blob: string) => {
    const size = sizes.get(blob) ?? 0;
    return size > maxFileSize ? 0 : size;
  };
  const paths = Array.from({ length: groups.length }, (_, g) => {
    const [oldest, middle, newest] = samples[g]!.map(read) as [number, number, number];
    return { path: groups.path(g), versions: groups.size(g), size: (oldest + 4 * middle + newest) / 6 };
  });
  return planSplit(count, paths);
}

/** What scanning the path versions gave. */
interface VersionScan {
  readonly aggregator: FindingAggregator;
  /** Blobs with findings (re-scanned from the cache next time). */
  readonly dirty: Set<string>;
  /** The first warning of each path, sorted by path. */
  readonly warnings: string[];
  readonly blobsScanned: number;
  readonly bytesScanned: number;
}

/**
 * Scans every path version on the lanes (path by path, oldest first, each against the one before
 * it: see path-version-scan.ts), attributing findings to the commits that introduced each version.
 * Progress is counted in commits: a commit is done when every version it introduces is scanned.
 */
async function scanVersions(
  repo: GitRepo,
  options: ScanOptions,
  ctx: ScanContext,
  index: IntroIndex,
  versions: PathVersions,
  tips: readonly string[],
  skipped: SkippedPaths,
  progress: ScanProgress,
): Promise<VersionScan> {
  const remaining = new Int32Array(index.commits.length);
  for (let v = 0; v < versions.length; v++) for (const c of versions.intros(v)) remaining[c]!++;
  let commitsDone = remaining.filter((r) => r === 0).length;
  progress.phase('history', index.commits.length, 'commits');

  const aggregator = new FindingAggregator(index);
  const dirty = new Set<string>();
  const pathWarnings = new Map<string, string>();
  let blobsScanned = 0;
  let bytesScanned = 0;
  const missingBlobs = new Set<string>();
  const onResult = (r: LaneResult) => {
    const v = { path: versions.path(r.id), intros: versions.intros(r.id) };
    if ('unread' in r) {
      skipped.add(v.path, r.unread === 'missing' ? SKIP_MISSING : SKIP_TOO_LARGE);
      if (r.unread === 'missing') missingBlobs.add(versions.blob(r.id));
    } else {
      blobsScanned++;
      bytesScanned += r.size;
      const verdict = r.verdict;
      if (verdict.kind === 'binary') skipped.add(v.path, SKIP_BINARY);
      else if (verdict.kind === 'scanned') {
        const found = verdict.perPath[0];
        if (found?.findings.length) {
          aggregator.add(found.findings, v.intros);
          dirty.add(versions.blob(r.id));
        }
        if (found?.warning && !pathWarnings.has(v.path)) {
          pathWarnings.set(v.path, `${found.warning} (at ${index.commits.id(v.intros[0]!).slice(0, 12)})`);
        }
      }
    }
    for (const c of v.intros) if (--remaining[c]! === 0) commitsDone++;
    progress.update(commitsDone);
  };

  try {
    await scanPathGroups(repo.cwd, options.config, ctx, groupByPath(versions), workerCount(versions.length), onResult);
  } catch (err) {
    await explainPartialClone(repo.cwd, tips, err);
  } finally {
    progress.finish();
  }
  await failOnMissingBlobs(repo.cwd, missingBlobs.size);
  const warnings = [...pathWarnings.keys()].sort().map((path) => pathWarnings.get(path)!);
  return { aggregator, dirty, warnings, blobsScanned, bytesScanned };
}

/** The blobs with findings and where each was introduced, for the cache's next re-scan. */
function dirtyIntrosOf(index: IntroIndex, versions: PathVersions, dirty: ReadonlySet<string>, orders: Int32Array): HistoryCacheData['dirty'] {
  const dirtyIntros = new Map<string, CachedIntro[]>();
  if (dirty.size === 0) return [];
  for (let v = 0; v < versions.length; v++) {
    const blob = versions.blob(v);
    if (!dirty.has(blob)) continue;
    const list = dirtyIntros.get(blob) ?? [];
    for (const c of versions.intros(v)) list.push({ commit: index.commits.info(c), time: index.commits.time(c), path: versions.path(v), order: orders[c]! });
    dirtyIntros.set(blob, list);
  }
  return [...dirtyIntros].map(([blob, intros]) => ({ blob, intros }));
}

/**
 * Each indexed commit's place in the scan's commit order (reports' `commitOrder`), and how many
 * commits the tips reach. A full listing holds every commit: ranked in memory. An incremental one
 * does not: one light `git log` pass ranks them among all (the same numbers a full scan gives).
 */
async function commitOrdersOf(
  repo: GitRepo,
  index: IntroIndex,
  tips: readonly string[],
  previous: HistoryCacheData | undefined,
  listed: number,
  attributed: boolean,
): Promise<{ orders: Int32Array; commits: number }> {
  if (!previous) return { orders: attributed ? index.commitOrders() : new Int32Array(0), commits: listed };
  // Nothing new since the cached scan: its orders and count still hold.
  const now = new Set(tips);
  const same = new Set(previous.tips).size === now.size && previous.tips.every((t) => now.has(t));
  if (listed === 0 && same && index.fixedOrders.size === index.commits.length) {
    return { orders: Int32Array.from({ length: index.commits.length }, (_, c) => index.fixedOrders.get(c)!), commits: previous.reachable };
  }
  const ids = Array.from({ length: index.commits.length }, (_, c) => index.commits.id(c));
  const wanted = new Map(ids.map((id, c) => [id, index.commits.time(c)]));
  const { count, ranks } = await rankCommits(repo.cwd, tips, wanted);
  // A commit no tip reaches any more (the cache would have been dropped): after every other.
  const orders = Int32Array.from(ids, (id) => ranks.get(id) ?? count);
  return { orders, commits: count };
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export async function scanGitHistory(options: ScanOptions): Promise<ScanOutcome> {
  const started = Date.now();
  const trace = (what: string) => {
    if (!options.debug) return;
    const m = process.memoryUsage();
    process.stderr.write(`keyless: history: ${what} (${Date.now() - started} ms, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB)\n`);
  };
  const repo = await openRepo(options.root);
  const ctx = createScanContext(options.config, { posture: false });
  const progress = options.onProgress ?? NO_PROGRESS;
  // The refs are read once: exactly these commits are walked and recorded in the cache.
  const state = await readHistoryTips(repo);
  const tips = state.commits;
  trace('refs read');
  const sharded = options.shard && options.shard.count > 1 ? options.shard : undefined;
  const listing = sharded && options.shardListing !== undefined ? openShardListing(options.shardListing, sharded, state) : undefined;
  const cache = await planCache(options, repo, ctx, state, listing !== undefined);
  const warnings: string[] = [...cache.warnings];
  const previous = cache.previous;

  const index = new IntroIndex();
  const skipped = new SkippedPaths();
  for (const s of previous?.skipped ?? []) skipped.add(s.path, s.reason);
  trace(`${tips.length} ref tips, cache ${previous ? 'hit' : `not used (${cache.reason})`}`);
  // A shard keeps the paths of its split: its listing's (shard-listing.ts) or the cached one (the
  // paths its cache covers), else one planned from the whole listing once it is made (every shard
  // plans the same: shard-plan.ts).
  let split = listing?.split ?? (sharded && previous ? restoredSplit(sharded.count, previous.split) : undefined);
  let inShard = shardFilter(sharded, split);
  const excludedAll = new Set<string>();
  const wants = split || !sharded
    ? (path: string) => inShard(path) && ctx.wantsPath(path)
    : (path: string) => ctx.wantsPath(path) || (excludedAll.add(path), false);
  const newCommits = await listCommits(repo, wants, tips, previous, index, skipped, progress, listing ? { read: listing.read } : {});
  for (const d of previous?.dirty ?? []) {
    for (const i of d.intros) {
      if (!inShard(i.path)) continue;
      const c = index.addCommit(i.commit, i.time);
      if (c >= newCommits) index.fixedOrders.set(c, i.order);
      index.addIntro(d.blob, c, i.path);
    }
  }
  trace(`${newCommits} commits listed`);

  // The work: each (path, blob) pair once, grouped by path, oldest first within a path, so that
  // each version is scanned against the one before it (see path-version-scan.ts).
  let versions = index.takeVersions();
  let excludedPaths: number | undefined;
  if (sharded && !split) {
    split = await planFromListing(repo, versions, sharded.count, ctx.maxFileSize);
    inShard = shardFilter(sharded, split);
    versions = versions.keepPaths(inShard);
    skipped.keep(inShard);
    excludedPaths = [...excludedAll].filter(inShard).length;
    const heaviest = [...split.placed].slice(0, 3).map(([p, i]) => `${p} on ${i}`).join(', ');
    trace(`split planned: ${split.placed.size} paths placed by weight (${heaviest || 'none'}${split.placed.size > 3 ? ', ...' : ''}), hash slots ${split.slots.join('/')}`);
  }
  // The listing's garbage would otherwise stay in this thread's heap, idle while the lanes scan
  // (the CLI runs history scans with gc exposed: see cli/relaunch.ts).
  (globalThis as { gc?: () => void }).gc?.();
  trace(`${versions.length} path versions ordered`);

  const scan = await scanVersions(repo, options, ctx, index, versions, tips, skipped, progress);
  warnings.push(...scan.warnings);
  trace(`${scan.blobsScanned} blobs scanned`);
  const boundary = await shallowBoundary(repo);
  if (repo.shallow) {
    const first = boundary[0] ?? 'the oldest fetched commit';
    const more = boundary.length > 1 ? ` (and ${boundary.length - 1} more)` : '';
    warnings.push(`shallow clone: history before ${first}${more} is not scanned`);
  }
  const { orders, commits: reachable } = await commitOrdersOf(repo, index, tips, previous, newCommits, scan.aggregator.size > 0);
  trace('commit orders');
  const { findings, suppressed } = splitSuppressed(scan.aggregator.results(orders));
  // Fingerprints: remembered ones are recalled; the rest computed only if the caller will ask.
  recallSlowHashes([...findings, ...suppressed], previous?.slowHashes);
  if (options.fingerprints) await prepareFingerprints([...findings, ...suppressed]);
  const skippedList = skipped.list();
  const commitsScanned = (previous?.commits ?? 0) + newCommits;

  if (cache.file) {
    try {
      await saveHistoryCache(cache.file, {
        version: HISTORY_CACHE_VERSION,
        key: cache.key,
        tips,
        boundary: state.boundary,
        commits: commitsScanned,
        reachable,
        dirty: dirtyIntrosOf(index, versions, scan.dirty, orders),
        skipped: skippedList,
        slowHashes: slowHashMemoOf([...findings, ...suppressed]),
        ...(split ? { split: storedSplit(split) } : {}),
      });
    } catch (err) {
      warnings.push(`history cache could not be written (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
  if (options.debug) {
    process.stderr.write(
      `keyless: history: ${newCommits} new commits${previous ? ` (cache: ${previous.commits} already scanned)` : ''}, ` +
        `${versions.length} path versions, ${scan.blobsScanned} read (${scan.bytesScanned} bytes), ${scan.dirty.size} with findings\n`,
    );
  }
  const capped = warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `... and ${warnings.length - MAX_WARNINGS} more warnings`] : warnings;
  const shard = options.shard && split ? { ...options.shard, split: splitDigest(split) } : options.shard;
  const scanned = { repository: await repositoryIdentity(repo), ...(shard ? { shard } : {}), commits: reachable };
  return {
    findings,
    suppressed,
    scanned,
    warnings: capped,
    stats: { filesScanned: scan.blobsScanned, bytesScanned: scan.bytesScanned, skipped: skippedList, commitsScanned, shallow: repo.shallow, excludedPaths: excludedPaths ?? ctx.excludedPaths() },
  };
}

/** What `keyless plan-shards` wrote. */
export interface ShardPlan {
  readonly files: readonly string[];
  readonly commits: number;
  readonly versions: number;
  readonly split: ShardSplit;
}

/**
 * `keyless plan-shards`: lists the history at `options.root` once, plans its split into `count`
 * shards as every shard would (the same config decides the same paths), and writes each shard's
 * listing into the directory `dir` (shard-listing.ts). The whole listing is kept in a temporary file
 * there meanwhile (never in memory), and removed.
 */
export async function planShards(options: ScanOptions, count: number, dir: string): Promise<ShardPlan> {
  const repo = await openRepo(options.root);
  const ctx = createScanContext(options.config, { posture: false });
  const state = await readHistoryTips(repo);
  const index = new IntroIndex();
  const whole = join(dir, `.keyless-listing-${process.pid}.tmp`);
  const fd = openSync(whole, WRITE_NEW, 0o600);
  try {
    let commits: number;
    try {
      const tap = (chunk: Buffer) => writeAll(fd, chunk);
      commits = await listCommits(repo, (path) => ctx.wantsPath(path), state.commits, undefined, index, new SkippedPaths(), options.onProgress ?? NO_PROGRESS, { tap });
    } finally {
      closeSync(fd);
    }
    const versions = index.takeVersions();
    const split = await planFromListing(repo, versions, count, ctx.maxFileSize);
    const files = writeShardListings(whole, dir, split, state, commits);
    return { files, commits, versions: versions.length, split };
  } finally {
    rmSync(whole, { force: true });
  }
}
