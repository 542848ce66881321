import type { KeylessConfig } from '../config/types.js';
import type { Finding } from '../finding/finding.js';
import type { Notice } from '../finding/notice.js';

/** How a long scan reports its advance: phases of work, and counts done within each. */
export interface ScanProgress {
  /** A new phase begins, of `total` items (0: not known yet) counted in `unit`. */
  phase(label: string, total: number, unit: string): void;
  /** `done` items of the current phase are done. */
  update(done: number): void;
  /** The scan is over. */
  finish(): void;
}

/** A ScanProgress that ignores everything (no `onProgress` given). */
export const NO_PROGRESS: ScanProgress = { phase() {}, update() {}, finish() {} };

/** One of `count` shards of a history scan (`--shard index/count`, 1-based): see sources/history/shard.ts. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What every scan (working tree, history, range, staged) takes. */
export interface ScanOptions {
  /** Absolute path of the directory or repository to scan. */
  readonly root: string;
  /** Loaded and validated config (`{}` when there is none). */
  readonly config: KeylessConfig;
  /** Told how a long scan advances (the CLI draws it on a terminal; the library never writes one). */
  readonly onProgress?: ScanProgress;
  /** History scans: use the incremental cache (default true; false with --no-cache). */
  readonly cache?: boolean;
  /** --debug: extra diagnostics on stderr (redacted). */
  readonly debug?: boolean;
  /**
   * The caller will ask for the findings' fingerprints (baseline, JSON/SARIF): a history scan then
   * computes their slow hashes itself and remembers them in its cache (fingerprint-memo.ts).
   */
  readonly fingerprints?: boolean;
  /**
   * Range scans: the gate's settings files (config, baseline), as paths from the top of the work
   * tree; a range that changes one gets a `keyless-gate-change` notice.
   */
  readonly gateFiles?: readonly string[];
  /**
   * Range scans: the range's BASE and HEAD commits when the caller already resolved them (the CLI
   * does, to read the gate's settings at BASE): not asked of git a second time.
   */
  readonly rangeEnds?: { readonly base: string; readonly head: string };
  /**
   * Range and staged scans: the facts of the repository at `root` when the caller already asked git
   * for them (sources/git/git-repo.ts `openRepo`; the CLI does, to read the gate's settings).
   */
  readonly repo?: {
    readonly cwd: string;
    readonly gitDir: string;
    readonly bare: boolean;
    readonly topLevel: string;
    readonly prefix: string;
    readonly shallow: boolean;
  };
  /** History scans: scan only the paths of this shard (every shard still lists every commit). */
  readonly shard?: Shard;
  /**
   * Sharded history scans: the shard's listing file from `keyless plan-shards` (the scan starts
   * from it instead of listing the history and planning the split; sources/history/shard-listing.ts).
   */
  readonly shardListing?: string;
}

export interface ScanStats {
  readonly filesScanned: number;
  readonly bytesScanned: number;
  /**
   * Files or blobs skipped, with why (size limit, binary, unreadable...); `detail` is the system
   * error code of an unreadable file (EACCES, ENAMETOOLONG...). Reasons that mean "could not be
   * scanned" (sources/git/skip-reasons.ts `isUnscannedReason`) make the CLI exit 2.
   */
  readonly skipped: readonly { readonly path: string; readonly reason: string; readonly detail?: string }[];
  readonly commitsScanned?: number;
  readonly shallow?: boolean;
  /**
   * Distinct paths the config's include / exclude / allowlist.paths kept out of the scan (a history
   * re-scan from the cache counts those of the commits it read).
   */
  readonly excludedPaths?: number;
}

export interface ScanOutcome {
  /** Sorted by path, line, column; history scans: one per path, rule and secret (with `occurrences`). */
  readonly findings: Finding[];
  /** Findings silenced by an inline ignore or the allowlist, each marked with its cause (same order). */
  readonly suppressed?: Finding[];
  /** One-line, redacted warnings (malformed file read as text, skipped files...). */
  readonly warnings: string[];
  readonly stats: ScanStats;
  /** Range scans: changes to the gate's settings and added ignore comments (see notice.ts). */
  readonly notices?: readonly Notice[];
  /** History scans: what was scanned, for reports that are merged later (keyless merge). */
  readonly scanned?: ScannedRepository;
}

/** The repository a history scan read, and which part of it. */
export interface ScannedRepository {
  /** The repository's identity: its origin URL without credentials, else its absolute path. */
  readonly repository: string;
  /** The shard scanned (absent: every path), with a digest of the split of the paths (shard-plan.ts). */
  readonly shard?: Shard & { readonly split?: string };
  /** Commits in the scan's commit order (the range of `commitOrder`). */
  readonly commits: number;
}
