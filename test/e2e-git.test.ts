/**
 * The CLI's git modes end to end on temporary repositories: `--history`, `--range A..B` and
 * `--staged` with their exit codes (0 clean, 1 findings, 2 errors as one line) and JSON fields.
 * A test-only detector (from keyless.config.json) keeps these independent of the catalog.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CONFIG = JSON.stringify({
  detectors: [{ id: 'e2e-token', pattern: 'ekt_(?<secret>[a-z0-9]{28})', keywords: ['ekt_'] }],
});
/** A fake token built at run time (never a literal in this file). */
const token = (n: number) => ['ekt', `${n}`.padStart(4, '0') + 'z9'.repeat(12)].join('_');

const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'E2E Dev',
  GIT_AUTHOR_EMAIL: 'e2e@example.test',
  GIT_COMMITTER_NAME: 'E2E Dev',
  GIT_COMMITTER_EMAIL: 'e2e@example.test',
  NO_COLOR: '1',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();
}

function newRepo(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-e2e-git-')));
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  writeFileSync(join(root, 'keyless.config.json'), CONFIG);
  return root;
}

function commit(root: string, files: Record<string, string>, message: string): string {
  for (const [p, c] of Object.entries(files)) writeFileSync(join(root, p), c);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

function keyless(root: string, ...args: string[]) {
  const cache = mkdtempSync(join(tmpdir(), 'keyless-e2e-cache-'));
  dirs.push(cache);
  const r = spawnSync(process.execPath, [BIN, 'scan', ...args], { cwd: root, encoding: 'utf8', env: { ...ENV, KEYLESS_CACHE_DIR: cache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  commit?: { commit: string } | string;
  secret: string;
}
const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
const commitOf = (f: JsonFinding) => (typeof f.commit === 'string' ? f.commit : f.commit?.commit);

describe('keyless scan (git modes)', () => {
  test('--history: a removed secret is reported (exit 1) with its commit; a clean history exits 0', () => {
    const root = newRepo();
    const added = commit(root, { 'app.env': `A=1\nTOKEN=${token(1)}\n` }, 'add');
    commit(root, { 'app.env': 'A=1\n' }, 'remove');
    const r = keyless(root, '--history', '--format', 'json', '--quiet');
    assert.equal(r.code, 1, r.stderr);
    const f = findingsOf(r.stdout);
    assert.deepEqual(f.map((x) => [x.ruleId, x.path, x.line, x.column, commitOf(x)]), [['e2e-token', 'app.env', 2, 11, added]]);
    assert.ok(!r.stdout.includes(token(1).slice(4)), 'JSON output is redacted by default');

    const clean = newRepo();
    commit(clean, { 'a.txt': 'nothing here\n' }, 'clean');
    const c = keyless(clean, '--history', '--format', 'json', '--quiet', '--no-cache');
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(findingsOf(c.stdout), []);
  });

  test('--range A..B: only secrets the range adds; a bad range exits 2 with one line', () => {
    const root = newRepo();
    commit(root, { 'old.txt': `${token(2)}\n` }, 'base');
    git(root, 'branch', 'base');
    const inRange = commit(root, { 'new.txt': `${token(3)}\n` }, 'feature');
    const r = keyless(root, '--range', 'base..main', '--format', 'json', '--quiet');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findingsOf(r.stdout).map((x) => [x.path, commitOf(x)]), [['new.txt', inRange]]);

    const empty = keyless(root, '--range', 'main..base', '--format', 'json', '--quiet');
    assert.equal(empty.code, 0, empty.stderr);

    const bad = keyless(root, '--range', 'no-such-ref..main', '--quiet');
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /invalid range "no-such-ref\.\.main"/);
  });

  test('--staged: a staged secret exits 1, also before the first commit; nothing staged exits 0', () => {
    const root = newRepo();
    writeFileSync(join(root, 'first.env'), `TOKEN=${token(4)}\n`);
    git(root, 'add', 'first.env');
    const r = keyless(root, '--staged', '--format', 'json', '--quiet');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findingsOf(r.stdout).map((x) => [x.path, x.line, x.column, commitOf(x)]), [['first.env', 1, 11, undefined]]);

    git(root, 'rm', '-q', '--cached', 'first.env');
    writeFileSync(join(root, 'first.env'), 'TOKEN=\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'clean');
    const clean = keyless(root, '--staged', '--format', 'json', '--quiet');
    assert.equal(clean.code, 0, clean.stderr);
  });

  test('git modes outside a repository exit 2 with one line', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-e2e-nogit-')));
    dirs.push(dir);
    for (const mode of [['--history'], ['--staged'], ['--range', 'a..b']]) {
      const r = keyless(dir, ...mode, '--quiet');
      assert.equal(r.code, 2, `${mode.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /not a git repository/);
    }
  });
});
