/**
 * Bookkeeping for blob-based git scans: which commit introduced which blob at which path, and the
 * aggregation of findings to one per path, rule and secret, attributed to the oldest introduction,
 * with the number of occurrences. Holds ids, paths and commit metadata only, never blob contents.
 */
import type { CommitInfo, Finding } from '../../finding/finding.js';
import { compareFindings } from '../../pipeline/make-finding.js';

export interface IndexedCommit {
  readonly info: CommitInfo;
  /** Committer time, seconds. */
  readonly time: number;
}

export class IntroIndex {
  readonly commits: IndexedCommit[] = [];
  private readonly commitIds = new Map<string, number>();
  /**
   * path -> blob id -> the commits (numbers) that introduced that blob at that path. Kept by path
   * from the start, as the scan reads it: no per-introduction objects (a history has ~10^5-10^6).
   */
  readonly versionsByPath = new Map<string, Map<string, number[]>>();

  addCommit(info: CommitInfo, time: number): number {
    const known = this.commitIds.get(info.commit);
    if (known !== undefined) return known;
    const c = this.commits.length;
    this.commits.push({ info, time });
    this.commitIds.set(info.commit, c);
    return c;
  }

  addIntro(blob: string, c: number, path: string): void {
    let blobs = this.versionsByPath.get(path);
    if (!blobs) this.versionsByPath.set(path, (blobs = new Map()));
    const list = blobs.get(blob);
    // A fresh copy of the id: the parser's id is a slice that would keep its whole line alive.
    if (!list) blobs.set(Buffer.from(blob, 'latin1').toString('latin1'), [c]);
    else if (!list.includes(c)) list.push(c);
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
    const ta = this.commits[a]!.time;
    const tb = this.commits[b]!.time;
    if (ta !== tb) return ta < tb;
    // Same time: commits from the cache in the order their scan gave them (their log order then),
    // before the commits listed now; listed commits in log order.
    const oa = this.fixedOrders.get(a);
    const ob = this.fixedOrders.get(b);
    if (oa !== undefined || ob !== undefined) return ob === undefined || (oa !== undefined && oa < ob);
    return a > b;
  }
}

/**
 * One blob at one path, with the commits (numbers in the index) that introduced it there. Held for
 * every version of a history at once: commit numbers, not objects (memory).
 */
export interface PathVersion {
  readonly path: string;
  readonly blob: string;
  readonly intros: readonly number[];
}

/**
 * Every (path, blob) pair of the index, grouped by path (paths in code-unit order) and, within a
 * path, oldest first (by the oldest commit that introduced that blob there).
 */
export function pathVersions(index: IntroIndex): PathVersion[] {
  const out: PathVersion[] = [];
  for (const path of [...index.versionsByPath.keys()].sort()) {
    const versions = [...index.versionsByPath.get(path)!].map(([blob, commits]) => {
      // A copy of exactly its length (a grown array keeps spare capacity).
      const intros = commits.length === 1 ? commits : commits.slice();
      let oldest = intros[0]!;
      for (const c of intros) if (index.older(c, oldest)) oldest = c;
      return { path, blob, intros, oldest };
    });
    versions.sort((a, b) => (index.older(a.oldest, b.oldest) ? -1 : index.older(b.oldest, a.oldest) ? 1 : 0));
    for (const { blob, intros } of versions) out.push({ path, blob, intros });
  }
  return out;
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
  add(findings: readonly Finding[], intros: readonly number[]): void {
    if (intros.length === 0) return;
    let oldest = intros[0]!;
    for (const i of intros) if (this.index.older(i, oldest)) oldest = i;
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
        commit: this.index.commits[intro]!.info,
        occurrences,
        ...(orders ? { commitOrder: orders[intro]! } : {}),
      }))
      .sort(compareFindings);
  }
}
