/**
 * Scans of changes: a commit range (`A..B`, a pull request) and the index (staged, pre-commit).
 * Each changed file's new blob is scanned whole (so formats apply) and a finding is kept only if its
 * secret (same rule) is not already in the file's previous version(s): for a merge, in none of the
 * parents. Unchanged secrets elsewhere in a touched file are not reported again.
 */
import { createScanContext, type ScanContext } from '../../pipeline/scan-context.js';
import type { CommitInfo, Finding } from '../../finding/finding.js';
import { splitSuppressed } from '../../filters/suppression.js';
import { compareFindings } from '../../pipeline/make-finding.js';
import type { ScanOptions, ScanOutcome } from '../../pipeline/scan-types.js';
import { createKeywordGate, scanBlob } from '../../pipeline/blob-scan.js';
import { FindingAggregator, IntroIndex } from '../git/blob-intros.js';
import { readBlobs } from '../git/git-cat-file.js';
import { logCommits, parseRawMeta } from '../git/git-log.js';
import { gitText, GitOutputError, NulSplitter, runGit, GitError } from '../git/git-process.js';
import { headCommit, openRepo } from '../git/git-repo.js';
import { explainPartialClone, failOnMissingBlobs } from '../git/missing-objects.js';
import { rangeEnds } from '../git/range-ends.js';
import { gateChangeNotices, ignoreAddedNotices } from './range-notices.js';
import { SKIP_BINARY, SKIP_MISSING, SKIP_TOO_LARGE } from '../git/skip-reasons.js';

/** One changed file: its new blob, and the blob at the same path before (one per parent). */
interface Change {
  readonly path: string;
  readonly blob: string;
  readonly baseBlobs: readonly string[];
  readonly commit?: { readonly info: CommitInfo; readonly time: number };
}

/** A secret under a rule, and whether it is suppressed: a secret whose ignore comment the range removes is new. */
const secretKey = (f: Finding) => `${f.ruleId}\0${f.suppressed ?? ''}\0${f.secret}`;

/**
 * Scans each needed (blob, path) once and returns the findings new in each change. The new blobs
 * are read first; a previous version is scanned only for a change whose new blob has findings (the
 * only case where it can drop one), so a range of ordinary commits scans each changed file once,
 * not twice. Every previous version is still read (a missing one fails the scan as before) and
 * counted in the stats; a warning about reading a previous version not scanned is not given.
 */
async function scanChanges(cwd: string, ctx: ScanContext, changes: readonly Change[]): Promise<Omit<ScanOutcome, 'stats'> & { stats: { filesScanned: number; bytesScanned: number; skipped: { path: string; reason: string }[]; excludedPaths: number } }> {
  const pathsByBlob = new Map<string, Set<string>>();
  const need = (blob: string, path: string) => {
    const s = pathsByBlob.get(blob);
    if (s) s.add(path);
    else pathsByBlob.set(blob, new Set([path]));
  };
  for (const ch of changes) need(ch.blob, ch.path);
  const newBlobs = new Set(pathsByBlob.keys());
  for (const ch of changes) for (const b of ch.baseBlobs) if (b) need(b, ch.path);
  // In cat-file order: every new blob before any previous-only one.
  const ids = [...pathsByBlob.keys()];
  const results = new Map<string, Finding[]>();
  const skippedBlobs = new Map<string, string>();
  const warnings: string[] = [];
  const gate = createKeywordGate(ctx.engine);
  let filesScanned = 0;
  let bytesScanned = 0;
  /** `blob\0path` of the previous versions to scan, known once the new blobs are scanned. */
  let wantedBase: Set<string> | undefined;
  const baseToScan = (): Set<string> => {
    const wanted = new Set<string>();
    for (const ch of changes) {
      if ((results.get(`${ch.blob}\0${ch.path}`) ?? []).length === 0) continue;
      for (const b of ch.baseBlobs) if (b) wanted.add(`${b}\0${ch.path}`);
    }
    return wanted;
  };
  await readBlobs(cwd, ids, (id, bytes, size) => {
    if (!bytes) return void skippedBlobs.set(id, size < 0 ? SKIP_MISSING : SKIP_TOO_LARGE);
    let paths = [...(pathsByBlob.get(id) ?? [])];
    filesScanned++;
    bytesScanned += bytes.length;
    if (!newBlobs.has(id)) {
      const wanted = (wantedBase ??= baseToScan());
      paths = paths.filter((p) => wanted.has(`${id}\0${p}`));
      if (paths.length === 0) return;
    }
    const v = scanBlob(bytes, paths, ctx, gate);
    if (v.kind === 'binary') skippedBlobs.set(id, SKIP_BINARY);
    if (v.kind !== 'scanned') return;
    v.perPath.forEach((r, i) => {
      results.set(`${id}\0${paths[i]}`, r.findings);
      if (r.warning) warnings.push(r.warning);
    });
  }, ctx.maxFileSize);

  const index = new IntroIndex();
  const aggregator = new FindingAggregator(index);
  const loose: Finding[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const ch of changes) {
    const reason = skippedBlobs.get(ch.blob);
    if (reason) {
      skipped.push({ path: ch.path, reason });
      continue;
    }
    const found = results.get(`${ch.blob}\0${ch.path}`) ?? [];
    if (found.length === 0) continue;
    const before = new Set<string>();
    for (const b of ch.baseBlobs) for (const f of results.get(`${b}\0${ch.path}`) ?? []) before.add(secretKey(f));
    const added = found.filter((f) => !before.has(secretKey(f)));
    if (!ch.commit) loose.push(...added);
    else aggregator.add(added, [index.addCommit(ch.commit.info, ch.commit.time)]);
  }
  await failOnMissingBlobs(cwd, [...skippedBlobs.values()].filter((r) => r === SKIP_MISSING).length);
  const findings = [...aggregator.results(), ...loose].sort(compareFindings);
  const split = splitSuppressed(findings);
  return { ...split, warnings: [...new Set(warnings)], stats: { filesScanned, bytesScanned, skipped, excludedPaths: ctx.excludedPaths() } };
}

/** Refuses a range git could read as an option or as several arguments. */
function checkRangeText(range: string): void {
  if (!range || range.startsWith('-') || /\s/.test(range)) throw new Error(`invalid range "${range}" (expected A..B)`);
}

/** `revisions` of a range whose ends are already resolved, once its text is checked. */
async function checkedRange(range: string, revisions: string[]): Promise<string[]> {
  checkRangeText(range);
  return Promise.resolve(revisions);
}

/** Validates a user-supplied range and expands it to revisions (`B`, `^A`) via rev-parse. */
async function rangeRevisions(cwd: string, range: string): Promise<string[]> {
  checkRangeText(range);
  try {
    const revs = (await gitText(cwd, ['rev-parse', '--revs-only', range, '--'])).split('\n').filter(Boolean);
    if (revs.length === 0) throw new GitError('no revisions', 1);
    return revs;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`invalid range "${range}": ${why}`);
  }
}

/** Commits in `range` (e.g. `origin/main..HEAD`): findings only for secrets those commits add. */
/** Settles nothing: marks a promise awaited later as handled, so a rejection not yet awaited is not reported. */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export async function scanGitRange(options: ScanOptions, range: string): Promise<ScanOutcome> {
  // The git questions that do not depend on each other are asked at once (git's start-up is most of
  // each one's cost); the errors keep their order: not a repository, then a bad range.
  // With the ends known, a two-dot range's revisions are `HEAD ^BASE` (what rev-parse would print).
  const known = options.rangeEnds;
  const repoAsked = options.repo ? Promise.resolve(options.repo) : openRepo(options.root);
  const revsAsked = later(known && !range.includes('...') ? checkedRange(range, [known.head, `^${known.base}`]) : rangeRevisions(options.root, range));
  const repo = await repoAsked;
  const ctx = createScanContext(options.config);
  const revs = await revsAsked;
  const endsAsked = later(known ? Promise.resolve(known) : rangeEnds(repo.cwd, range));
  const changes: Change[] = [];
  let commits = 0;
  await logCommits(repo.cwd, [], (c) => {
    commits++;
    const commit = { info: c.info, time: c.time };
    for (const b of c.blobs) if (ctx.wantsPath(b.path)) changes.push({ path: b.path, blob: b.blob, baseBlobs: b.parentBlobs, commit });
  }, revs);
  const r = await scanChanges(repo.cwd, ctx, changes).catch((err: unknown) => explainPartialClone(repo.cwd, revs, err));
  const { base, head } = await endsAsked;
  // The notices diff blobs; with objects missing (a broken clone) that diff would fail on git's own
  // line before the report: the scan already fails closed, naming each path it could not read.
  if (r.stats.skipped.some((s) => s.reason === SKIP_MISSING)) {
    const warnings = [...r.warnings, 'range notices not computed: objects are missing from this repository'];
    return { ...r, warnings, stats: { ...r.stats, commitsScanned: commits, shallow: repo.shallow }, notices: [] };
  }
  const [gateNotices, ignoreNotices] = await Promise.all([
    gateChangeNotices(repo.cwd, base, head, options.gateFiles ?? [], repo.prefix),
    later(ignoreAddedNotices(repo.cwd, base, head)),
  ]);
  const notices = [...gateNotices, ...ignoreNotices];
  return { ...r, stats: { ...r.stats, commitsScanned: commits, shallow: repo.shallow }, notices };
}

/**
 * Parses `git diff --raw -z` output into changes (deletions and gitlinks/symlinks dropped). Output it
 * does not understand throws GitOutputError (never read as "no changes").
 */
export function parseRawDiff(out: Buffer): { path: string; blob: string; baseBlobs: string[] }[] {
  const changes: { path: string; blob: string; baseBlobs: string[] }[] = [];
  let meta: ReturnType<typeof parseRawMeta>;
  const splitter = new NulSplitter((t) => {
    if (meta === undefined) {
      const line = t.toString('latin1').replace(/^\n+/, '');
      if (line === '') return;
      meta = parseRawMeta(line);
      if (!meta) throw new GitOutputError('diff', 'a malformed raw entry');
      return;
    }
    const m = meta;
    meta = undefined;
    if (/^0*$/.test(m.newBlob) || m.newMode === '160000' || m.newMode === '120000') return;
    changes.push({ path: t.toString('utf8'), blob: m.newBlob, baseBlobs: m.parentBlobs });
  });
  splitter.push(out);
  splitter.end();
  if (meta) throw new GitOutputError('diff', 'a raw entry has no path');
  return changes;
}

/** The index against HEAD (or the empty tree before the first commit): findings only for secrets being added. */
export async function scanGitStaged(options: ScanOptions): Promise<ScanOutcome> {
  // The diff is asked at the root while rev-parse answers (one round trip less); its result is
  // used only once the root is known to be a work tree, so its errors come after those.
  const repoAsked = options.repo ? Promise.resolve(options.repo) : openRepo(options.root);
  // Against HEAD, or against nothing before the first commit (git does either by itself).
  const diffAsked = later(runGit(options.root, ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--relative', '--no-ext-diff', '--']));
  const repo = await repoAsked;
  if (repo.bare) throw new Error(`${options.root}: a bare repository has no index to scan`);
  const ctx = createScanContext(options.config);
  const out = await diffAsked;
  const changes = parseRawDiff(out).filter((c) => ctx.wantsPath(c.path));
  const r = await scanChanges(repo.cwd, ctx, changes).catch(async (err: unknown) => explainPartialClone(repo.cwd, (await headCommit(repo)) ? ['HEAD'] : [], err));
  return { ...r, stats: { ...r.stats, shallow: repo.shallow } };
}
