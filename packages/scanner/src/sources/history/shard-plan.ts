/**
 * Plans the split of a history's paths into shards (shard.ts) from the listing, which every shard
 * makes whole, so that every shard computes the same split without talking to the others:
 *
 * - each path's weight estimates what scanning it costs: per version a fixed cost (reading it from
 *   git, comparing it with the version before, worth VERSION_COST_BYTES) plus its size (that of the
 *   path's newest version, as git's object header says; a version over the size limit is not read);
 * - paths heavier than 1/(HEAVY_SHARE·N) of the whole (at most MAX_PLACED_PER_SHARD·N) are placed,
 *   heaviest first, each on the shard with the least weight so far (ties: the lower shard): one heavy
 *   path cannot be split. (Placing the 64·N heaviest instead measured worse on typescript-eslint:
 *   the weights miss some formats' cost, and placing more paths concentrates the error.)
 * - the other paths (light ones, many: the hash spreads them evenly) go by hash into SLOTS slots,
 *   shared among the shards in proportion to the room each has left below an equal share.
 *
 * The digest names a split in reports (`scan.shard.split`), so that `keyless merge` refuses shards
 * that split the paths differently (a shard whose cache came from another listing).
 */
import { createHash } from 'node:crypto';
import { evenSplit, SLOTS, type ShardSplit } from './shard.js';

/** A version's fixed cost in bytes' worth (measured on typescript-eslint: see docs/scale-out.md). */
export const VERSION_COST_BYTES = 128 * 1024;
/** A path is placed by weight when heavier than 1/(HEAVY_SHARE·N) of the whole. */
const HEAVY_SHARE = 8;
/** At most this many paths per shard are placed by weight (the rest share the slots). */
const MAX_PLACED_PER_SHARD = 4;

/** A path of the listing: how many versions it has and the size of its newest version. */
export interface PathWeightInput {
  readonly path: string;
  readonly versions: number;
  /** Bytes of the newest version, 0 when unknown or over the size limit. */
  readonly size: number;
}

export const pathWeight = (p: PathWeightInput) => p.versions * (VERSION_COST_BYTES + p.size);

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The split of `paths` into `count` shards (deterministic: a function of the inputs only). */
export function planSplit(count: number, paths: readonly PathWeightInput[]): ShardSplit {
  const loads = new Array<number>(count).fill(0);
  let total = 0;
  for (const p of paths) total += pathWeight(p);
  const heavy = paths
    .filter((p) => pathWeight(p) * HEAVY_SHARE * count > total)
    .sort((a, b) => pathWeight(b) - pathWeight(a) || byPath(a.path, b.path))
    .slice(0, MAX_PLACED_PER_SHARD * count);
  const placed = new Map<string, number>();
  let light = total;
  for (const p of heavy) {
    let best = 0;
    for (let i = 1; i < count; i++) if (loads[i]! < loads[best]!) best = i;
    loads[best]! += pathWeight(p);
    light -= pathWeight(p);
    placed.set(p.path, best + 1);
  }
  // The room each shard has below an equal share, filled by the other paths in proportion.
  const target = total / count;
  const room = loads.map((l) => Math.max(0, target - l));
  const roomTotal = room.reduce((s, r) => s + r, 0);
  if (placed.size === 0 || light <= 0 || roomTotal <= 0) return { count, placed, slots: evenSplit(count).slots };
  const exact = room.map((r) => (r / roomTotal) * SLOTS);
  const slots = exact.map(Math.floor);
  let left = SLOTS - slots.reduce((s, n) => s + n, 0);
  // The slots rounding left over: to the largest remainders (ties: the lower shard).
  const order = exact.map((e, i) => i).sort((a, b) => exact[b]! - slots[b]! - (exact[a]! - slots[a]!) || a - b);
  for (const i of order) {
    if (left === 0) break;
    slots[i]!++;
    left--;
  }
  return { count, placed, slots };
}

/** The split as JSON data (the shard's cache keeps it: warm runs split the paths as the cold one). */
export interface StoredSplit {
  readonly placed: readonly (readonly [string, number])[];
  readonly slots: readonly number[];
}

export function storedSplit(split: ShardSplit): StoredSplit {
  return { placed: [...split.placed].sort((a, b) => byPath(a[0], b[0])), slots: [...split.slots] };
}

/** A stored split back, or undefined when it is not one of `count` shards. */
export function restoredSplit(count: number, x: unknown): ShardSplit | undefined {
  const s = x as Partial<StoredSplit> | undefined;
  if (!s || !Array.isArray(s.slots) || !Array.isArray(s.placed) || s.slots.length !== count) return undefined;
  if (!s.slots.every((n) => Number.isInteger(n) && n >= 0) || s.slots.reduce((a, b) => a + b, 0) !== SLOTS) return undefined;
  const placed = new Map<string, number>();
  for (const e of s.placed) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !Number.isInteger(e[1]) || e[1] < 1 || e[1] > count) return undefined;
    placed.set(e[0], e[1]);
  }
  return { count, placed, slots: s.slots };
}

/** A short digest of the split (reports' `scan.shard.split`). */
export function splitDigest(split: ShardSplit): string {
  return createHash('sha256').update(JSON.stringify(storedSplit(split))).digest('hex').slice(0, 16);
}
