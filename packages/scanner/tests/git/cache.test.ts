import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { scanHistory } from '../../src/scan-git.js';
import type { ScanOutcome } from '../../src/scan-types.js';
import { fakeToken, TempRepo, tempCacheDir, testConfig } from './git-fixture.js';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

/** Runs a cached history scan with KEYLESS_CACHE_DIR set, capturing the --debug trace. */
async function cachedScan(root: string, cacheDir: string, cache = true): Promise<{ out: ScanOutcome; trace: string }> {
  const saved = process.env['KEYLESS_CACHE_DIR'];
  const write = process.stderr.write.bind(process.stderr);
  let trace = '';
  process.env['KEYLESS_CACHE_DIR'] = cacheDir;
  process.stderr.write = ((s: string) => ((trace += s), true)) as typeof process.stderr.write;
  try {
    const out = await scanHistory({ root, config: await testConfig(), cache, debug: true });
    return { out, trace };
  } finally {
    process.stderr.write = write;
    if (saved === undefined) delete process.env['KEYLESS_CACHE_DIR'];
    else process.env['KEYLESS_CACHE_DIR'] = saved;
  }
}

function setup() {
  const r = new TempRepo();
  const cacheDir = tempCacheDir();
  cleanup.push(() => r.remove(), () => rmSync(cacheDir, { recursive: true, force: true }));
  return { r, cacheDir };
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'history')).map((f) => join(dir, 'history', f));
  } catch {
    return [];
  }
}

describe('incremental history cache', () => {
  test('a re-scan lists only new commits and gives the same findings as a full scan', async () => {
    const { r, cacheDir } = setup();
    const s1 = fakeToken();
    for (let i = 0; i < 5; i++) r.commit(`c${i}`, { [`f${i}.txt`]: `n=${i}\n` });
    r.commit('secret', { 'cfg.txt': `${s1}\n` });
    const first = await cachedScan(r.dir, cacheDir);
    assert.match(first.trace, /cache not used/);
    assert.match(first.trace, /6 commits listed/);
    const s2 = fakeToken();
    r.commit('new', { 'cfg.txt': `${s1}\n${s2}\n` });
    const second = await cachedScan(r.dir, cacheDir);
    assert.match(second.trace, /cache hit/);
    assert.match(second.trace, /\b1 commits listed/);
    const full = await cachedScan(r.dir, cacheDir, false);
    assert.deepEqual(second.out.findings, full.out.findings);
    assert.equal(second.out.findings.length, 2);
    assert.equal(second.out.findings.find((f) => f.secret === s1.slice(4))?.occurrences, 2);
    assert.equal(second.out.stats.commitsScanned, 7);
  });

  test('after branches move, merge and appear, a re-scan walks only the new commits and matches a full scan', async () => {
    const { r, cacheDir } = setup();
    r.commit('base', { 'a.txt': 'a\n' });
    r.git('checkout', '-q', '-b', 'side');
    const sideSecret = fakeToken();
    r.commit('side secret', { 'side.txt': `${sideSecret}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main work', { 'b.txt': 'b\n' });
    await cachedScan(r.dir, cacheDir);
    // main moves on (its old tip goes), merges the already scanned side branch, and a new branch
    // appears with a secret of its own.
    r.git('merge', '-q', '--no-edit', 'side');
    r.commit('after merge', { 'c.txt': 'c\n' });
    r.git('checkout', '-q', '-b', 'feature');
    const featureSecret = fakeToken();
    r.commit('feature secret', { 'feature.txt': `${featureSecret}\n` });
    r.git('checkout', '-q', 'main');
    const second = await cachedScan(r.dir, cacheDir);
    assert.match(second.trace, /cache hit/);
    // The 3 new commits, plus the merged side commit: the walk is stopped by the tip that went
    // (main's old tip), so side's commit is listed again; its finding is the same either way.
    assert.match(second.trace, /\b4 commits listed/);
    const full = await cachedScan(r.dir, cacheDir, false);
    assert.deepEqual(second.out.findings, full.out.findings);
    assert.deepEqual(second.out.findings.map((f) => f.path).sort(), ['feature.txt', 'side.txt']);
  });

  test('the cache lives outside the repository and holds no secret', async () => {
    const { r, cacheDir } = setup();
    const s = fakeToken();
    r.commit('secret', { 'cfg.txt': `${s}\n` });
    await cachedScan(r.dir, cacheDir);
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1);
    assert.ok(!readFileSync(files[0]!, 'utf8').includes(s.slice(4)));
    assert.equal(r.git('status', '--porcelain', '--ignored'), '');
  });

  test('--no-cache neither reads nor writes the cache', async () => {
    const { r, cacheDir } = setup();
    r.commit('x', { 'a.txt': 'a\n' });
    const out = await cachedScan(r.dir, cacheDir, false);
    assert.match(out.trace, /cache not used/);
    assert.deepEqual(cacheFiles(cacheDir), []);
  });

  test('rewritten history (a removed secret commit) invalidates the cache', async () => {
    const { r, cacheDir } = setup();
    r.commit('base', { 'a.txt': 'a\n' });
    r.commit('oops', { 'b.txt': `${fakeToken()}\n` });
    const first = await cachedScan(r.dir, cacheDir);
    assert.equal(first.out.findings.length, 1);
    r.git('reset', '-q', '--hard', 'HEAD~1');
    r.git('reflog', 'expire', '--expire=now', '--all');
    const second = await cachedScan(r.dir, cacheDir);
    assert.match(second.trace, /cache not used/);
    assert.deepEqual(second.out.findings, []);
  });

  test('a corrupt cache is ignored with a warning', async () => {
    const { r, cacheDir } = setup();
    const s = fakeToken();
    r.commit('secret', { 'cfg.txt': `${s}\n` });
    await cachedScan(r.dir, cacheDir);
    const [file] = cacheFiles(cacheDir);
    writeFileSync(file!, '{ not json');
    const again = await cachedScan(r.dir, cacheDir);
    assert.deepEqual(again.out.findings.map((f) => f.secret), [s.slice(4)]);
    assert.equal(again.out.warnings.length, 1);
    assert.match(again.out.warnings[0]!, /^history cache .+ is not valid JSON; ignored \(full scan\)$/);
  });

  test('a different config does not reuse the cache', async () => {
    const { r, cacheDir } = setup();
    r.commit('x', { 'a.txt': `${fakeToken()}\n` });
    await cachedScan(r.dir, cacheDir);
    const saved = process.env['KEYLESS_CACHE_DIR'];
    process.env['KEYLESS_CACHE_DIR'] = cacheDir;
    try {
      const config = { ...(await testConfig()), exclude: ['a.txt'] };
      const out = await scanHistory({ root: r.dir, config });
      assert.deepEqual(out.findings, []);
    } finally {
      if (saved === undefined) delete process.env['KEYLESS_CACHE_DIR'];
      else process.env['KEYLESS_CACHE_DIR'] = saved;
    }
  });

  test('a cache directory inside the repository is refused', async () => {
    const { r } = setup();
    r.commit('x', { 'a.txt': 'a\n' });
    const out = await cachedScan(r.dir, join(r.dir, '.cache'));
    assert.deepEqual(out.out.warnings, [`cache directory ${join(r.dir, '.cache')} is inside the scanned repository; cache not used`]);
    assert.equal(r.git('status', '--porcelain', '--ignored'), '');
  });
});
