/**
 * Suppressions are visible (issue 12, item 2): what an inline ignore, the config's allowlist, the
 * baseline, an excluded path or a disabled rule silences is counted in the summary and JSON, and
 * SARIF carries the silenced findings as results with `suppressions` (inSource / external).
 * Suppressed findings never fail a scan, and survive history lanes and the history cache.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { Ajv } from 'ajv';
import { KEYLESS_BIN, removeTempDirs, run, SandboxRepo, type RunResult } from './helpers/sandbox-repo.js';

after(removeTempDirs);

const token = (body: string) => ['tt', '_'].join('') + body.repeat(4);
const IGNORED = token('ignored0');
const ALLOWED = token('a11owed0');
const BASELINED = token('base1ine');
const EXCLUDED = token('exc1uded');
const FRESH = token('fresh123');
const ALL = [IGNORED, ALLOWED, BASELINED, EXCLUDED, FRESH];

const CONFIG = JSON.stringify({
  detectors: [{ id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] }],
  rules: { 'jwt-token': 'off' },
  exclude: ['vendor/**'],
  allowlist: { values: ['^a11owed0'] },
});

interface JsonReport {
  findings: { ruleId: string; path: string; line: number }[];
  suppressed: Record<string, number>;
}
interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  suppressions?: { kind: string; justification?: string }[];
}

function assertRedacted(r: RunResult): void {
  for (const s of ALL) assert.ok(!r.stdout.includes(s.slice(3)) && !r.stderr.includes(s.slice(3)), 'no secret in the output');
}

/** The SARIF 2.1.0 schema shipped with @microsoft/jest-sarif (as in e2e-cli-sarif.test.ts). */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['id'];
  return new Ajv({ strict: false, logger: false, unicodeRegExp: false, allErrors: true }).compile(schema);
}
const validSarif = sarifValidator();

/** The log's results, after checking the log against the SARIF 2.1.0 schema. */
function sarifResults(r: RunResult): SarifResult[] {
  assert.ok(validSarif(JSON.parse(r.stdout)), JSON.stringify(validSarif.errors));
  return (JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
}

/** A repository whose working tree holds one secret per cause, and one that nothing silences. */
function treeRepo(): SandboxRepo {
  const repo = SandboxRepo.create('suppressed');
  repo.write('keyless.config.json', CONFIG);
  repo.write('c.env', `VALUE=${BASELINED}\n`);
  const b = repo.keyless('baseline', '--output', 'keyless-baseline.json');
  assert.equal(b.status, 0, b.stderr);
  repo.write('a.env', `MODE=1\nVALUE=${IGNORED} # keyless-ignore test-token -- fixture\n`);
  repo.write('b.env', `VALUE=${ALLOWED}\n`);
  repo.write('vendor/d.env', `VALUE=${EXCLUDED}\n`);
  repo.write('e.env', `VALUE=${FRESH}\n`);
  return repo;
}

test('the summary and JSON count what was suppressed, by cause; only the fresh finding fails', () => {
  const repo = treeRepo();
  const r = repo.keyless('scan', '--baseline', 'keyless-baseline.json', '--format', 'json');
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.findings.map((f) => [f.ruleId, f.path, f.line]), [['test-token', 'e.env', 1]]);
  assert.deepEqual(report.suppressed, { inlineIgnore: 1, allowlist: 1, baseline: 1, excludedPaths: 1, disabledRules: 1 });
  assert.match(
    r.stderr,
    /; 1 finding \(suppressed: 1 inline ignore, 1 allowlisted, 1 in baseline, 1 excluded path, 1 disabled rule\) in [0-9.]+ s\n$/,
  );
  assertRedacted(r);
  // Tree worker threads carry the causes too.
  const threaded = run(process.execPath, [KEYLESS_BIN, 'scan', '--baseline', 'keyless-baseline.json', '--format', 'json'], repo.dir, {
    ...repo.env,
    KEYLESS_WORKERS: '2',
  });
  assert.equal(threaded.status, 1, threaded.stderr);
  assert.deepEqual(JSON.parse(threaded.stdout), report);

  // Without the fresh one, what is suppressed does not fail the scan.
  repo.write('e.env', 'VALUE=none\n');
  const clean = repo.keyless('scan', '--baseline', 'keyless-baseline.json', '--format', 'json');
  assert.equal(clean.status, 0, clean.stderr);
  assert.deepEqual((JSON.parse(clean.stdout) as JsonReport).findings, []);
  assert.equal((JSON.parse(clean.stdout) as JsonReport).suppressed['inlineIgnore'], 1);
});

test('SARIF carries suppressed findings as results with suppressions (inSource for inline ignores, external otherwise)', () => {
  const repo = treeRepo();
  const r = repo.keyless('scan', '--baseline', 'keyless-baseline.json', '--format', 'sarif');
  assert.equal(r.status, 1, r.stderr);
  const results = sarifResults(r);
  assert.deepEqual(
    results.map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.ruleId, x.level, x.suppressions?.map((s) => s.kind) ?? []]),
    [
      ['e.env', 1, 'test-token', 'error', []],
      ['a.env', 2, 'test-token', 'error', ['inSource']],
      ['b.env', 1, 'test-token', 'error', ['external']],
      ['c.env', 1, 'test-token', 'error', ['external']],
    ],
  );
  assert.ok(results.every((x) => x.message.text.startsWith('Test token: ')));
  assertRedacted(r);
});

const HISTORY_CONFIG = JSON.stringify({
  detectors: [{ id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] }],
  allowlist: { values: ['^a11owed0'] },
});

function historyRepo(): SandboxRepo {
  const repo = SandboxRepo.create('suppressed-history');
  repo.commit('config and an ignored token', { 'keyless.config.json': HISTORY_CONFIG, 'a.env': `VALUE=${IGNORED} # keyless-ignore\n` });
  repo.commit('an allowlisted token', { 'b.env': `VALUE=${ALLOWED}\n` });
  repo.commit('both gone', { 'a.env': 'VALUE=\n', 'b.env': 'VALUE=\n' });
  return repo;
}

function historyScan(repo: SandboxRepo, workers: string, ...extra: string[]): RunResult {
  return run(process.execPath, [KEYLESS_BIN, 'scan', '--history', '--format', 'json', ...extra], repo.dir, { ...repo.env, KEYLESS_WORKERS: workers });
}

test('history: suppressed counts are the same in the main thread, in worker lanes, and from the cache', () => {
  const repo = historyRepo();
  const expected = { inlineIgnore: 1, allowlist: 1, baseline: 0, excludedPaths: 0, disabledRules: 0 };
  for (const workers of ['0', '2']) {
    const r = historyScan(repo, workers, '--no-cache');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport).suppressed, expected, `KEYLESS_WORKERS=${workers}`);
  }
  const first = historyScan(repo, '2');
  assert.deepEqual((JSON.parse(first.stdout) as JsonReport).suppressed, expected, 'cache written');
  repo.commit('one more', { 'c.txt': 'x\n' });
  const cached = historyScan(repo, '2');
  assert.equal(cached.status, 0, cached.stderr);
  assert.deepEqual((JSON.parse(cached.stdout) as JsonReport).suppressed, expected, 'from the cache');
});

test('history: an ignored occurrence of a secret never hides an unignored one elsewhere', () => {
  const repo = SandboxRepo.create('suppressed-twice');
  repo.commit('ignored here', { 'keyless.config.json': HISTORY_CONFIG, 'a.env': `VALUE=${FRESH} # keyless-ignore\n` });
  repo.commit('not there', { 'b.env': `VALUE=${FRESH}\n` });
  for (const workers of ['0', '2']) {
    const r = historyScan(repo, workers, '--no-cache');
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => [f.path, f.line]), [['b.env', 1]]);
    assert.equal(report.suppressed['inlineIgnore'], 1);
  }
});

test('range: an ignore comment the pull request adds still applies, shown as a suppressed result and a notice', () => {
  const repo = SandboxRepo.create('suppressed-range');
  repo.commit('base', { 'keyless.config.json': HISTORY_CONFIG });
  repo.git('checkout', '-q', '-b', 'pr');
  repo.commit('pull request', { 'a.env': `MODE=1\nVALUE=${IGNORED} # keyless-ignore\n` });
  const r = repo.keyless('scan', '--range', 'main..pr', '--format', 'sarif');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    sarifResults(r).map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.suppressions?.[0]?.kind]),
    [
      ['test-token', 'error', 'a.env', 2, 'inSource'],
      ['keyless-ignore-added', 'note', 'a.env', 2, undefined],
    ],
  );
  assert.match(r.stderr, /keyless: notice \(keyless-ignore-added\): a\.env:2 adds a keyless-ignore comment/);
  assert.match(r.stderr, /; 0 findings \(suppressed: 1 inline ignore\), 1 notice in /);
  assertRedacted(r);
});

test('range: removing an ignore comment makes the secret it silenced a finding', () => {
  const repo = SandboxRepo.create('unsuppressed-range');
  repo.commit('base', { 'keyless.config.json': HISTORY_CONFIG, 'a.env': `VALUE=${IGNORED} # keyless-ignore\n` });
  repo.git('checkout', '-q', '-b', 'pr');
  repo.commit('pull request', { 'a.env': `VALUE=${IGNORED}\n` });
  const r = repo.keyless('scan', '--range', 'main..pr', '--format', 'json');
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.findings.map((f) => [f.path, f.line]), [['a.env', 1]]);
  assert.equal(report.suppressed['inlineIgnore'], 0);
});
