/**
 * Hostile inputs for the git scans (issue 6, item 1): a non-git directory, an empty repository, a
 * corrupt and a missing object, 10k refs, hostile path names and oversized/binary blobs in
 * history, refs to trees and blobs, a shallow clone, a broken HEAD. Every run is bounded in time and
 * memory and ends with 0/1 (a warning line where something was skipped) or 2 with one line.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { hostileDir, put, removeHostileDirs } from './helpers/hostile-tree.js';
import { disorder, runKeyless, stderrLines, tally, type CliRun } from './helpers/hostile-run.js';
import { plantedSecret } from './helpers/planted-secret.js';
import { repo, type Repo } from './helpers/hostile-repo.js';
import { isolatedEnv } from './helpers/sandbox-repo.js';

const planted = plantedSecret();

after(() => {
  removeHostileDirs();
  process.stdout.write(`# hostile-git: ${tally.tried} CLI runs on hostile inputs, ${tally.crashes} crashes, ${tally.hangs} hangs, peak RSS ${Math.round(tally.maxRssKib / 1024)} MiB\n`);
});

function commitFiles(r: Repo, message: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) put(r.dir, path, content);
  r.git('add', '-A');
  r.git('commit', '-q', '-m', message);
}

function keyless(r: Repo, args: readonly string[], timeoutMs = 60_000): CliRun {
  const run = runKeyless(args, { cwd: r.dir, env: r.env, timeoutMs });
  const bad = disorder(run);
  assert.equal(bad, undefined, `${bad}\nstderr:\n${run.stderr.slice(0, 3000)}`);
  assert.ok(!run.stdout.includes(planted.secret) && !run.stderr.includes(planted.secret), 'full secret in the output');
  return run;
}

function paths(run: CliRun): string[] {
  return (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
}

/** Exactly one non-empty stderr line, starting with `keyless: `. */
function assertOneLineError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.status, 2, run.stderr);
  const lines = stderrLines(run).filter((l) => !l.startsWith("keyless: run 'keyless"));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, pattern);
}

describe('hostile git inputs', { timeout: 240_000 }, () => {
  test('a directory that is not a git repository: --history, --staged and --range exit 2 with one line', () => {
    const dir = hostileDir('not-git');
    put(dir, 'a.env', `${planted.line}\n`);
    const r: Repo = { dir, env: isolatedEnv(join(dir, '..', 'nohome'), { GIT_CEILING_DIRECTORIES: join(dir, '..') }), git: () => '' };
    for (const args of [['scan', '--history'], ['scan', '--staged'], ['scan', '--range', 'main..HEAD'], ['baseline', '--history', '--output', 'b.json']]) {
      assertOneLineError(keyless(r, args), /^keyless: .*not a git repository/);
    }
  });

  test('an empty repository (no commits): --history and --staged exit 0, --range exits 2 with one line', () => {
    const r = repo('empty');
    const history = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(history.status, 0, history.stderr);
    assert.deepEqual(paths(history), []);
    const staged = keyless(r, ['scan', '--staged', '--format', 'json']);
    assert.equal(staged.status, 0, staged.stderr);
    assertOneLineError(keyless(r, ['scan', '--range', 'main~1..main']), /^keyless: invalid range/);
  });

  test('staged secrets in a repository without commits are found', () => {
    const r = repo('unborn');
    put(r.dir, 'app.env', `${planted.line}\n`);
    r.git('add', 'app.env');
    const run = keyless(r, ['scan', '--staged', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(paths(run), ['app.env']);
  });

  test('a corrupt blob object: exit 2 with one line, or exit 2 naming what was not scanned', () => {
    const r = repo('corrupt');
    commitFiles(r, 'one', { 'a.env': `${planted.line}\n`, 'b.txt': 'hello\n' });
    const blob = r.git('rev-parse', 'HEAD:a.env').trim();
    const file = join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    rmSync(file, { force: true });
    writeFileSync(file, Buffer.from('this is not zlib data at all'));
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 2, run.stderr);
    if (run.stdout === '') assertOneLineError(run, /^keyless: /);
    else assert.ok(stderrLines(run).includes('keyless: not scanned (object missing (partial or broken clone)): a.env'), run.stderr);
  });

  test('a missing blob object (broken clone): the rest is reported, the path is named, exit 2', () => {
    const r = repo('missing');
    commitFiles(r, 'one', { 'a.env': `${planted.line}\n`, 'b.env': `${planted.line}\n` });
    const blob = r.git('rev-parse', 'HEAD:a.env').trim();
    commitFiles(r, 'two', { 'c.env': `${planted.line}\n# changed\n` });
    rmSync(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual(paths(run), ['c.env']);
    assert.ok(stderrLines(run).includes('keyless: not scanned (object missing (partial or broken clone)): a.env'), run.stderr);
  });

  test('10k refs (branches and tags) on a small history: bounded time and memory, each finding once', () => {
    const r = repo('refs');
    commitFiles(r, 'base', { 'app.env': `${planted.line}\n` });
    const head = r.git('rev-parse', 'HEAD').trim();
    commitFiles(r, 'more', { 'b.txt': 'b\n' });
    const next = r.git('rev-parse', 'HEAD').trim();
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`create refs/heads/topic/${i} ${i % 2 ? head : next}`, `create refs/tags/v${i} ${i % 3 ? next : head}`);
    execFileSync('git', ['update-ref', '--stdin'], { cwd: r.dir, env: r.env, input: `${lines.join('\n')}\n` });
    assert.equal(r.git('for-each-ref', '--format=x').split('\n').filter(Boolean).length, 10_001);
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache'], 90_000);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(paths(run), ['app.env']);
  });

  test('refs to trees and blobs, and a tag of a tag, are tolerated', () => {
    const r = repo('odd-refs');
    commitFiles(r, 'one', { 'app.env': `${planted.line}\n` });
    const tree = r.git('rev-parse', 'HEAD^{tree}').trim();
    const blob = r.git('rev-parse', 'HEAD:app.env').trim();
    r.git('update-ref', 'refs/odd/tree', tree);
    r.git('update-ref', 'refs/odd/blob', blob);
    r.git('tag', '-a', '-m', 'inner', 'inner');
    r.git('tag', '-a', '-m', 'outer', 'outer', 'inner');
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(paths(run), ['app.env']);
  });

  test('hostile path names in history (newline, quotes, spaces, invalid UTF-8) are scanned', () => {
    const r = repo('names');
    const names = ['new\nline.env', 'quote"d\'.env', 'sp ace/t\tab.env', '-dash.env'];
    commitFiles(r, 'names', Object.fromEntries(names.map((n) => [n, `${planted.line}\n`])));
    writeFileSync(Buffer.concat([Buffer.from(`${r.dir}/raw`), Buffer.from([0xff, 0xfe]), Buffer.from('.env')]), `${planted.line}\n# raw\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'raw name');
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    const found = paths(run);
    // One blob holds the same secret at four paths: the finding is reported per path (one fingerprint, four paths).
    for (const n of names) assert.ok(found.includes(n), `${JSON.stringify(n)} missing from ${JSON.stringify(found)}`);
    assert.ok(found.some((p) => p.startsWith('raw') && p.endsWith('.env')), JSON.stringify(found));
  });

  test('an oversized and a binary blob in history are skipped; the oversized one with a listed line', () => {
    const r = repo('big-blob');
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    big.write(planted.line, 1024);
    commitFiles(r, 'big', { 'dump.txt': big, 'img.bin': Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i % 8)), Buffer.from(planted.line)]), 'ok.env': `${planted.line}\n` });
    const run = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(paths(run), ['ok.env']);
    assert.ok(stderrLines(run).includes('keyless: skipped (over the size limit of 2.0 MiB, maxFileSize): dump.txt'), run.stderr);
    assert.ok(stderrLines(run).includes('keyless: skipped (binary): img.bin'), run.stderr);
    assert.match(run.stderr, /skipped 2 \(.*1 binary.*\)|skipped 2 \(.*1 over the size limit.*\)/);
  });

  test('a shallow clone: findings plus a warning that older history was not scanned', () => {
    const r = repo('shallow-src');
    commitFiles(r, 'one', { 'old.env': `${planted.line}\n` });
    commitFiles(r, 'two', { 'new.env': `${planted.line}\n# two\n` });
    const clone = join(r.dir, '..', 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone], { env: r.env });
    const c: Repo = { dir: clone, env: r.env, git: () => '' };
    const run = keyless(c, ['scan', '--history', '--format', 'json', '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /shallow/);
  });

  test('a corrupt HEAD and a garbage packed-refs file end in an orderly exit', () => {
    const r = repo('bad-head');
    commitFiles(r, 'one', { 'app.env': `${planted.line}\n` });
    writeFileSync(join(r.dir, '.git', 'packed-refs'), '# pack-refs with: peeled\nnot-a-sha refs/heads/x\n\u0000\u0001garbage\n');
    const packed = keyless(r, ['scan', '--history', '--format', 'json', '--no-cache']);
    if (packed.status === 2) assertOneLineError(packed, /^keyless: /);
    writeFileSync(join(r.dir, '.git', 'HEAD'), 'ref: refs/heads/\u0000bad\n');
    for (const args of [['scan', '--history', '--no-cache'], ['scan', '--staged']]) {
      const run = keyless(r, args);
      if (run.status === 2) assertOneLineError(run, /^keyless: /);
    }
  });
});
