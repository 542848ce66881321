/**
 * docs/ci/github-actions-sharded.yml and docs/ci/azure-pipelines-sharded.yml: their shape (triggers,
 * the matrix or parallel strategy, the per-shard cache, artifacts, a final merge), and their shell
 * steps run locally (helpers/ci-sharded-run.ts): N shard jobs as separate processes at once, then
 * the merge, whose report equals one full scan's; run again after new commits, with each shard's
 * cache restored, it still does.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LocalRunner, readWorkflow, runAzurePipeline, runGithubWorkflow, type CiRun } from './helpers/ci-sharded-run.js';
import { appendHistory, GIT_ENV, generatedRepo } from './helpers/sharded-history.js';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The unsharded scan of a fresh clone of `source` (what one CI job scanning everything reports). */
function fullScan(source: string): unknown {
  const base = mkdtempSync(join(tmpdir(), 'keyless-ci-full-'));
  dirs.push(base);
  execFileSync('git', ['clone', '-q', source, join(base, 'ws')], { env: GIT_ENV });
  const r = spawnSync(process.execPath, [BIN, 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.'], {
    cwd: join(base, 'ws'),
    encoding: 'utf8',
    env: { ...GIT_ENV, KEYLESS_CACHE_DIR: join(base, 'cache') },
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 1, r.stderr);
  return JSON.parse(r.stdout);
}

function assertMerged(run: CiRun, shards: number, source: string): void {
  assert.deepEqual(run.shardCodes, Array.from({ length: shards }, () => 0));
  // The merge job fails on findings (exit 1), and uploads the report anyway.
  assert.equal(run.mergeCode, 1, run.mergeStderr);
  assert.deepEqual(JSON.parse(readFileSync(run.report, 'utf8')), fullScan(source));
}

describe('sharded CI workflows (docs/ci)', () => {
  let source: string;
  before(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'keyless-ci-src-'));
    dirs.push(parent);
    source = await generatedRepo({ commits: 90, paths: 24, seed: 21 }, parent);
  });

  test('GitHub Actions: workflow_dispatch + schedule, a shard matrix with a cache per shard, artifacts, a merge job', () => {
    const wf = readWorkflow('github-actions-sharded.yml') as {
      on: Record<string, unknown>;
      env: Record<string, unknown>;
      jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    assert.ok('workflow_dispatch' in wf.on && Array.isArray(wf.on['schedule']));
    assert.deepEqual(wf.jobs['shard']!.strategy!.matrix.shard, [1, 2, 3, 4]);
    assert.equal(wf.env['KEYLESS_SHARDS'], wf.jobs['shard']!.strategy!.matrix.shard.length);
    const cache = wf.jobs['shard']!.steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    assert.match(cache.with!['key']!, /\$\{\{ github\.repository \}\}-\$\{\{ matrix\.shard \}\}-of-4-/);
    assert.ok(wf.jobs['shard']!.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')));
    assert.equal(wf.jobs['merge']!.needs, 'shard');
    assert.ok(wf.jobs['merge']!.steps.some((s) => s.uses?.startsWith('actions/download-artifact@')));
  });

  test('GitHub Actions run locally: 4 shard jobs at once, then the merge, equal one full scan; again after new commits from the caches', async () => {
    const work = await generatedRepo({ commits: 60, paths: 20, seed: 22 }, mkdtempSync(join(tmpdir(), 'keyless-ci-src-')));
    const runner = new LocalRunner(work, GIT_ENV);
    dirs.push(runner.base);
    const wf = readWorkflow('github-actions-sharded.yml');
    assertMerged(await runGithubWorkflow(runner, wf), 4, work);
    assert.equal(runner.restored, 0);
    await appendHistory(work, { commits: 20, paths: 20, seed: 23 }, 1_800_000_000);
    const warm = await runGithubWorkflow(runner, wf);
    assertMerged(warm, 4, work);
    // Each shard restored the cache its first run saved (by the key's prefix: the commit changed),
    // and updated that same file (the workspace path is stable): one history file per shard cache.
    assert.equal(runner.restored, 4);
    const saved = runner.savedCacheFiles();
    assert.equal(saved.size, 8);
    for (const [key, files] of saved) assert.equal(files.length, 1, `${key}: ${files.join(' ')}`);
  });

  test('Azure Pipelines run locally: a parallel strategy of 4, then the merge job, equal one full scan', async () => {
    const pipeline = readWorkflow('azure-pipelines-sharded.yml') as { schedules: unknown[]; jobs: { job: string; dependsOn?: string; strategy?: { parallel: number } }[] };
    assert.equal(pipeline.schedules.length, 1);
    assert.equal(pipeline.jobs.find((j) => j.job === 'shard')!.strategy!.parallel, 4);
    assert.equal(pipeline.jobs.find((j) => j.job === 'merge')!.dependsOn, 'shard');
    const runner = new LocalRunner(source, GIT_ENV);
    dirs.push(runner.base);
    assertMerged(await runAzurePipeline(runner, pipeline as unknown as Record<string, unknown>), 4, source);
  });
});
