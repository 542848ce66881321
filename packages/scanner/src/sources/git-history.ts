/**
 * Full-history scan without computing diffs: list every commit reachable from any ref with the
 * blobs it introduces (`git log --raw -c`), read each (path, blob) version once through
 * `git cat-file --batch`, path by path and oldest first, and scan each version against the one
 * before it (only new lines, for line-local formats; see path-version-scan.ts) on worker threads.
 * Findings are attributed to the oldest commit and path that introduced them. With the cache, only
 * commits not reachable from the last scan's tips are listed, plus the few blobs that had findings.
 */
import { availableParallelism } from 'node:os';
import { createProgress } from '../cli/progress.js';
import { cacheFile, loadHistoryCache, saveHistoryCache, historyCacheKey, type CachedIntro, type HistoryCacheData } from '../cache/history-cache.js';
import { cacheRoot, isInside } from '../cache/cache-dir.js';
import { createScanContext, type ScanContext } from '../config/scan-context.js';
import type { Finding } from '../finding.js';
import type { ScanOptions, ScanOutcome } from '../scan-types.js';
import { inlinePool, workerPool, type BlobScanPool } from './blob-scan-pool.js';
import type { BlobVerdict } from './blob-scan.js';
import { FindingAggregator, IntroIndex, interleavePaths, pathVersions, type PathVersion } from './blob-intros.js';
import { readBlobs } from './git-cat-file.js';
import { logCommits, type LoggedCommit } from './git-log.js';
import { atMostCommitsBetween, countNotReachable, openRepo, peelToCommits, refTips, shallowBoundary, type GitRepo } from './git-repo.js';
import { detectionSetup } from './detection-setup.js';
import { SKIP_BINARY, SKIP_MISSING, SKIP_TOO_LARGE } from './skip-reasons.js';

export { SKIP_BINARY, SKIP_MISSING, SKIP_TOO_LARGE } from './skip-reasons.js';

/** Paths whose versions are read in turn (see interleavePaths). */
const PATH_LANES = 8;
/** New commits that a walk stopped only by the tips that went may list (else all old tips stop it). */
const FEW_NEW_COMMITS = 1000;
/** Scanning threads at most (beyond the main thread and git). */
const MAX_WORKERS = 3;
/** Below this many blobs, worker threads cost more to start than they save. */
const WORKER_THRESHOLD_BLOBS = 3000;
const MAX_WARNINGS = 50;

function workerCount(blobs: number): number {
  const env = process.env['KEYLESS_WORKERS'];
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  if (blobs < WORKER_THRESHOLD_BLOBS) return 0;
  // The main thread (reading git's output) and git itself keep one core busy: on 2 cores one worker
  // scanned typescript-eslint's history as fast as two (26.6 s vs 29.2 s) with 44 MB less memory.
  return Math.max(1, Math.min(availableParallelism() - 1, MAX_WORKERS));
}

function makePool(options: ScanOptions, ctx: ScanContext, blobs: number): BlobScanPool {
  const n = workerCount(blobs);
  return n > 0 ? workerPool(options.config, n) : inlinePool(ctx);
}

interface CachePlan {
  readonly file?: string;
  readonly key: string;
  readonly previous?: HistoryCacheData;
  readonly warnings: string[];
}

async function planCache(options: ScanOptions, repo: GitRepo, ctx: ScanContext, tips: readonly string[]): Promise<CachePlan> {
  const key = historyCacheKey(repo.gitDir, detectionSetup(options.config, ctx));
  if (options.cache === false) return { key, warnings: [] };
  const root = cacheRoot();
  if (isInside(repo.gitDir, root) || (repo.topLevel && isInside(repo.topLevel, root))) {
    return { key, warnings: [`cache directory ${root} is inside the scanned repository; cache not used`] };
  }
  const file = cacheFile(root, repo.gitDir);
  const loaded = await loadHistoryCache(file, key);
  if (loaded.kind === 'corrupt') return { file, key, warnings: [loaded.warning] };
  if (loaded.kind !== 'hit') return { file, key, warnings: [] };
  // Reuse only if nothing the previous scan covered became unreachable (rewritten or deleted refs).
  // Tips still present are reachable; a tip that went (a branch moved on) is usually an ancestor of
  // a new tip, which is cheap to check; only if not are all the tips consulted.
  try {
    const current = new Set(tips);
    const gone = loaded.data.tips.filter((t) => !current.has(t));
    if (gone.length > 0) {
      const known = new Set(loaded.data.tips);
      const added = tips.filter((t) => !known.has(t));
      const covered = (await countNotReachable(repo, gone, added)) === 0 || (await countNotReachable(repo, gone, tips)) === 0;
      if (!covered) return { file, key, warnings: [] };
    }
  } catch {
    return { file, key, warnings: [] };
  }
  return { file, key, previous: loaded.data, warnings: [] };
}

export async function scanGitHistory(options: ScanOptions): Promise<ScanOutcome> {
  const started = Date.now();
  const trace = (what: string) => {
    if (options.debug) process.stderr.write(`keyless: history: ${what} (${Date.now() - started} ms)\n`);
  };
  const repo = await openRepo(options.root);
  const ctx = createScanContext(options.config);
  const progress = createProgress({ enabled: options.progress === true });
  const tips = await refTips(repo);
  trace('refs read');
  const cache = await planCache(options, repo, ctx, tips);
  const warnings: string[] = [...cache.warnings];
  const previous = cache.previous;

  const index = new IntroIndex();
  const skippedByPath = new Map<string, string>();
  const skip = (path: string, reason: string) => {
    if (!skippedByPath.has(path + '\0' + reason)) skippedByPath.set(path + '\0' + reason, reason);
  };
  for (const s of previous?.skipped ?? []) skip(s.path, s.reason);

  trace(`${tips.length} ref tips, cache ${previous ? 'hit' : 'not used'}`);
  let newCommits = 0;
  progress.phase('history: listing', 0, 'commits');
  if (tips.length > 0) {
    const onCommit = (commit: LoggedCommit) => {
      newCommits++;
      const c = index.addCommit(commit.info, commit.time);
      for (const b of commit.blobs) if (ctx.wantsPath(b.path)) index.addIntro(b.blob, c, b.path);
      for (const s of commit.skipped) if (ctx.wantsPath(s.path)) skip(s.path, s.reason);
      progress.update(newCommits);
    };
    if (!previous) {
      // `--all` (not the tips) so that refs to non-commits are handled as git does; commits added
      // after the tips were read are scanned too, which only makes the cached tips conservative.
      await logCommits(repo.cwd, ['--all'], onCommit);
    } else {
      // Only the tips that moved or appeared start a walk (no second read of every ref), stopped
      // by the old tips: those that went when that is enough (a branch moved on), else all of them.
      const known = new Set(previous.tips);
      const current = new Set(tips);
      const moved = await peelToCommits(repo, tips.filter((t) => !known.has(t)));
      const gone = previous.tips.filter((t) => !current.has(t));
      if (moved.length > 0) {
        const few = gone.length > 0 && (await atMostCommitsBetween(repo, moved, gone, FEW_NEW_COMMITS));
        await logCommits(repo.cwd, [], onCommit, [...moved, ...(few ? gone : previous.tips).map((t) => `^${t}`)]);
      }
    }
  }
  for (const d of previous?.dirty ?? []) {
    for (const i of d.intros) index.addIntro(d.blob, index.addCommit(i.commit, i.time), i.path);
  }

  trace(`${newCommits} commits listed`);
  // The work: each (path, blob) pair once, grouped by path, oldest first within a path, so that
  // each version is scanned against the one before it (see path-version-scan.ts).
  const versions = interleavePaths(pathVersions(index), PATH_LANES);
  // The versions hold every introduction now; the map is not needed any more (memory).
  index.versionsByPath.clear();
  trace(`${versions.length} path versions ordered`);

  // Progress in commits: a commit is done when every version it introduces has been scanned.
  const remaining = new Int32Array(index.commits.length);
  for (const v of versions) for (const c of v.intros) remaining[c]!++;
  let commitsDone = remaining.filter((r) => r === 0).length;
  const finish = (v: PathVersion) => {
    for (const c of v.intros) if (--remaining[c]! === 0) commitsDone++;
    progress.update(commitsDone);
  };
  progress.phase('history', index.commits.length, 'commits');

  const aggregator = new FindingAggregator(index);
  const dirty = new Set<string>();
  const warnedPaths = new Set<string>();
  let blobsScanned = 0;
  let bytesScanned = 0;
  const onVerdict = (v: PathVersion) => (verdict: BlobVerdict) => {
    if (verdict.kind === 'binary') skip(v.path, SKIP_BINARY);
    else if (verdict.kind === 'scanned') {
      const r = verdict.perPath[0];
      if (r?.findings.length) {
        aggregator.add(r.findings, v.intros);
        dirty.add(v.blob);
      }
      if (r?.warning && !warnedPaths.has(v.path)) {
        warnedPaths.add(v.path);
        warnings.push(`${r.warning} (at ${index.commits[v.intros[0]!]!.info.commit.slice(0, 12)})`);
      }
    }
    finish(v);
  };

  const pool = makePool(options, ctx, versions.length);
  let next = 0;
  try {
    await readBlobs(
      repo.cwd,
      versions.map((v) => v.blob),
      async (_id, bytes, size) => {
        const v = versions[next++]!;
        if (!bytes) {
          skip(v.path, size < 0 ? SKIP_MISSING : SKIP_TOO_LARGE);
          finish(v);
          return;
        }
        blobsScanned++;
        bytesScanned += bytes.length;
        await pool.submit(bytes, v.path, v.last, onVerdict(v));
      },
      ctx.maxFileSize,
    );
  } finally {
    await pool.close();
    progress.finish();
  }

  trace(`${blobsScanned} blobs scanned`);
  const boundary = await shallowBoundary(repo);
  if (repo.shallow) {
    const first = boundary[0] ?? 'the oldest fetched commit';
    const more = boundary.length > 1 ? ` (and ${boundary.length - 1} more)` : '';
    warnings.push(`shallow clone: history before ${first}${more} is not scanned`);
  }
  const findings: Finding[] = aggregator.results();
  const skipped = [...skippedByPath].map(([k, reason]) => ({ path: k.slice(0, k.length - reason.length - 1), reason }));
  const commitsScanned = (previous?.commits ?? 0) + newCommits;

  if (cache.file) {
    const dirtyIntros = new Map<string, CachedIntro[]>();
    for (const v of versions) {
      if (!dirty.has(v.blob)) continue;
      const list = dirtyIntros.get(v.blob) ?? [];
      for (const c of v.intros) list.push({ commit: index.commits[c]!.info, time: index.commits[c]!.time, path: v.path });
      dirtyIntros.set(v.blob, list);
    }
    const dirtyList = [...dirtyIntros].map(([blob, intros]) => ({ blob, intros }));
    try {
      await saveHistoryCache(cache.file, { version: 1, key: cache.key, tips, commits: commitsScanned, dirty: dirtyList, skipped });
    } catch (err) {
      warnings.push(`history cache could not be written (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
  if (options.debug) {
    process.stderr.write(
      `keyless: history: ${newCommits} new commits${previous ? ` (cache: ${previous.commits} already scanned)` : ''}, ` +
        `${versions.length} path versions, ${blobsScanned} read (${bytesScanned} bytes), ${dirty.size} with findings\n`,
    );
  }
  const capped = warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `... and ${warnings.length - MAX_WARNINGS} more warnings`] : warnings;
  return {
    findings,
    warnings: capped,
    stats: { filesScanned: blobsScanned, bytesScanned, skipped, commitsScanned, shallow: repo.shallow },
  };
}
