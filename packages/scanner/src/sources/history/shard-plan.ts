/**
 * Plans the split of a history's paths into shards (shard.ts) from the listing, which every shard
 * makes whole, so that every shard computes the same split without talking to the others:
 *
 * - each path's weight estimates what scanning it costs, in nanoseconds of CPU: per version a fixed
 *   cost (git finding and inflating the object, the lane comparing it with the version before) plus
 *   its typical size (as git's object headers say) times what a byte costs in the path's format: a
 *   JSON or YAML version whose new lines can change a finding is parsed whole, at 50-200 times a
 *   text byte;
 * - paths heavier than 1/(HEAVY_SHARE·N) of the whole (at most MAX_PLACED_PER_SHARD·N) are placed,
 *   heaviest first, each on the shard with the least weight so far (ties: the lower shard): one heavy
 *   path cannot be split. (Placing the 64·N heaviest instead measured worse on typescript-eslint
 *   with an earlier model that missed formats' cost; not measured again with this one.)
 * - the other paths go by hash into SLOTS slots, and the slots, in order, are cut into one run per
 *   shard where the weight of their paths fills the room the shard has left below an equal share
 *   (every shard knows every path's weight, so the cut is exact to a slot's weight, not a
 *   statistical share: a medium path such as a changelog no longer lands where it overfills).
 *
 * The digest names a split in reports (`scan.shard.split`), so that `keyless merge` refuses shards
 * that split the paths differently (a shard whose cache came from another listing).
 */
import { createHash } from 'node:crypto';
import { readerFor } from '../../formats/index.js';
import { evenSplit, pathHash, SLOTS, type ShardSplit } from './shard.js';

/**
 * A version's fixed cost (ns of CPU), and a byte's by the format's reader: measured per path on
 * typescript-eslint's full history (one thread, 123,658 versions; see docs/scale-out.md). A version
 * costs ~75 us in git and ~60 us in the lane; text and lockfiles (compared line by line with the
 * version before) cost 1.5-1.7 ns a byte in the scan and about 0.8 in git; a JSON version whose new
 * lines can change a finding is parsed whole (~165 ns a byte; most versions of a package.json are
 * not, ~120 on average), a YAML one too (~500 ns a byte: a 10 KB workflow file costs 5 ms a version).
 */
export const VERSION_COST_NS = 130_000;
const BYTE_COST_NS: Readonly<Record<string, number>> = { json: 120, ipynb: 120, yaml: 500 };
const TEXT_BYTE_COST_NS = 2.5;
/** A path is placed by weight when heavier than 1/(HEAVY_SHARE·N) of the whole. */
const HEAVY_SHARE = 8;
/** At most this many paths per shard are placed by weight (the rest share the slots). */
const MAX_PLACED_PER_SHARD = 4;

/** What a byte of the path costs to scan (ns), by the reader its format gets. */
export function byteCost(path: string): number {
  return BYTE_COST_NS[readerFor(path, '').name] ?? TEXT_BYTE_COST_NS;
}

/** A path of the listing: how many versions it has and their typical size. */
export interface PathWeightInput {
  readonly path: string;
  readonly versions: number;
  /** Bytes of a typical version (git-history.ts: from the oldest, middle and newest), 0 when unknown. */
  readonly size: number;
}

/** The estimated cost (ns of CPU) of scanning the path's versions. */
export const pathWeight = (p: PathWeightInput) => Math.round(p.versions * (VERSION_COST_NS + p.size * byteCost(p.path)));

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The split of `paths` into `count` shards (deterministic: a function of the inputs only). */
export function planSplit(count: number, paths: readonly PathWeightInput[]): ShardSplit {
  const loads = new Array<number>(count).fill(0);
  const weights = new Map<string, number>();
  let total = 0;
  for (const p of paths) {
    const w = pathWeight(p);
    weights.set(p.path, w);
    total += w;
  }
  const heavy = paths
    .filter((p) => weights.get(p.path)! * HEAVY_SHARE * count > total)
    .sort((a, b) => weights.get(b.path)! - weights.get(a.path)! || byPath(a.path, b.path))
    .slice(0, MAX_PLACED_PER_SHARD * count);
  const placed = new Map<string, number>();
  for (const p of heavy) {
    let best = 0;
    for (let i = 1; i < count; i++) if (loads[i]! < loads[best]!) best = i;
    loads[best]! += weights.get(p.path)!;
    placed.set(p.path, best + 1);
  }
  // The other paths' weight in each hash slot: every shard knows them all, so the slots are cut
  // where each shard's room below an equal share is filled, not shared out by count.
  const slotWeights = new Float64Array(SLOTS);
  let light = 0;
  for (const [path, w] of weights) {
    if (placed.has(path)) continue;
    slotWeights[pathHash(path) % SLOTS]! += w;
    light += w;
  }
  const target = total / count;
  const room = loads.map((l) => Math.max(0, target - l));
  const roomTotal = room.reduce((s, r) => s + r, 0);
  if (light <= 0 || roomTotal <= 0) return { count, placed, slots: evenSplit(count).slots };
  return { count, placed, slots: cutSlots(slotWeights, room.map((r) => (r / roomTotal) * light)) };
}

/**
 * Cuts the slots, in order, into one run per shard holding about `wants[i]` of the weight: each cut
 * falls where the weight so far comes closest to what the shards before it want together. A shard
 * that wants nothing gets no slot; the last shard takes the rest.
 */
function cutSlots(slotWeights: Float64Array, wants: readonly number[]): number[] {
  const slots: number[] = [];
  let slot = 0;
  let sum = 0;
  let goal = 0;
  for (let i = 0; i < wants.length - 1; i++) {
    goal += wants[i]!;
    const start = slot;
    if (wants[i]! > 0) while (slot < SLOTS && Math.abs(sum + slotWeights[slot]! - goal) <= Math.abs(sum - goal)) sum += slotWeights[slot++]!;
    slots.push(slot - start);
  }
  slots.push(SLOTS - slot);
  return slots;
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
