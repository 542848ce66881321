/**
 * The CLI over git scans: `scan --history` in JSON and SARIF (commit, author, date), a history
 * baseline that survives a rebase-like rewrite (same secret, new commits), and git errors as one
 * line with exit 2.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const CONFIG = JSON.stringify({
  detectors: [{ id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] }],
});
const SECRET = ['tt', '_'].join('') + 'r4t5y6u7'.repeat(4);

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Dev One',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev One',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

function repo(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-cli-git-')));
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  writeFileSync(join(root, 'keyless.config.json'), CONFIG);
  writeFileSync(join(root, 'app.env'), `MODE=prod\nVALUE=${SECRET}\n`);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'add config', '--date', '2024-01-02T03:04:05Z');
  writeFileSync(join(root, 'app.env'), 'MODE=prod\n');
  git(root, 'commit', '-q', '-am', 'remove secret');
  return root;
}

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('scan --history: JSON and SARIF carry the introducing commit', () => {
  const root = repo();
  const introducing = git(root, 'rev-parse', 'HEAD~1');
  const json = keyless(['scan', '--history', '--format', 'json', '--no-cache'], root);
  assert.equal(json.code, 1, json.stderr);
  const findings = (JSON.parse(json.stdout) as { findings: Record<string, unknown>[] }).findings;
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!['path'], 'app.env');
  assert.equal(findings[0]!['line'], 2);
  assert.equal(findings[0]!['column'], 10);
  assert.equal(findings[0]!['commit'], introducing);
  assert.equal(findings[0]!['author'], 'Dev One');
  assert.equal(findings[0]!['authorEmail'], 'dev@example.com');
  assert.ok(!json.stdout.includes(SECRET.slice(3)));
  assert.equal(keyless(['scan', '--format', 'json'], root).code, 0, 'the working tree is clean');

  const sarif = keyless(['scan', '--history', '--format', 'sarif', '--no-cache'], root);
  assert.equal(sarif.code, 1, sarif.stderr);
  const result = (JSON.parse(sarif.stdout) as { runs: { results: { properties: Record<string, unknown> }[] }[] }).runs[0]!.results[0]!;
  assert.equal(result.properties['commit'], introducing);
  assert.equal(result.properties['author'], 'Dev One');
  assert.equal(result.properties['authorEmail'], 'dev@example.com');
  assert.equal(typeof result.properties['date'], 'string');

  const text = keyless(['scan', '--history', '--no-cache'], root);
  assert.equal(text.code, 1, text.stderr);
  assert.equal(text.stdout.split('\n')[2], `    commit ${introducing} Dev One <dev@example.com> 2024-01-02T03:04:05+00:00`);
});

test('a history baseline survives rewriting history (squash) and still flags a new secret', () => {
  const root = repo();
  assert.equal(keyless(['baseline', '--history', '--output', 'bl.json', '--no-cache'], root).code, 0);
  assert.equal(keyless(['scan', '--history', '--baseline', 'bl.json', '--no-cache'], root).code, 0);
  // Squash both commits into one new root commit holding the secret, then add a second secret.
  git(root, 'checkout', '-q', '--orphan', 'squashed');
  writeFileSync(join(root, 'app.env'), `MODE=prod\n\n\n  VALUE=${SECRET}\n`);
  git(root, 'add', 'app.env', 'keyless.config.json');
  git(root, 'commit', '-q', '-m', 'squashed');
  git(root, 'branch', '-q', '-D', 'main');
  const fresh = ['tt', '_'].join('') + 'm1n2b3v4'.repeat(4);
  writeFileSync(join(root, 'other.env'), `X=${fresh}\n`);
  git(root, 'add', 'other.env');
  git(root, 'commit', '-q', '-m', 'another');
  const run = keyless(['scan', '--history', '--baseline', 'bl.json', '--format', 'json', '--no-cache'], root);
  assert.equal(run.code, 1, run.stderr);
  const findings = (JSON.parse(run.stdout) as { findings: { path: string; line: number }[] }).findings;
  assert.deepEqual(findings.map((f) => `${f.path}:${f.line}`), ['other.env:1']);
});

test('a history baseline survives a real git rebase of the commit that added the secret', () => {
  const root = repo();
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-baseline-')));
  dirs.push(outside);
  const baselineFile = join(outside, 'baseline.json');
  assert.equal(keyless(['baseline', '--history', '--output', baselineFile, '--no-cache'], root).code, 0);
  const original = git(root, 'rev-parse', 'HEAD~1');
  // A new, unrelated base commit; then rebase main (both commits, the secret's included) onto it.
  git(root, 'checkout', '-q', '--orphan', 'newbase');
  git(root, 'rm', '-rq', '--cached', '.');
  writeFileSync(join(root, 'README.md'), 'base\n');
  git(root, 'add', 'README.md');
  git(root, 'commit', '-q', '-m', 'new base');
  git(root, 'checkout', '-q', '-f', 'main');
  git(root, 'rebase', '-q', '--onto', 'newbase', '--root', 'main');
  const rewritten = git(root, 'rev-parse', 'HEAD~1');
  assert.notEqual(rewritten, original, 'the commit that added the secret was rewritten');
  git(root, 'reflog', 'expire', '--expire=now', '--all');
  git(root, 'gc', '-q', '--prune=now');
  const before = keyless(['scan', '--history', '--format', 'json', '--no-cache'], root);
  assert.equal(before.code, 1, 'without the baseline the rewritten commit is still reported');
  const commits = (JSON.parse(before.stdout) as { findings: { commit: string }[] }).findings.map((f) => f.commit);
  assert.deepEqual(commits, [rewritten]);
  assert.equal(keyless(['scan', '--history', '--baseline', baselineFile, '--no-cache'], root).code, 0);
});

test('git errors are one line and exit 2', () => {
  const root = repo();
  const run = keyless(['scan', '--range', 'nope..HEAD'], root);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^keyless: .*nope/);
  const notRepo = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-not-git-')));
  dirs.push(notRepo);
  const outside = keyless(['scan', '--history'], notRepo);
  assert.equal(outside.code, 2);
  assert.equal(outside.stderr.trimEnd().split('\n').length, 1, outside.stderr);
});
