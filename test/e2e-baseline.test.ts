/**
 * `keyless baseline` and `keyless scan --baseline` end to end: the file holds fingerprints only,
 * sorted; a baselined secret stays silent when moved 50 lines down and re-indented while a new one
 * beside it is reported; stale entries are reported and pruned; a missing or corrupt baseline is
 * one line and exit 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function token(seed: string): string {
  return ['tt', '_'].join('') + seed.repeat(32).slice(0, 32);
}

const CONFIG = JSON.stringify({
  detectors: [{ id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] }],
});

function makeTree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-baseline-')));
  dirs.push(root);
  write(root, files);
  return root;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface BaselineFile {
  version: number;
  findings: { ruleId: string; path: string; fingerprint: string }[];
}

function positions(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { ruleId: string; path: string; line: number; column: number }[] }).findings.map(
    (f) => `${f.ruleId} ${f.path}:${f.line}:${f.column}`,
  );
}

const OLD = token('a1b2c3');
const NEW = token('n7m8b6');

describe('baseline', () => {
  test('writes sorted fingerprints only, deterministic, never the secret', () => {
    const root = makeTree({
      'keyless.config.json': CONFIG,
      'z/last.txt': `${token('z9y8w7')}\n`,
      'a/first.yml': `key: ${OLD}\n`,
      'm.env': `A=${OLD}\nB=${token('x5c8v2')}\n`,
    });
    const run = keyless(['baseline', '--output', 'baseline.json'], root);
    assert.equal(run.code, 0, run.stderr);
    // OLD in a/first.yml and in m.env is one secret under one rule: one fingerprint (path beside it).
    assert.match(run.stderr, /keyless: wrote 3 fingerprints to baseline\.json/);
    const text = readFileSync(join(root, 'baseline.json'), 'utf8');
    const file = JSON.parse(text) as BaselineFile;
    assert.equal(file.version, 1);
    assert.deepEqual(
      file.findings.map((e) => `${e.path} ${e.ruleId}`),
      ['a/first.yml test-token', 'm.env test-token', 'z/last.txt test-token'],
    );
    for (const e of file.findings) assert.match(e.fingerprint, /^[0-9a-f]{64}$/);
    for (const s of [OLD, token('z9y8w7'), token('x5c8v2')]) assert.ok(!text.includes(s.slice(3)), 'secret in baseline');
    assert.equal(keyless(['baseline', '--output', 'again.json'], root).code, 0);
    assert.equal(readFileSync(join(root, 'again.json'), 'utf8'), text);
  });

  test('survives moving the secret 50 lines down and re-indenting; a new secret beside it is reported', () => {
    const root = makeTree({
      'keyless.config.json': CONFIG,
      'config/app.yml': `storage:\n  key: ${OLD}\n`,
    });
    assert.equal(keyless(['baseline', '--output', '.keyless-baseline.json'], root).code, 0);
    const clean = keyless(['scan', '--baseline', '.keyless-baseline.json', '--format', 'json'], root);
    assert.equal(clean.code, 0, clean.stderr);
    assert.deepEqual(positions(clean.stdout), []);
    assert.match(clean.stderr, /0 findings \(suppressed: 1 in baseline\)/);

    const filler = Array.from({ length: 50 }, (_, i) => `line${i}: ${i}`).join('\n');
    write(root, {
      'config/app.yml': `${filler}\nservices:\n  storage:\n        key: ${OLD}\n        other: ${NEW}\n`,
    });
    const run = keyless(['scan', '--baseline', '.keyless-baseline.json', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run.stdout), ['test-token config/app.yml:54:19']);
    assert.doesNotMatch(run.stderr, /stale/);
    // Without the baseline both are reported.
    assert.deepEqual(positions(keyless(['scan', '--format', 'json'], root).stdout), [
      'test-token config/app.yml:53:17',
      'test-token config/app.yml:54:19',
    ]);
  });

  test('stale entries are reported on stderr and dropped with --prune', () => {
    const root = makeTree({
      'keyless.config.json': CONFIG,
      'a.txt': `${OLD}\n`,
      'b.txt': `${token('k3p4r5')}\n`,
    });
    assert.equal(keyless(['baseline', '--output', 'bl.json'], root).code, 0);
    const before = JSON.parse(readFileSync(join(root, 'bl.json'), 'utf8')) as BaselineFile;
    const gone = before.findings.find((e) => e.path === 'a.txt')!;
    write(root, { 'a.txt': 'removed\n' });

    const run = keyless(['scan', '--baseline', 'bl.json', '--format', 'json'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^keyless: stale baseline entry ${gone.fingerprint.slice(0, 12)} \\(test-token in a\\.txt\\) matches nothing; run with --prune to drop it$`, 'm'),
    );
    assert.deepEqual(JSON.parse(readFileSync(join(root, 'bl.json'), 'utf8')), before, 'not rewritten without --prune');

    const pruned = keyless(['scan', '--baseline', 'bl.json', '--prune', '--format', 'json'], root);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stderr, /stale baseline entry \w+ \(test-token in a\.txt\) matches nothing; pruned/);
    const after = JSON.parse(readFileSync(join(root, 'bl.json'), 'utf8')) as BaselineFile;
    assert.deepEqual(after.findings, before.findings.filter((e) => e.path !== 'a.txt'));
    assert.doesNotMatch(keyless(['scan', '--baseline', 'bl.json'], root).stderr, /stale/);
  });

  test('a missing or corrupt baseline is one line and exit 2', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': 'x\n', 'bad.json': '{ "findings": [', 'old.json': '{"version": 9, "findings": []}' });
    const cases: [string, string][] = [
      ['nope.json', 'keyless: baseline file not found: nope.json\n'],
      ['bad.json', "keyless: baseline bad.json is not valid JSON; regenerate it with 'keyless baseline --output bad.json'\n"],
      ['old.json', 'keyless: baseline old.json has unsupported version 9 (expected 1)\n'],
    ];
    for (const [file, stderr] of cases) {
      const run = keyless(['scan', '--baseline', file], root);
      assert.equal(run.code, 2, file);
      assert.equal(run.stderr, stderr);
      assert.equal(run.stdout, '');
    }
  });
});
