/**
 * keyless only reads the repository it scans: after `scan` (working tree, --history cold and warm,
 * --staged, --range, every format), `baseline` and `scan --baseline`, the repository — work tree
 * and `.git` alike — is byte- and metadata-identical (sizes, hashes, mtimes, ctimes), `git status`
 * is unchanged, and the history cache lives under the user's cache directory, outside the repo.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { KEYLESS_BIN, SandboxRepo, removeTempDirs, run, tempDir, type RunResult } from './helpers/sandbox-repo.js';
import { diffSnapshots, snapshotTree, type TreeSnapshot } from './helpers/tree-snapshot.js';

let planted: PlantedSecret;
let repo: SandboxRepo;
let outside: string;
let baseSha: string;
let snapshot: TreeSnapshot;
let status: string;

/** `git status` that never refreshes the index on disk (it is our observer, not a suspect). */
function gitStatus(): string {
  return repo.tryGit('--no-optional-locks', 'status', '--porcelain=v2', '--branch', '--untracked-files=all', '--ignored')
    .stdout;
}

/** A repo with history on two branches and a tag, a staged secret, an unstaged edit, untracked and ignored files. */
function buildRepo(): void {
  repo = SandboxRepo.create('side-effects');
  repo.commit('initial', { 'README.md': '# app\n', '.gitignore': 'local/\n' });
  baseSha = repo.head();
  repo.commit('add settings', { 'config/settings.txt': `${planted.line}\n`, 'src/app.js': 'export const x = 1;\n' });
  repo.commit('move the secret out', { 'config/settings.txt': 'storage=managed-identity\n' });
  repo.git('tag', 'v1.0.0');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit('feature leak', { 'feature.txt': `${planted.line}\n` });
  repo.git('checkout', '-q', 'main');
  repo.write('staged.txt', `${planted.line}\n`);
  repo.git('add', 'staged.txt');
  repo.write('src/app.js', 'export const x = 2;\n');
  repo.write('untracked.txt', `${planted.line}\n`);
  repo.write('local/ignored.txt', `${planted.line}\n`);
  // Let git write what it writes on its own (index stat refresh) before we look.
  repo.git('update-index', '-q', '--refresh');
  repo.git('status', '--porcelain');
}

before(() => {
  planted = plantedSecret();
  buildRepo();
  outside = tempDir('side-effects-out');
  snapshot = snapshotTree(repo.dir);
  status = gitStatus();
});
after(removeTempDirs);

/** Runs keyless, checks its exit status, then that the repository is exactly as it was. */
function runAndCheck(
  args: string[],
  expectedStatus: number,
  options: { cwd?: string; env?: Record<string, string> } = {},
): RunResult {
  const r = run(process.execPath, [KEYLESS_BIN, ...args], options.cwd ?? repo.dir, { ...repo.env, ...options.env });
  assert.equal(r.status, expectedStatus, `keyless ${args.join(' ')} exit status\n${r.stderr}`);
  const diffs = diffSnapshots(snapshot, snapshotTree(repo.dir));
  assert.deepEqual(diffs, [], `keyless ${args.join(' ')} changed the repository:\n${diffs.join('\n')}`);
  assert.equal(gitStatus(), status, 'git status is unchanged');
  return r;
}

describe('a scan leaves the scanned repository byte-identical', () => {
  test('scan (working tree), text and json', () => {
    runAndCheck(['scan', '.'], 1);
    const json = runAndCheck(['scan', '.', '--format', 'json', '--quiet'], 1);
    const paths = (JSON.parse(json.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort();
    assert.deepEqual(paths, ['staged.txt', 'untracked.txt'], 'the scan saw the tree (ignored files excepted)');
  });

  test('scan PATH from another directory', () => {
    runAndCheck(['scan', repo.dir, '--quiet'], 1, { cwd: outside });
  });

  test('scan --history, cold then warm cache; the cache lives in the user cache dir', () => {
    runAndCheck(['scan', '--history', '--quiet'], 1);
    runAndCheck(['scan', '--history', '--quiet'], 1);
    runAndCheck(['scan', '--history', '--no-cache', '--quiet'], 1);
    const cacheDir = join(repo.home, '.cache', 'keyless');
    assert.ok(existsSync(cacheDir) && readdirSync(cacheDir).length > 0, `the history cache is in ${cacheDir}`);
  });

  test('scan --history with KEYLESS_CACHE_DIR pointing into the repo writes no cache there', () => {
    for (const inside of [join(repo.dir, '.keyless-cache'), join(repo.dir, '.git', 'keyless')]) {
      runAndCheck(['scan', '--history', '--quiet'], 1, { env: { KEYLESS_CACHE_DIR: inside } });
    }
  });

  test('scan --staged', () => {
    runAndCheck(['scan', '--staged', '--quiet'], 1);
  });

  test('scan --range, every format, report written outside the repo', () => {
    const range = `${baseSha}..feature`;
    runAndCheck(['scan', '--range', range, '--quiet'], 1);
    runAndCheck(['scan', '--range', range, '--format', 'github', '--quiet'], 1);
    const sarif = join(outside, 'range.sarif');
    runAndCheck(['scan', '--range', range, '--format', 'sarif', '--output', sarif, '--quiet'], 1);
    assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version, '2.1.0');
  });

  test('baseline (tree and history) to a file outside the repo, then scan --baseline', () => {
    const treeBaseline = join(outside, 'tree-baseline.json');
    runAndCheck(['baseline', '.', '--output', treeBaseline, '--quiet'], 0);
    runAndCheck(['scan', '.', '--baseline', treeBaseline, '--quiet'], 0);
    const historyBaseline = join(outside, 'history-baseline.json');
    runAndCheck(['baseline', '.', '--history', '--output', historyBaseline, '--quiet'], 0);
    runAndCheck(['scan', '--history', '--baseline', historyBaseline, '--quiet'], 0);
    assert.ok(!readFileSync(historyBaseline, 'utf8').includes(planted.secret), 'the baseline stores no secret');
  });
});
