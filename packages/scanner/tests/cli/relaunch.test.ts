/**
 * The CLI relaunches itself with V8 flags for full-history scans (not for other scans, nor when a
 * history cache will make the scan short), and the relaunched node gets the flags and the
 * arguments and hands back its exit code (128 + n when a signal ended it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { CliIO } from '../../src/cli/io.js';
import { HISTORY_NODE_FLAGS, missingNodeFlags, relaunch } from '../../src/cli/relaunch.js';
import { RELAUNCH_MIN_OBJECTS, relaunchForFullHistory } from '../../src/cli/run-scan.js';
import { scanHistory } from '../../src/index.js';
import { TempRepo } from '../git/git-fixture.js';

describe('missingNodeFlags', () => {
  test('flags the process already has are not asked for again (no relaunch loop)', () => {
    assert.deepEqual(missingNodeFlags(HISTORY_NODE_FLAGS, []), [...HISTORY_NODE_FLAGS]);
    assert.deepEqual(missingNodeFlags(HISTORY_NODE_FLAGS, [...HISTORY_NODE_FLAGS]), []);
    assert.deepEqual(missingNodeFlags(HISTORY_NODE_FLAGS, [HISTORY_NODE_FLAGS[0]!]), HISTORY_NODE_FLAGS.slice(1));
  });
});

describe('relaunchForFullHistory', () => {
  const repo = new TempRepo();
  repo.commit('one', { 'a.txt': 'a\n' });
  const cacheDir = mkdtempSync(join(tmpdir(), 'keyless-relaunch-cache-'));
  const savedCacheDir = process.env['KEYLESS_CACHE_DIR'];
  process.env['KEYLESS_CACHE_DIR'] = cacheDir;
  after(() => {
    repo.remove();
    rmSync(cacheDir, { recursive: true, force: true });
    if (savedCacheDir === undefined) delete process.env['KEYLESS_CACHE_DIR'];
    else process.env['KEYLESS_CACHE_DIR'] = savedCacheDir;
  });
  const io = (asked: (readonly string[])[]): CliIO => ({
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: repo.dir,
    env: process.env,
    relaunch: async (flags) => {
      asked.push(flags);
      return 7;
    },
  });

  test('a history scan without a cache to start from runs again with the flags; its exit code is returned', async () => {
    const asked: (readonly string[])[] = [];
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, io(asked), undefined, 0), 7);
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, true, io(asked), undefined, 0), 7);
    assert.deepEqual(asked, [missingNodeFlags(HISTORY_NODE_FLAGS, process.execArgv), missingNodeFlags(HISTORY_NODE_FLAGS, process.execArgv)]);
  });

  test('other scans, a history scan with a cache, and an io that cannot relaunch run here', async () => {
    const asked: (readonly string[])[] = [];
    for (const mode of [{ kind: 'tree' }, { kind: 'staged' }, { kind: 'range', range: 'a..b' }] as const) {
      assert.equal(await relaunchForFullHistory(mode, repo.dir, true, io(asked)), undefined);
    }
    const { relaunch: _, ...plain } = io(asked);
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, plain, undefined, 0), undefined);
    await scanHistory({ root: repo.dir, config: {}, cache: true });
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, true, io(asked), undefined, 0), undefined);
    // --no-cache: the scan is a full one whatever the cache holds.
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, io(asked), undefined, 0), 7);
    assert.equal(asked.length, 1);
  });

  test('a repository with fewer objects than the threshold is scanned here (the relaunch would cost more than it saves)', async () => {
    const asked: (readonly string[])[] = [];
    // The repository holds 3 objects (a commit, a tree, a blob).
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, io(asked)), undefined);
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, io(asked), undefined, 4), undefined);
    assert.equal(await relaunchForFullHistory({ kind: 'history' }, repo.dir, false, io(asked), undefined, 3), 7);
    assert.equal(asked.length, 1);
    assert.ok(RELAUNCH_MIN_OBJECTS > 3);
  });
});

describe('relaunch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-relaunch-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  test('the new node gets the flags and the arguments, and its exit code comes back', async () => {
    const out = join(dir, 'seen.json');
    const file = script('echo.mjs', `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(out)}, JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2) }));\nprocess.exitCode = 3;\n`);
    assert.equal(await relaunch(file, ['scan', '--history', 'x y'], ['--expose-gc']), 3);
    const seen = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { execArgv: string[]; argv: string[] };
    assert.ok(seen.execArgv.includes('--expose-gc'));
    assert.deepEqual(seen.argv, ['scan', '--history', 'x y']);
  });

  test('a node ended by a signal gives 128 + its number', async () => {
    const file = script('killed.mjs', `process.kill(process.pid, 'SIGTERM');\nsetTimeout(() => {}, 10000);\n`);
    assert.equal(await relaunch(file, [], []), 128 + 15);
  });
});
