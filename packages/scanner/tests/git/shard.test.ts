/**
 * The shard of a path (sources/history/shard.ts): FNV-1a over UTF-8 (known vectors), every path in
 * exactly one shard, lockfiles in the last, the last shard taking half a share of the other paths,
 * and the assignment fixed for given paths (a change would silently break per-shard caches).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathHash, shardFilter, shardOfPath } from '../../src/sources/history/shard.js';

describe('shard of a path', () => {
  test('FNV-1a 32-bit over UTF-8 bytes', () => {
    assert.equal(pathHash(''), 0x811c9dc5);
    assert.equal(pathHash('a'), 0xe40c292c);
    assert.equal(pathHash('foobar'), 0xbf9cf968);
    // Non-ASCII paths hash by their UTF-8 bytes (é is C3 A9).
    assert.equal(pathHash('é'), Math.imul(Math.imul(0x811c9dc5 ^ 0xc3, 0x01000193) >>> 0 ^ 0xa9, 0x01000193) >>> 0);
  });

  test('fixed assignments (the cache of a shard depends on them)', () => {
    const paths = ['src/index.ts', 'README.md', 'packages/a/package.json', 'config/app.env', 'docs/x.md', 'a', 'b', 'c'];
    assert.deepEqual(
      paths.map((p) => shardOfPath(p, 4)),
      [3, 1, 3, 1, 2, 3, 4, 1],
    );
    assert.deepEqual(
      paths.map((p) => shardOfPath(p, 2)),
      [1, 1, 2, 1, 2, 1, 1, 2],
    );
    assert.equal(shardOfPath('anything', 1), 1);
  });

  test('lockfiles go to the last shard, at any depth', () => {
    for (const p of ['yarn.lock', 'packages/a/package-lock.json', 'pnpm-lock.yaml', 'rust/Cargo.lock', 'go.sum']) {
      assert.equal(shardOfPath(p, 4), 4, p);
      assert.equal(shardOfPath(p, 2), 2, p);
    }
  });

  test('every path in exactly one shard; the last takes half a share of the others', () => {
    const paths = Array.from({ length: 20000 }, (_, i) => `src/dir${i % 97}/file${i}.ts`);
    for (const n of [2, 3, 4, 8]) {
      const filters = Array.from({ length: n }, (_, i) => shardFilter({ index: i + 1, count: n }));
      const sizes = filters.map(() => 0);
      for (const p of paths) {
        const owners = filters.map((f, i) => (f(p) ? i : -1)).filter((i) => i >= 0);
        assert.equal(owners.length, 1, p);
        sizes[owners[0]!]!++;
      }
      const share = paths.length / (n - 0.5);
      sizes.slice(0, -1).forEach((s) => assert.ok(Math.abs(s - share) < share * 0.05, `N=${n}: ${sizes.join(' ')}`));
      assert.ok(Math.abs(sizes[n - 1]! - share / 2) < share * 0.05, `N=${n}: ${sizes.join(' ')}`);
    }
  });
});
