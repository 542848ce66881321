/**
 * The CLI relaunches itself with V8 flags for full-history scans: which runs want which flags, and
 * that the relaunched node gets them, shares stdio, and hands back its exit code (128 + n when a
 * signal ended it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HISTORY_NODE_FLAGS, missingNodeFlags, relaunch } from '../../src/cli/relaunch.js';

describe('missingNodeFlags', () => {
  test('history scans and history baselines want the history flags; other runs want none', () => {
    assert.deepEqual(missingNodeFlags(['scan', '--history', '.'], []), [...HISTORY_NODE_FLAGS]);
    assert.deepEqual(missingNodeFlags(['baseline', '--history', '--output', 'b.json'], []), [...HISTORY_NODE_FLAGS]);
    assert.deepEqual(missingNodeFlags(['scan', '.'], []), []);
    assert.deepEqual(missingNodeFlags(['scan', '--staged'], []), []);
    assert.deepEqual(missingNodeFlags(['scan', '--range', 'a..b'], []), []);
    assert.deepEqual(missingNodeFlags(['explain', '--history'], []), []);
  });

  test('flags the process already has are not asked for again (no relaunch loop)', () => {
    assert.deepEqual(missingNodeFlags(['scan', '--history'], [...HISTORY_NODE_FLAGS]), []);
    assert.deepEqual(missingNodeFlags(['scan', '--history'], [HISTORY_NODE_FLAGS[0]!]), HISTORY_NODE_FLAGS.slice(1));
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
