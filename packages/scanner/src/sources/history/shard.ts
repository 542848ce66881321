/**
 * Which paths a shard of a history scan (`--shard I/N`) scans. A finding's identity in a history
 * is its path, rule and secret (git/blob-intros.ts), and the scan lists commits without rename
 * detection, so each path is scanned on its own: splitting by path splits the work with no overlap
 * and attributes every finding exactly as the full scan does.
 *
 * The split is planned from the listing, which every shard makes whole (shard-plan.ts): the heaviest
 * paths (a lockfile with thousands of versions of hundreds of kilobytes; one path cannot be split)
 * are placed one by one on the least loaded shard, and every other path goes by a stable hash of its
 * bytes (FNV-1a, 32 bits, over UTF-8) into SLOTS slots, each shard taking a run of slots whose paths
 * fill the room it has left. Every shard computes the same split from the same listing, without
 * talking to the others.
 */
import { join } from 'node:path';
import type { Shard } from '../../pipeline/scan-types.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Slots of the hash of the paths that are not placed by weight. */
export const SLOTS = 1 << 16;

/** FNV-1a (32 bits) of the path's UTF-8 bytes. */
export function pathHash(path: string): number {
  let h = FNV_OFFSET;
  for (const byte of Buffer.from(path, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** How the paths of a history are split into `count` shards. */
export interface ShardSplit {
  readonly count: number;
  /** The heaviest paths, each with its shard (1-based). */
  readonly placed: ReadonlyMap<string, number>;
  /** How many of the SLOTS hash slots each shard takes (in shard order; they add up to SLOTS). */
  readonly slots: readonly number[];
}

/** The split of a history with no path heavier than another: the hash slots shared equally. */
export function evenSplit(count: number): ShardSplit {
  return { count, placed: new Map(), slots: Array.from({ length: count }, (_, i) => Math.floor((SLOTS * (i + 1)) / count) - Math.floor((SLOTS * i) / count)) };
}

/** The shard (1-based) of `path` in `split`. */
export function shardOfPath(path: string, split: ShardSplit): number {
  const placed = split.placed.get(path);
  if (placed !== undefined) return placed;
  let slot = pathHash(path) % SLOTS;
  for (let i = 0; i < split.count; i++) {
    if (slot < split.slots[i]!) return i + 1;
    slot -= split.slots[i]!;
  }
  return split.count;
}

/** A predicate for "is this path in the shard" (always true without a shard), memoized by path. */
export function shardFilter(shard: Shard | undefined, split: ShardSplit | undefined): (path: string) => boolean {
  if (!shard || shard.count === 1 || !split) return () => true;
  const known = new Map<string, boolean>();
  return (path) => {
    let mine = known.get(path);
    if (mine === undefined) known.set(path, (mine = shardOfPath(path, split) === shard.index));
    return mine;
  };
}

/** `2/4`. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The listing file of `shard` in the directory `dir` of `keyless plan-shards` (shard-listing.ts). */
export function shardListingFile(dir: string, shard: Shard): string {
  return join(dir, `shard-${shard.index}-of-${shard.count}.listing`);
}
