import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { scanRange, scanStaged } from '../../src/scan/git-scans.js';
import { fakeToken, TempRepo, testConfig } from './git-fixture.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.remove()));
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}

describe('scanStaged', () => {
  test('a new staged file with a secret is found; nothing is committed for it', async () => {
    const r = repo();
    r.commit('init', { 'a.txt': 'a\n' });
    const secret = fakeToken();
    r.write('conf/new.env', `X=1\nTOKEN=${secret}\n`);
    r.git('add', 'conf/new.env');
    const out = await scanStaged({ root: r.dir, config: await testConfig() });
    assert.deepEqual(
      out.findings.map((f) => [f.path, f.line, f.column, f.secret, f.commit]),
      [['conf/new.env', 2, 11, secret.slice(4), undefined]],
    );
  });

  test('only secrets being added count: an existing secret in a touched file is not reported again', async () => {
    const r = repo();
    const old = fakeToken();
    r.commit('init', { 'cfg.txt': `${old}\nx=1\n` });
    const added = fakeToken();
    r.write('cfg.txt', `${old}\nx=2\n${added}\n`);
    r.write('unstaged.txt', `${fakeToken()}\n`);
    r.git('add', 'cfg.txt');
    const out = await scanStaged({ root: r.dir, config: await testConfig() });
    assert.deepEqual(out.findings.map((f) => [f.path, f.line, f.secret]), [['cfg.txt', 3, added.slice(4)]]);
  });

  test('works in a repository with no commits yet', async () => {
    const r = repo();
    const secret = fakeToken();
    r.write('first.txt', `${secret}\n`);
    r.git('add', 'first.txt');
    const out = await scanStaged({ root: r.dir, config: await testConfig() });
    assert.deepEqual(out.findings.map((f) => [f.path, f.secret]), [['first.txt', secret.slice(4)]]);
  });

  test('nothing staged: no findings', async () => {
    const r = repo();
    r.commit('init', { 'a.txt': `${fakeToken()}\n` });
    const out = await scanStaged({ root: r.dir, config: await testConfig() });
    assert.deepEqual(out.findings, []);
  });

  test('deleting a file with a secret is not a finding', async () => {
    const r = repo();
    r.commit('init', { 'a.txt': `${fakeToken()}\n` });
    r.git('rm', '-q', 'a.txt');
    const out = await scanStaged({ root: r.dir, config: await testConfig() });
    assert.deepEqual(out.findings, []);
  });
});

describe('scanRange', () => {
  test('only the commits in A..B and only the secrets they add', async () => {
    const r = repo();
    const before = fakeToken();
    r.commit('base', { 'a.txt': `${before}\n` });
    r.git('branch', 'base');
    r.git('checkout', '-q', '-b', 'feature');
    const inRange = fakeToken();
    const c1 = r.commit('feature 1', { 'a.txt': `${before}\nmore\n`, 'b.txt': `x\n${inRange}\n` });
    const c2 = r.commit('feature 2', { 'b.txt': `y\n${inRange}\n` });
    const out = await scanRange({ root: r.dir, config: await testConfig() }, 'base..feature');
    assert.deepEqual(
      out.findings.map((f) => [f.path, f.line, f.secret, f.commit?.commit, f.occurrences]),
      [['b.txt', 2, inRange.slice(4), c1, 1]],
    );
    assert.equal(out.stats.commitsScanned, 2);
    assert.notEqual(c1, c2);
  });

  test('a merge in the range reports only what the merge itself adds', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    r.git('branch', 'base');
    r.git('checkout', '-q', '-b', 'side');
    const sideSecret = fakeToken();
    r.commit('side', { 's.txt': `${sideSecret}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main', { 'm.txt': 'm\n' });
    r.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    const evil = fakeToken();
    r.write('a.txt', `a\n${evil}\n`);
    r.git('add', 'a.txt');
    r.git('commit', '-q', '-m', 'merge');
    const merge = r.head();
    const out = await scanRange({ root: r.dir, config: await testConfig() }, 'side..main');
    assert.deepEqual(out.findings.map((f) => [f.path, f.secret, f.commit?.commit]), [['a.txt', evil.slice(4), merge]]);
  });

  test('a previous version is scanned only when the new one has findings (it can only drop them)', async () => {
    const r = repo();
    const kept = fakeToken();
    // Previous versions: malformed YAML (a read warning when scanned), and a file holding a secret.
    r.commit('base', { 'ci.yml': 'steps: [unclosed\n', 'cfg.txt': `${kept}\n` });
    r.git('branch', 'base');
    const added = fakeToken();
    r.commit('change', { 'ci.yml': 'steps: []\n', 'cfg.txt': `${kept}\n${added}\n` });
    const out = await scanRange({ root: r.dir, config: await testConfig() }, 'base..HEAD');
    // cfg.txt: its previous version was scanned, so the secret it already held is not new.
    assert.deepEqual(out.findings.map((f) => [f.path, f.line, f.secret]), [['cfg.txt', 2, added.slice(4)]]);
    // ci.yml: no findings in the new version, so the malformed previous one was read, not parsed.
    assert.deepEqual(out.warnings, []);
    // Every version read counts in the stats, as before.
    assert.equal(out.stats.filesScanned, 4);
  });

  test('a bad range is a one-line error', async () => {
    const r = repo();
    r.commit('init', { 'a.txt': 'a\n' });
    await assert.rejects(scanRange({ root: r.dir, config: await testConfig() }, 'nope..main'), /^Error: invalid range "nope\.\.main": .+$/);
    await assert.rejects(scanRange({ root: r.dir, config: await testConfig() }, '--all'), /invalid range "--all"/);
  });
});
