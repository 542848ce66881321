import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { scanHistory } from '../../src/scan/git-scans.js';
import type { ScanOutcome } from '../../src/pipeline/scan-types.js';
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

  test('a cache directory reached through a symbolic link into the repository is refused (real paths compared)', async () => {
    const { r } = setup();
    r.commit('x', { 'a.txt': 'a\n' });
    const links = mkdtempSync(join(tmpdir(), 'keyless-links-'));
    cleanup.push(() => rmSync(links, { recursive: true, force: true }));
    // The cache root does not exist yet: the real path of its nearest existing ancestor decides.
    symlinkSync(r.dir, join(links, 'to-repo'));
    const viaLink = join(links, 'to-repo', 'sub', 'cache');
    const out = await cachedScan(r.dir, viaLink);
    assert.deepEqual(out.out.warnings, [`cache directory ${viaLink} is inside the scanned repository; cache not used`]);
    // A link to the .git directory itself, existing.
    symlinkSync(join(r.dir, '.git'), join(links, 'to-git'));
    const viaGit = await cachedScan(r.dir, join(links, 'to-git'));
    assert.deepEqual(viaGit.out.warnings, [`cache directory ${join(links, 'to-git')} is inside the scanned repository; cache not used`]);
    assert.equal(r.git('status', '--porcelain', '--ignored'), '');
    assert.deepEqual(readdirSync(join(r.dir, '.git')).filter((n) => n === 'history'), []);
  });

  test('a cache that fails validation, or names a tip that is no longer a commit, means a full scan', async () => {
    const { r, cacheDir } = setup();
    const s1 = fakeToken();
    r.commit('one', { 'a.txt': `${s1}\n` });
    r.commit('two', { 'b.txt': 'b\n' });
    await cachedScan(r.dir, cacheDir);
    const [file] = cacheFiles(cacheDir);
    const good = JSON.parse(readFileSync(file!, 'utf8')) as { tips: string[]; boundary: string; dirty: unknown[] };
    const full = (await cachedScan(r.dir, cacheDir, false)).out.findings;
    const variants: [string, unknown, RegExp][] = [
      ['a tip that is not a commit here', { ...good, tips: ['1'.repeat(40)] }, /cache not used \(a cached tip is no longer a commit here\)/],
      ['a boundary of another shallow state', { ...good, boundary: 'x' }, /cache not used \(shallow boundary, grafts or replace refs changed\)/],
      ['a dirty entry with a bad blob id', { ...good, dirty: [{ blob: 'nope', intros: [] }] }, /cache not used \(invalid file\)/],
      ['no boundary at all', { ...good, boundary: undefined }, /cache not used \(invalid file\)/],
      ['a negative commit count', { ...good, commits: -1 }, /cache not used \(invalid file\)/],
    ];
    for (const [what, data, trace] of variants) {
      writeFileSync(file!, JSON.stringify(data));
      const again = await cachedScan(r.dir, cacheDir);
      assert.match(again.trace, trace, what);
      assert.match(again.trace, /\b2 commits listed/, what);
      assert.deepEqual(again.out.findings, full, what);
    }
  });

  test('a shallow clone deepened to its full history is scanned again in full', async () => {
    const { r: origin, cacheDir } = setup();
    const old = fakeToken();
    origin.commit('old secret', { 'a.txt': `${old}\n` });
    origin.commit('removed', { 'a.txt': 'gone\n' });
    origin.commit('tip', { 'b.txt': 'b\n' });
    const cloneDir = mkdtempSync(join(tmpdir(), 'keyless-shallow-'));
    rmSync(cloneDir, { recursive: true });
    origin.git('clone', '-q', '--depth', '1', `file://${origin.dir}`, cloneDir);
    cleanup.push(() => rmSync(cloneDir, { recursive: true, force: true }));
    const shallow = await cachedScan(cloneDir, cacheDir);
    assert.deepEqual(shallow.out.findings, []);
    origin.git('-C', cloneDir, 'fetch', '-q', '--unshallow');
    const deep = await cachedScan(cloneDir, cacheDir);
    assert.match(deep.trace, /cache not used \(shallow boundary, grafts or replace refs changed\)/);
    assert.deepEqual(deep.out.findings.map((f) => [f.path, f.commit?.commit]), [['a.txt', origin.git('rev-parse', 'HEAD~2')]]);
  });
});
