/**
 * The working-tree pipeline (listing while scanning, chunks handed to worker threads during the
 * walk): the outcome is the same whatever the number of workers, in listing order, with skipped
 * entries and warnings; and the worker count follows KEYLESS_WORKERS and the file threshold.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scanWorkingTree, treeWorkerCount } from '../../src/scan/tree-scan.js';

const DETECTOR = { id: 'demo', pattern: 'dm_(?<secret>[a-z0-9]{12})', keywords: ['dm_'] };
/** A random-looking 12-char body per file (a placeholder-like `k1xxxxxxxxxx` would be filtered). */
const secret = (i: number) => ['dm', '_'].join('') + `${(i * 7919 + 104729).toString(36)}q8w3e7r2t5y1`.slice(0, 12);

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** 400 files in nested directories (several chunks), a secret in every 17th, one binary, one link. */
function makeTree(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-pipeline-')));
  roots.push(root);
  const write = (path: string, text: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (let i = 0; i < 400; i++) write(`d${i % 9}/s${i % 4}/f${i}.txt`, i % 17 === 3 ? `a\n  v = ${secret(i)}\n` : `plain ${i}\n`);
  write('d1/blob.bin', Buffer.from([1, 0, 2]));
  write('.gitignore', 'ignored/\n');
  write('ignored/f.txt', `${secret(999)}\n`);
  symlinkSync(join(root, 'd0'), join(root, 'link'));
  return root;
}

function withWorkers<T>(value: string | undefined, run: () => T): T {
  const saved = process.env['KEYLESS_WORKERS'];
  if (value === undefined) delete process.env['KEYLESS_WORKERS'];
  else process.env['KEYLESS_WORKERS'] = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env['KEYLESS_WORKERS'];
    else process.env['KEYLESS_WORKERS'] = saved;
  }
}

describe('working-tree pipeline', () => {
  test('same outcome with 0, 1 and 2 workers', async () => {
    const root = makeTree();
    const scan = (workers: string) => withWorkers(workers, () => scanWorkingTree({ root, config: { detectors: [DETECTOR] } }));
    const single = await scan('0');
    assert.equal(single.findings.length, 24); // i % 17 === 3 for i < 400, none under ignored/
    assert.deepEqual(
      single.findings.slice(0, 2).map((f) => [f.path, f.line, f.column]),
      [['d0/s0/f360.txt', 2, 10], ['d0/s2/f54.txt', 2, 10]], // i = 360, 54: i % 17 === 3 under d0 (i % 9 === 0),
    );
    assert.equal(single.stats.filesScanned, 401); // 400 + .gitignore
    assert.deepEqual(single.stats.skipped, [
      { path: 'link', reason: 'symlink (not followed)' },
      { path: 'd1/blob.bin', reason: 'binary' },
    ]);
    for (const workers of ['1', '2']) assert.deepEqual(await scan(workers), single, `KEYLESS_WORKERS=${workers}`);
  });

  test('YAML files among text files: same outcome, in listing order, with 0, 1 and 2 workers', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-pipeline-yaml-')));
    roots.push(root);
    // 110 YAML files among 120 text files (several chunks), secrets in both kinds.
    for (let i = 0; i < 230; i++) {
      const path = i % 2 === 0 && i < 220 ? `p${i % 5}/c${i}.yml` : `p${i % 5}/t${i}.txt`;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), i % 10 < 2 ? `name: n${i}\nvalue: ${secret(i)}\n` : `name: n${i}\n`);
    }
    const scan = (workers: string) => withWorkers(workers, () => scanWorkingTree({ root, config: { detectors: [DETECTOR] } }));
    const single = await scan('0');
    assert.equal(single.stats.filesScanned, 230);
    assert.equal(single.findings.length, 46); // i % 10 < 2: 22 YAML files (i even, < 220), 24 text files
    assert.equal(single.findings.filter((f) => f.path.endsWith('.yml')).length, 22);
    assert.deepEqual(
      single.findings.slice(0, 3).map((f) => [f.path, f.line, f.column]),
      [['p0/c0.yml', 2, 11], ['p0/c10.yml', 2, 11], ['p0/c100.yml', 2, 11]],
    );
    for (const workers of ['1', '2']) assert.deepEqual(await scan(workers), single, `KEYLESS_WORKERS=${workers}`);
  });

  test('worker count: KEYLESS_WORKERS wins, small trees get none', () => {
    assert.equal(withWorkers('2', () => treeWorkerCount(1)), 2);
    assert.equal(withWorkers('0', () => treeWorkerCount(100_000)), 0);
    assert.equal(withWorkers('99', () => treeWorkerCount(1)), 8);
    assert.equal(withWorkers(undefined, () => treeWorkerCount(100)), 0);
    const big = withWorkers(undefined, () => treeWorkerCount(100_000));
    assert.ok(big >= 0 && big <= Math.min(availableParallelism() - 1, 3), `got ${big}`);
  });
});
