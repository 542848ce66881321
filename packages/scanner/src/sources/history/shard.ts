/**
 * Which paths a shard of a history scan (`--shard I/N`) scans. A finding's identity in a history
 * is its path, rule and secret (git/blob-intros.ts), and the scan lists commits without rename
 * detection, so each path is scanned on its own: splitting by path splits the work with no overlap
 * and attributes every finding exactly as the full scan does. The shard of a path depends on the
 * path alone, the same on every machine, node version and run, so a shard's incremental cache keeps
 * covering the same paths run after run:
 *
 * - lockfiles (formats/lockfiles.ts: yarn.lock, package-lock.json, ...) go to the last shard. They
 *   are the heaviest paths of a history (thousands of versions of hundreds of kilobytes; half the
 *   bytes of typescript-eslint's history are yarn.lock) and one path cannot be split;
 * - every other path goes by a stable hash of its bytes (FNV-1a, 32 bits, over UTF-8) into 2N - 1
 *   equal slots: two for each of shards 1..N-1, one for shard N, which so takes half a share of the
 *   other paths beside the lockfiles.
 */
import type { Shard } from '../../pipeline/scan-types.js';
import { isLockfile } from '../../formats/lockfiles.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32 bits) of the path's UTF-8 bytes. */
export function pathHash(path: string): number {
  let h = FNV_OFFSET;
  for (const byte of Buffer.from(path, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** The shard (1-based) of `path` among `count` shards. */
export function shardOfPath(path: string, count: number): number {
  if (count === 1 || isLockfile(path)) return count;
  return Math.floor((pathHash(path) % (2 * count - 1)) / 2) + 1;
}

/** A predicate for "is this path in the shard" (always true without a shard), memoized by path. */
export function shardFilter(shard: Shard | undefined): (path: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  const known = new Map<string, boolean>();
  return (path) => {
    let mine = known.get(path);
    if (mine === undefined) known.set(path, (mine = shardOfPath(path, shard.count) === shard.index));
    return mine;
  };
}

/** `2/4`. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
