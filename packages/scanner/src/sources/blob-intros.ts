/**
 * Bookkeeping for blob-based git scans: which commit introduced which blob at which path, and the
 * aggregation of findings to one per fingerprint, attributed to the oldest introduction, with the
 * number of occurrences. Holds ids, paths and commit metadata only, never blob contents.
 */
import type { CommitInfo, Finding } from '../finding.js';
import { compareFindings } from '../make-finding.js';

export interface IndexedCommit {
  readonly info: CommitInfo;
  /** Committer time, seconds. */
  readonly time: number;
}

/** A blob introduced by commit number `c` at `path`. */
export interface Intro {
  readonly c: number;
  readonly path: string;
}

export class IntroIndex {
  readonly commits: IndexedCommit[] = [];
  private readonly commitIds = new Map<string, number>();
  /** blob id -> where it was introduced (in log order: newest first). */
  readonly blobs = new Map<string, Intro[]>();

  addCommit(info: CommitInfo, time: number): number {
    const known = this.commitIds.get(info.commit);
    if (known !== undefined) return known;
    const c = this.commits.length;
    this.commits.push({ info, time });
    this.commitIds.set(info.commit, c);
    return c;
  }

  addIntro(blob: string, c: number, path: string): void {
    const list = this.blobs.get(blob);
    if (!list) this.blobs.set(blob, [{ c, path }]);
    else if (!list.some((i) => i.c === c && i.path === path)) list.push({ c, path });
  }

  /** Is introduction `a` older than `b`? Committer time, then log order (later in the log is older). */
  older(a: Intro, b: Intro): boolean {
    const ta = this.commits[a.c]!.time;
    const tb = this.commits[b.c]!.time;
    return ta !== tb ? ta < tb : a.c > b.c;
  }
}

/** One blob at one path, with the commits that introduced it there. */
export interface PathVersion {
  readonly path: string;
  readonly blob: string;
  readonly intros: Intro[];
}

/**
 * Every (path, blob) pair of the index, grouped by path (paths in code-unit order) and, within a
 * path, oldest first (by the oldest commit that introduced that blob there).
 */
export function pathVersions(index: IntroIndex): PathVersion[] {
  const byPath = new Map<string, Map<string, Intro[]>>();
  for (const [blob, intros] of index.blobs) {
    for (const i of intros) {
      let blobs = byPath.get(i.path);
      if (!blobs) byPath.set(i.path, (blobs = new Map()));
      const list = blobs.get(blob);
      if (list) list.push(i);
      else blobs.set(blob, [i]);
    }
  }
  const out: PathVersion[] = [];
  for (const path of [...byPath.keys()].sort()) {
    const versions = [...byPath.get(path)!].map(([blob, intros]) => {
      let oldest = intros[0]!;
      for (const i of intros) if (index.older(i, oldest)) oldest = i;
      return { path, blob, intros, oldest };
    });
    versions.sort((a, b) => (index.older(a.oldest, b.oldest) ? -1 : index.older(b.oldest, a.oldest) ? 1 : 0));
    for (const { blob, intros } of versions) out.push({ path, blob, intros });
  }
  return out;
}

interface Aggregate {
  finding: Finding;
  intro: Intro;
  occurrences: number;
}

/** One finding per fingerprint: the oldest introduction wins, every occurrence is counted. */
export class FindingAggregator {
  private readonly byFingerprint = new Map<string, Aggregate>();

  constructor(private readonly index: IntroIndex) {}

  /** Findings of one blob's content at one path, introduced at each of `intros`. */
  add(findings: readonly Finding[], intros: readonly Intro[]): void {
    if (intros.length === 0) return;
    let oldest = intros[0]!;
    for (const i of intros) if (this.index.older(i, oldest)) oldest = i;
    for (const f of findings) {
      const agg = this.byFingerprint.get(f.fingerprint);
      if (!agg) {
        this.byFingerprint.set(f.fingerprint, { finding: f, intro: oldest, occurrences: intros.length });
        continue;
      }
      agg.occurrences += intros.length;
      const sameIntro = agg.intro.c === oldest.c;
      if (this.index.older(oldest, agg.intro) || (sameIntro && compareFindings(f, agg.finding) < 0)) {
        agg.finding = f;
        agg.intro = oldest;
      }
    }
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  /** The findings, each with its introducing commit and occurrence count, in report order. */
  results(): Finding[] {
    return [...this.byFingerprint.values()]
      .map(({ finding, intro, occurrences }) => ({
        ...finding,
        commit: this.index.commits[intro.c]!.info,
        occurrences,
      }))
      .sort(compareFindings);
  }
}
