/**
 * The shard of a path (sources/history/shard.ts, shard-plan.ts): FNV-1a over UTF-8 (known vectors),
 * every path in exactly one shard, the heaviest paths placed by weight and the others hashed into
 * the room each shard has left, the split a function of the listing alone (stored and restored
 * exactly, named by a digest), and the hash assignment fixed for given paths.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evenSplit, pathHash, shardFilter, shardOfPath, SLOTS } from '../../src/sources/history/shard.js';
import { pathWeight, planSplit, restoredSplit, splitDigest, storedSplit, VERSION_COST_NS, byteCost, type PathWeightInput } from '../../src/sources/history/shard-plan.js';

const lightPaths = (n: number): PathWeightInput[] => Array.from({ length: n }, (_, i) => ({ path: `src/dir${i % 97}/file${i}.ts`, versions: 1 + (i % 5), size: 2000 }));

/** Each shard's weight under `split`. */
function loads(paths: readonly PathWeightInput[], n: number, split = planSplit(n, paths)): number[] {
  const out = new Array<number>(n).fill(0);
  for (const p of paths) out[shardOfPath(p.path, split) - 1]! += pathWeight(p);
  return out;
}

describe('shard of a path', () => {
  test('FNV-1a 32-bit over UTF-8 bytes', () => {
    assert.equal(pathHash(''), 0x811c9dc5);
    assert.equal(pathHash('a'), 0xe40c292c);
    assert.equal(pathHash('foobar'), 0xbf9cf968);
    // Non-ASCII paths hash by their UTF-8 bytes (é is C3 A9).
    assert.equal(pathHash('é'), Math.imul(Math.imul(0x811c9dc5 ^ 0xc3, 0x01000193) >>> 0 ^ 0xa9, 0x01000193) >>> 0);
  });

  test('fixed assignments of the even split (a change would silently break per-shard caches)', () => {
    const paths = ['src/index.ts', 'README.md', 'packages/a/package.json', 'config/app.env', 'docs/x.md', 'a', 'b', 'c'];
    assert.deepEqual(
      paths.map((p) => shardOfPath(p, evenSplit(4))),
      paths.map((p) => Math.floor(((pathHash(p) % SLOTS) * 4) / SLOTS) + 1),
    );
    assert.deepEqual(evenSplit(4).slots, [16384, 16384, 16384, 16384]);
    assert.deepEqual(evenSplit(3).slots, [21845, 21845, 21846]);
    assert.equal(shardOfPath('anything', evenSplit(1)), 1);
  });

  test('every path in exactly one shard, equal shares without a heavy path', () => {
    const paths = lightPaths(20000);
    for (const n of [2, 3, 4, 8]) {
      const split = planSplit(n, paths);
      assert.equal(split.placed.size, 0);
      const filters = Array.from({ length: n }, (_, i) => shardFilter({ index: i + 1, count: n }, split));
      for (const p of paths.slice(0, 2000)) assert.equal(filters.filter((f) => f(p.path)).length, 1, p.path);
      const share = paths.reduce((s, p) => s + pathWeight(p), 0) / n;
      loads(paths, n, split).forEach((l) => assert.ok(Math.abs(l - share) < share * 0.05, `N=${n}: ${loads(paths, n, split).join(' ')}`));
    }
  });

  test('a heavy path is placed on the least loaded shard; the others fill the room left', () => {
    const paths = [...lightPaths(20000), { path: 'yarn.lock', versions: 1000, size: 500_000 }];
    const total = paths.reduce((s, p) => s + pathWeight(p), 0);
    const split = planSplit(4, paths);
    assert.deepEqual([...split.placed], [['yarn.lock', 1]]);
    assert.equal(split.slots.reduce((a, b) => a + b, 0), SLOTS);
    const heaviest = Math.max(...loads(paths, 4, split));
    assert.ok(heaviest < (total / 4) * 1.05, `${loads(paths, 4, split).join(' ')}`);
    // Two heavy paths on two shards, the lower shard first on equal weights.
    const two = planSplit(4, [...paths, { path: 'package-lock.json', versions: 1000, size: 500_000 }]);
    assert.deepEqual([...two.placed].sort(), [['package-lock.json', 1], ['yarn.lock', 2]]);
    // The weight: a version's fixed cost plus its size at its format's cost per byte.
    assert.equal(pathWeight({ path: 'x', versions: 3, size: 10 }), 3 * (VERSION_COST_NS + 10 * byteCost('x')));
  });

  test('a byte costs what its format costs to read: YAML and JSON versions are parsed whole, text and lockfiles compared by line', () => {
    assert.equal(byteCost('src/a.ts'), byteCost('yarn.lock'));
    assert.equal(byteCost('pnpm-lock.yaml'), byteCost('yarn.lock'), 'a lockfile is read by the lockfile reader, not as YAML');
    assert.equal(byteCost('package-lock.json'), byteCost('yarn.lock'));
    assert.ok(byteCost('package.json') > 40 * byteCost('src/a.ts'));
    assert.ok(byteCost('.github/workflows/ci.yml') > byteCost('package.json'));
    assert.equal(byteCost('a/b.yaml'), byteCost('.github/workflows/ci.yml'));
    // A workflow file of 10 KB with 400 versions outweighs a 10 KB source file with 2,000.
    const workflow = { path: '.github/workflows/ci.yml', versions: 400, size: 10_000 };
    const source = { path: 'src/convert.ts', versions: 2000, size: 10_000 };
    assert.ok(pathWeight(workflow) > pathWeight(source));
    // ... and is placed by weight among light paths, which a model of versions and bytes alone missed.
    const split = planSplit(4, [...lightPaths(2000), workflow]);
    assert.deepEqual([...split.placed], [['.github/workflows/ci.yml', 1]]);
  });

  test('the hash slots are cut by weight: each shard within one path of an equal share, medium paths included', () => {
    // 40 changelogs of 0.3-0.85% of the whole each (below the placement threshold), among light
    // paths: a split of the slots by count leaves them where the hash puts them.
    const medium = Array.from({ length: 40 }, (_, i) => ({ path: `packages/p${i}/CHANGELOG.md`, versions: 20 + i, size: 100_000 }));
    const paths = [...lightPaths(5000), ...medium];
    const heaviestPath = Math.max(...paths.map(pathWeight));
    for (const n of [2, 3, 4, 8]) {
      const split = planSplit(n, paths);
      assert.equal(split.placed.size, 0, `N=${n}`);
      const share = paths.reduce((s, p) => s + pathWeight(p), 0) / n;
      for (const l of loads(paths, n, split)) assert.ok(Math.abs(l - share) <= heaviestPath, `N=${n}: ${loads(paths, n, split).join(' ')}`);
    }
    // With a placed path heavier than a share, its shard gets no slot and the others share the rest.
    const huge = [...paths, { path: 'yarn.lock', versions: 5000, size: 3_000_000 }];
    const split = planSplit(4, huge);
    assert.deepEqual([...split.placed][0], ['yarn.lock', 1]);
    assert.equal(split.slots[0], 0);
    const rest = loads(huge, 4, split).slice(1);
    for (const l of rest) assert.ok(Math.abs(l - rest[0]!) <= heaviestPath, rest.join(' '));
  });

  test('a function of the listing alone: the same from the paths in any order; stored and restored exactly', () => {
    const paths = [...lightPaths(3000), { path: 'yarn.lock', versions: 900, size: 400_000 }];
    const a = planSplit(4, paths);
    const b = planSplit(4, [...paths].reverse());
    assert.deepEqual(storedSplit(a), storedSplit(b));
    assert.equal(splitDigest(a), splitDigest(b));
    assert.match(splitDigest(a), /^[0-9a-f]{16}$/);
    const back = restoredSplit(4, JSON.parse(JSON.stringify(storedSplit(a))));
    assert.ok(back);
    assert.equal(splitDigest(back), splitDigest(a));
    for (const p of paths) assert.equal(shardOfPath(p.path, back), shardOfPath(p.path, a));
    assert.notEqual(splitDigest(a), splitDigest(planSplit(4, lightPaths(3000))));
    // Not a split of 4 shards, slots that do not add up, a path placed outside the shards.
    assert.equal(restoredSplit(2, storedSplit(a)), undefined);
    assert.equal(restoredSplit(4, { placed: [], slots: [1, 2, 3, 4] }), undefined);
    assert.equal(restoredSplit(4, { placed: [['x', 5]], slots: evenSplit(4).slots }), undefined);
    assert.equal(restoredSplit(4, undefined), undefined);
  });
});
