/**
 * The realistic corpus (corpus-tree.ts), written to a temporary directory and scanned with the CLI
 * (`keyless scan <dir> --format json`): the set of findings must equal the set of planted leaks,
 * by rule id, path, line and column — every leak found, nothing else reported.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildCorpus, type ExpectedFinding } from './corpus-tree.js';

const BIN = fileURLToPath(new URL('../../../bin/keyless.js', import.meta.url));

function keyOf(f: ExpectedFinding): string {
  return `${f.path}:${f.line}:${f.column} ${f.ruleId}`;
}

describe('realistic corpus', () => {
  const corpus = buildCorpus();
  const root = mkdtempSync(join(tmpdir(), 'keyless-corpus-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const f of corpus.files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  const run = spawnSync(process.execPath, [BIN, 'scan', root, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 16 << 20 });

  test('the corpus covers every file type and has leaks and non-secret-only files', () => {
    const paths = corpus.files.map((f) => f.path);
    for (const suffix of ['appsettings.json', 'local.settings.json', '.env', '.yml', '.yaml', 'parameters.json', '.bicepparam', '.tfvars', '.ipynb', '.js', '.ts', '.cs', '.py', '.config', '.min.js', 'package-lock.json']) {
      assert.ok(paths.some((p) => p.endsWith(suffix)), `no ${suffix} file`);
    }
    const leaky = new Set(corpus.expected.map((e) => e.path));
    assert.ok(corpus.expected.length >= 30, `only ${corpus.expected.length} leaks`);
    assert.ok(paths.filter((p) => !leaky.has(p)).length >= 8, 'too few secret-free files');
  });

  /** The corpus's one posture finding: its workflow passes a client secret in `env` (docs/posture.md). */
  const POSTURE = ['.github/workflows/deploy.yml:7:7 posture-ci-client-secret-env'];
  const all = () => (JSON.parse(run.stdout) as { findings: (ExpectedFinding & { category?: string; secret: string })[] }).findings;

  test('posture findings are exactly the wiring the corpus has, apart from the leaks', () => {
    assert.deepEqual(all().filter((f) => f.category === 'posture').map(keyOf), POSTURE);
  });

  test('keyless exits 1 (findings) and reports exactly the planted leaks', () => {
    assert.equal(run.status, 1, run.stderr);
    const findings = all().filter((f) => f.category !== 'posture');
    const actual = findings.map(keyOf).sort();
    const expected = corpus.expected.map(keyOf).sort();
    const missed = expected.filter((e) => !actual.includes(e));
    const extra = actual.filter((a) => !expected.includes(a));
    assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
    assert.equal(actual.length, expected.length);
  });

  test('every finding is redacted', () => {
    // A posture finding's `secret` is the construct found (a reference here), never a value.
    for (const f of all()) {
      if (f.category === 'posture') assert.equal(f.secret, 'AZURE_CLIENT_SECRET: ${{ secrets.AZURE_CLIENT_SECRET }}');
      else assert.match(f.secret, /\*{4,}/);
    }
  });
});
