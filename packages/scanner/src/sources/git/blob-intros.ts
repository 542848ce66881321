/**
 * Bookkeeping for blob-based git scans: which commit introduced which blob at which path, and the
 * aggregation of findings to one per path, rule and secret, attributed to the oldest introduction,
 * with the number of occurrences. Holds ids, paths and commit metadata only, never blob contents.
 */
import type { CommitInfo, Finding } from '../../finding/finding.js';
import { compareFindings } from '../../pipeline/make-finding.js';
import { CommitTable } from './commit-table.js';

/**
 * The commits of a history and the blobs each introduced at each path, stored compactly: a history
 * of a million commits introduces millions of (path, blob) pairs, held here as numbers (a path's
 * number, the blob id's bytes, the commit's number: 28 bytes each for SHA-1) rather than objects.
 */
export class IntroIndex {
  readonly commits = new CommitTable();
  private readonly paths: string[] = [];
  private readonly pathIds = new Map<string, number>();
  private intros = 0;
  private introPaths = new Int32Array(0);
  private introCommits = new Int32Array(0);
  /** The blob ids' bytes, as 32-bit words (an id: 5 words for SHA-1, 8 for SHA-256). */
  private introBlobs = new Uint32Array(0);
  /** `introBlobs` as bytes (a view, made again when it grows). */
  private introBlobBytes = Buffer.alloc(0);
  private words = 0;

  /** Adds a listed commit (git lists each commit once: not looked up); returns its number. */
  addListedCommit(info: CommitInfo, time: number): number {
    return this.commits.add(info, time);
  }

  /** The commit's number: the one it has if already added, else a new one. */
  addCommit(info: CommitInfo, time: number): number {
    return this.commits.find(info.commit) ?? this.commits.add(info, time);
  }

  /** Records that commit number `c` introduced `blob` (an object id, hex) at `path`. */
  addIntro(blob: string, c: number, path: string): void {
    if (this.words === 0) this.words = blob.length / 8;
    if (!BLOB_ID.test(blob) || blob.length !== this.words * 8) throw new Error(`unexpected object id '${blob.slice(0, 80)}' (ids of one length expected)`);
    let p = this.pathIds.get(path);
    if (p === undefined) {
      p = this.paths.length;
      this.paths.push(path);
      this.pathIds.set(path, p);
    }
    const i = this.intros++;
    if (i >= this.introPaths.length) {
      const size = Math.max(1024, this.introPaths.length * 2);
      this.introPaths = copied(this.introPaths, new Int32Array(size));
      this.introCommits = copied(this.introCommits, new Int32Array(size));
      this.introBlobs = copied(this.introBlobs, new Uint32Array(size * this.words));
      this.introBlobBytes = Buffer.from(this.introBlobs.buffer, this.introBlobs.byteOffset, this.introBlobs.byteLength);
    }
    this.introPaths[i] = p;
    this.introCommits[i] = c;
    this.introBlobBytes.write(blob, i * this.words * 4, 'hex');
  }

  /** How many introductions were recorded. */
  get introCount(): number {
    return this.intros;
  }

  /**
   * Every (path, blob) pair recorded, grouped by path (paths in code-unit order) and, within a path,
   * oldest first (by the oldest commit that introduced that blob there). The introductions are
   * dropped (memory): the versions hold them from now on.
   */
  takeVersions(): PathVersions {
    const n = this.intros;
    const w = this.words;
    const blobs = this.introBlobs;
    const pathRank = new Int32Array(this.paths.length);
    [...this.paths.keys()].sort((a, b) => (this.paths[a]! < this.paths[b]! ? -1 : this.paths[a]! > this.paths[b]! ? 1 : 0)).forEach((p, rank) => (pathRank[p] = rank));
    const sameBlob = (a: number, b: number) => {
      for (let k = 0; k < w; k++) if (blobs[a * w + k] !== blobs[b * w + k]) return false;
      return true;
    };
    // Introductions by path, then blob (any fixed order), then commit number (the order they were added).
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => {
      const d = pathRank[this.introPaths[a]!]! - pathRank[this.introPaths[b]!]!;
      if (d !== 0) return d;
      for (let k = 0; k < w; k++) {
        const x = blobs[a * w + k]!;
        const y = blobs[b * w + k]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return this.introCommits[a]! - this.introCommits[b]!;
    });
    // Runs of one (path, blob) are the versions; a commit is listed once per version. Typed arrays
    // throughout: at a million commits, arrays of numbers would cost tens of MB each.
    let firstIntro = new Int32Array(n);
    let starts = new Int32Array(n + 1);
    const commits = new Int32Array(n);
    let m = 0;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      const prev = j > 0 ? order[j - 1]! : -1;
      const sameVersion = prev >= 0 && this.introPaths[prev] === this.introPaths[i] && sameBlob(prev, i);
      if (!sameVersion) {
        firstIntro[count] = i;
        starts[count++] = m;
      } else if (this.introCommits[prev] === this.introCommits[i]) continue;
      commits[m++] = this.introCommits[i]!;
    }
    starts[count] = m;
    firstIntro = firstIntro.slice(0, count);
    starts = starts.slice(0, count + 1);
    // Each version's oldest introducing commit; versions ordered by path, then oldest first.
    const oldest = new Int32Array(count);
    for (let v = 0; v < count; v++) {
      let o = commits[starts[v]!]!;
      for (let k = starts[v]! + 1; k < starts[v + 1]!; k++) if (this.older(commits[k]!, o)) o = commits[k]!;
      oldest[v] = o;
    }
    const byAge = new Int32Array(count);
    for (let v = 0; v < count; v++) byAge[v] = v;
    byAge.sort((a, b) => {
      const d = pathRank[this.introPaths[firstIntro[a]!]!]! - pathRank[this.introPaths[firstIntro[b]!]!]!;
      if (d !== 0) return d;
      return this.older(oldest[a]!, oldest[b]!) ? -1 : this.older(oldest[b]!, oldest[a]!) ? 1 : 0;
    });
    const versionPaths = new Int32Array(count);
    const versionBlobs = new Uint32Array(count * w);
    const introStarts = new Int32Array(count + 1);
    const introCommits = new Int32Array(m);
    let at = 0;
    byAge.forEach((v, out) => {
      const i = firstIntro[v]!;
      versionPaths[out] = this.introPaths[i]!;
      versionBlobs.set(blobs.subarray(i * w, (i + 1) * w), out * w);
      introStarts[out] = at;
      introCommits.set(commits.subarray(starts[v]!, starts[v + 1]!), at);
      at += starts[v + 1]! - starts[v]!;
    });
    introStarts[count] = at;
    this.intros = 0;
    this.introPaths = new Int32Array(0);
    this.introCommits = new Int32Array(0);
    this.introBlobs = new Uint32Array(0);
    this.introBlobBytes = Buffer.alloc(0);
    return new PathVersions([...this.paths], versionPaths, versionBlobs, w, introStarts, introCommits);
  }

  /**
   * Commits known from the cache (by number), with the order the scan that listed them gave them:
   * on equal committer times they keep that order (their log order then), before commits listed now.
   */
  readonly fixedOrders = new Map<number, number>();

  /**
   * Each commit's place in the scan's commit order, oldest first (see `older`): exact when the
   * listing held every commit (no cache); an incremental scan ranks with git/commit-ranks.ts.
   */
  commitOrders(): Int32Array {
    const all = Array.from({ length: this.commits.length }, (_, c) => c);
    all.sort((a, b) => (this.older(a, b) ? -1 : this.older(b, a) ? 1 : 0));
    const orders = new Int32Array(this.commits.length);
    all.forEach((c, rank) => (orders[c] = rank));
    return orders;
  }

  /**
   * Is commit number `a` older than `b`? Committer time, then log order (later in the log is older);
   * commits from the cache keep the order of the scan that listed them.
   */
  older(a: number, b: number): boolean {
    const ta = this.commits.time(a);
    const tb = this.commits.time(b);
    if (ta !== tb) return ta < tb;
    // Same time: commits from the cache in the order their scan gave them (their log order then),
    // before the commits listed now; listed commits in log order.
    const oa = this.fixedOrders.get(a);
    const ob = this.fixedOrders.get(b);
    if (oa !== undefined || ob !== undefined) return ob === undefined || (oa !== undefined && oa < ob);
    return a > b;
  }
}

const BLOB_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function copied<T extends Int32Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The versions of a history: each blob at each path, with the commits (numbers in the index) that
 * introduced it there, numbered 0.. in scan order (grouped by path, oldest first within a path).
 */
export class PathVersions {
  constructor(
    private readonly paths: readonly string[],
    private readonly versionPaths: Int32Array,
    private readonly blobWords: Uint32Array,
    private readonly words: number,
    private readonly introStarts: Int32Array,
    private readonly introCommits: Int32Array,
  ) {}

  get length(): number {
    return this.versionPaths.length;
  }

  path(v: number): string {
    return this.paths[this.versionPaths[v]!]!;
  }

  /** Is version `v` at the same path as version `u`? */
  samePath(v: number, u: number): boolean {
    return this.versionPaths[v] === this.versionPaths[u];
  }

  blob(v: number): string {
    return Buffer.from(this.blobWords.buffer, this.blobWords.byteOffset + v * this.words * 4, this.words * 4).toString('hex');
  }

  /** The versions of the paths `keep` keeps, in the same order (renumbered 0..). */
  keepPaths(keep: (path: string) => boolean): PathVersions {
    const kept = this.paths.map((p) => keep(p));
    let count = 0;
    let intros = 0;
    for (let v = 0; v < this.length; v++) {
      if (!kept[this.versionPaths[v]!]) continue;
      count++;
      intros += this.introStarts[v + 1]! - this.introStarts[v]!;
    }
    const w = this.words;
    const versionPaths = new Int32Array(count);
    const blobWords = new Uint32Array(count * w);
    const introStarts = new Int32Array(count + 1);
    const introCommits = new Int32Array(intros);
    let out = 0;
    let at = 0;
    for (let v = 0; v < this.length; v++) {
      if (!kept[this.versionPaths[v]!]) continue;
      versionPaths[out] = this.versionPaths[v]!;
      blobWords.set(this.blobWords.subarray(v * w, (v + 1) * w), out * w);
      introStarts[out] = at;
      const mine = this.intros(v);
      introCommits.set(mine, at);
      at += mine.length;
      out++;
    }
    introStarts[count] = at;
    return new PathVersions(this.paths, versionPaths, blobWords, w, introStarts, introCommits);
  }

  /** The commits that introduced version `v` (in the order they were added). */
  intros(v: number): Int32Array {
    return this.introCommits.subarray(this.introStarts[v]!, this.introStarts[v + 1]!);
  }
}

interface Aggregate {
  finding: Finding;
  /** The introducing commit's number. */
  intro: number;
  occurrences: number;
}

/**
 * A finding's identity in a history: path, rule and secret (in memory only). Not the fingerprint:
 * that is a slow hash, and it has no path (the same secret at two paths is two findings).
 */
const identityOf = (f: Finding) => `${f.path}\0${f.ruleId}\0${f.secret}`;

/** One finding per path, rule and secret: the oldest introduction wins, every occurrence is counted. */
export class FindingAggregator {
  private readonly byIdentity = new Map<string, Aggregate>();

  constructor(private readonly index: IntroIndex) {}

  /** Findings of one blob's content at one path, introduced by each of the commits `intros` (numbers). */
  add(findings: readonly Finding[], intros: ArrayLike<number>): void {
    if (intros.length === 0) return;
    let oldest = intros[0]!;
    for (let k = 1; k < intros.length; k++) if (this.index.older(intros[k]!, oldest)) oldest = intros[k]!;
    for (const f of findings) {
      // A suppressed occurrence never absorbs an active one of the same secret (nor the reverse).
      const id = f.suppressed === undefined ? identityOf(f) : `${f.suppressed}\0${identityOf(f)}`;
      const agg = this.byIdentity.get(id);
      if (!agg) {
        this.byIdentity.set(id, { finding: f, intro: oldest, occurrences: intros.length });
        continue;
      }
      agg.occurrences += intros.length;
      const sameIntro = agg.intro === oldest;
      if (this.index.older(oldest, agg.intro) || (sameIntro && compareFindings(f, agg.finding) < 0)) {
        agg.finding = f;
        agg.intro = oldest;
      }
    }
  }

  get size(): number {
    return this.byIdentity.size;
  }

  /**
   * The findings, each with its introducing commit, occurrence count and (given the commit orders,
   * `IntroIndex.commitOrders`) the commit's order, in report order.
   */
  results(orders?: Int32Array): Finding[] {
    return [...this.byIdentity.values()]
      .map(({ finding, intro, occurrences }) => ({
        ...finding,
        commit: this.index.commits.info(intro),
        occurrences,
        ...(orders ? { commitOrder: orders[intro]! } : {}),
      }))
      .sort(compareFindings);
  }
}
