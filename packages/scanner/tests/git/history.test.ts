import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { findingFingerprint } from '../../src/finding/fingerprint.js';
import { scanHistory } from '../../src/scan/git-scans.js';
import type { ScanOptions } from '../../src/pipeline/scan-types.js';
import { fakeToken, TempRepo, testConfig } from './git-fixture.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.remove()));

function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}

async function history(r: TempRepo, extra: Partial<ScanOptions> = {}) {
  return scanHistory({ root: r.dir, config: await testConfig(), cache: false, ...extra });
}

function brief(f: { path: string; line: number; column: number; commit?: { commit: string }; occurrences?: number; secret: string }) {
  return { path: f.path, line: f.line, column: f.column, commit: f.commit?.commit, occurrences: f.occurrences, secret: f.secret };
}

describe('scanHistory', () => {
  test('a secret added then removed is reported at the commit that added it, with author and ISO date', async () => {
    const r = repo();
    const secret = fakeToken();
    r.commit('init', { 'README.md': 'hello\n' });
    const added = r.commit('add config', { 'src/config.js': `const a = 1;\nconst token = "tok_${secret.slice(4)}";\n` });
    r.commit('remove it', { 'src/config.js': 'const a = 1;\nconst token = process.env.TOKEN;\n' });
    const out = await history(r);
    assert.deepEqual(out.findings.map(brief), [
      { path: 'src/config.js', line: 2, column: 20, commit: added, occurrences: 1, secret: secret.slice(4) },
    ]);
    const c = out.findings[0]!.commit!;
    assert.equal(c.author, 'Test Author');
    assert.equal(c.email, 'author@example.test');
    assert.match(c.date, /^2024-01-01T00:\d\d:00Z$|^2024-01-01T00:\d\d:00\+00:00$/);
    assert.equal(out.stats.commitsScanned, 3);
    assert.equal(out.stats.shallow, false);
  });

  test('a secret on a branch that was never merged is found', async () => {
    const r = repo();
    r.commit('init', { 'a.txt': 'x\n' });
    r.git('checkout', '-q', '-b', 'experiment');
    const secret = fakeToken();
    const onBranch = r.commit('try', { 'b.env': `TOKEN=${secret}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('more', { 'a.txt': 'y\n' });
    const out = await history(r);
    assert.deepEqual(out.findings.map(brief), [
      { path: 'b.env', line: 1, column: 11, commit: onBranch, occurrences: 1, secret: secret.slice(4) },
    ]);
  });

  test('a renamed file: the secret is reported at its first path and again at the new path (same fingerprint)', async () => {
    const r = repo();
    const secret = fakeToken();
    const first = r.commit('add', { 'old/name.txt': `key ${secret}\n` });
    r.write('new/.keep', '');
    r.git('mv', 'old/name.txt', 'new/name.txt');
    const renamed = r.commit('rename');
    const out = await history(r);
    assert.deepEqual(out.findings.map(brief), [
      { path: 'new/name.txt', line: 1, column: 9, commit: renamed, occurrences: 1, secret: secret.slice(4) },
      { path: 'old/name.txt', line: 1, column: 9, commit: first, occurrences: 1, secret: secret.slice(4) },
    ]);
    // The fingerprint names the secret under a rule, not where it is: one baseline entry covers both.
    assert.equal(findingFingerprint(out.findings[0]!), findingFingerprint(out.findings[1]!));
  });

  test('merges: a merged side-branch secret stays attributed to the side commit; an evil merge is attributed to the merge', async () => {
    const r = repo();
    r.commit('init', { 'app.txt': 'line\n' });
    r.git('checkout', '-q', '-b', 'side');
    const sideSecret = fakeToken();
    const sideCommit = r.commit('side', { 'side.txt': `${sideSecret}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main work', { 'main.txt': 'm\n' });
    r.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    const evilSecret = fakeToken();
    r.write('app.txt', `line\n${evilSecret}\n`);
    r.git('add', 'app.txt');
    r.git('commit', '-q', '-m', 'merge side (with an extra change)');
    const merge = r.head();
    const out = await history(r);
    assert.deepEqual(out.findings.map(brief), [
      { path: 'app.txt', line: 2, column: 5, commit: merge, occurrences: 1, secret: evilSecret.slice(4) },
      { path: 'side.txt', line: 1, column: 5, commit: sideCommit, occurrences: 1, secret: sideSecret.slice(4) },
    ]);
  });

  test('the same secret in later versions of a file is one finding at the oldest commit, with occurrences', async () => {
    const r = repo();
    const secret = fakeToken();
    const first = r.commit('one', { 'cfg.ini': `a=1\ntoken=${secret}\n` });
    r.commit('two', { 'cfg.ini': `a=2\ntoken=${secret}\n` });
    r.commit('three', { 'cfg.ini': `a=3\ntoken=${secret}\nb=1\n` });
    const out = await history(r);
    assert.deepEqual(out.findings.map(brief), [
      { path: 'cfg.ini', line: 2, column: 11, commit: first, occurrences: 3, secret: secret.slice(4) },
    ]);
  });

  test('deleted files, binary blobs, submodules and non-UTF-8 paths and content', async () => {
    const r = repo();
    const s1 = fakeToken();
    const s2 = fakeToken();
    const s3 = fakeToken();
    const latin1Name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    r.commit('init', { 'gone.txt': `${s1}\n` });
    // Binary as a whole (a few NULs in text would not be: see pipeline/decode.ts): 64 bytes of control data.
    r.write('bin.dat', Buffer.concat([Buffer.from(Array.from({ length: 64 }, (_, i) => i % 8)), Buffer.from(s2)]));
    // A path with bytes that are not UTF-8, holding latin1 text.
    const fs = await import('node:fs');
    const path = await import('node:path');
    fs.writeFileSync(Buffer.concat([Buffer.from(r.dir + path.sep), latin1Name]), Buffer.concat([Buffer.from('na\xefve: ', 'latin1'), Buffer.from(s3)]));
    r.commit('more');
    r.git('update-index', '--add', '--cacheinfo', `160000,${r.head()},vendor/sub`);
    r.git('commit', '-q', '-m', 'submodule');
    r.git('rm', '-q', 'gone.txt');
    r.commit('delete');
    const out = await history(r);
    const found = out.findings.map((f) => [f.path, f.secret]);
    assert.deepEqual(found, [
      ['caf\uFFFD.txt', s3.slice(4)],
      ['gone.txt', s1.slice(4)],
    ]);
    assert.equal(out.findings[0]!.column, 12);
    assert.deepEqual(
      out.stats.skipped.map((s) => [s.path, s.reason]).sort(),
      [
        ['bin.dat', 'binary'],
        ['vendor/sub', 'submodule (not scanned)'],
      ],
    );
  });

  test('blobs over the size limit are skipped and listed', async () => {
    const r = repo();
    r.commit('big', { 'big.txt': `${fakeToken()}\n${'x'.repeat(5000)}\n` });
    const out = await scanHistory({ root: r.dir, config: { ...(await testConfig()), maxFileSize: 1000 }, cache: false });
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.stats.skipped, [{ path: 'big.txt', reason: 'over the size limit' }]);
  });

  test('config exclude and inline ignores apply as in working-tree scans', async () => {
    const r = repo();
    r.commit('x', {
      'fixtures/a.txt': `${fakeToken()}\n`,
      'b.txt': `${fakeToken()} // keyless-ignore\n`,
    });
    const out = await scanHistory({ root: r.dir, config: { ...(await testConfig()), exclude: ['fixtures/**'] }, cache: false });
    assert.deepEqual(out.findings, []);
  });

  test('a shallow clone is scanned and says where history stops', async () => {
    const src = repo();
    const secret = fakeToken();
    src.commit('old', { 'old.txt': `${fakeToken()}\n` });
    src.commit('mid', { 'a.txt': 'a\n' });
    const tip = src.commit('new', { 'new.txt': `${secret}\n` });
    const clone = new TempRepo(`${src.dir}-shallow`, false);
    repos.push(clone);
    new TempRepo(src.dir, false).git('clone', '-q', '--depth', '1', `file://${src.dir}`, clone.dir);
    const out = await history(clone);
    // The boundary commit brings its whole tree: what older commits added is attributed to it.
    assert.deepEqual(out.findings.map((f) => [f.path, f.commit?.commit]), [
      ['new.txt', tip],
      ['old.txt', tip],
    ]);
    assert.equal(out.stats.shallow, true);
    assert.deepEqual(out.warnings, [`shallow clone: history before ${tip} is not scanned`]);
  });

  test('a directory that is not a git repository is a one-line error', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyless-nogit-'));
    try {
      await assert.rejects(history(new TempRepo(dir, false)), (err: Error) => {
        assert.equal(err.message, `not a git repository: ${dir}`);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('worker threads give the same findings as scanning inline', async () => {
    const r = repo();
    for (let i = 0; i < 6; i++) r.commit(`c${i}`, { [`f${i % 3}.txt`]: `v${i}\n${i % 2 ? fakeToken() : 'none'}\n` });
    const inline = await history(r);
    const saved = process.env['KEYLESS_WORKERS'];
    process.env['KEYLESS_WORKERS'] = '2';
    try {
      const threaded = await history(r);
      assert.deepEqual(threaded.findings, inline.findings);
      assert.equal(inline.findings.length, 3);
    } finally {
      if (saved === undefined) delete process.env['KEYLESS_WORKERS'];
      else process.env['KEYLESS_WORKERS'] = saved;
    }
  });

  test('a repository without commits has no findings', async () => {
    const r = repo();
    const out = await history(r);
    assert.deepEqual(out.findings, []);
    assert.equal(out.stats.commitsScanned, 0);
  });
});
