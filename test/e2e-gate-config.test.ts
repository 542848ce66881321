/**
 * A pull request does not configure its own gate (issue 12, item 1): `scan --range` reads the
 * config and a relative --baseline from the range's BASE commit by default. Each attack test is a
 * pull request that adds a secret together with settings that would hide it (excluded path,
 * allowlist, disabled rule, its own baseline...): the scan must still exit 1. Before this change
 * each of them exited 0. Also: --config-from head|worktree, `A...B`, a CI-owned config outside the
 * repository, and the notices that show a reviewer the gate's settings moved.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { plantedSecret } from './helpers/planted-secret.js';
import { removeTempDirs, SandboxRepo, tempDir, type RunResult } from './helpers/sandbox-repo.js';

after(removeTempDirs);

const planted = plantedSecret();
const SECRET_FILE = 'src/settings.txt';

interface JsonReport {
  findings: { ruleId: string; path: string; line: number; column: number; fingerprint: string }[];
  suppressed: Record<string, number>;
  notices: { ruleId: string; level: string; path: string; line: number; message: string }[];
}

function json(r: RunResult): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** main: a README (plus `baseFiles`); branch pr: `prFiles` added on top. */
function pullRequest(prFiles: Record<string, string>, baseFiles: Record<string, string> = {}): SandboxRepo {
  const repo = SandboxRepo.create('gate');
  repo.commit('base', { 'README.md': 'hello\n', ...baseFiles });
  repo.git('checkout', '-q', '-b', 'pr');
  repo.commit('pull request', prFiles);
  return repo;
}

/** The planted secret's fingerprint, as `keyless scan --format json` reports it. */
function fingerprintOfPlanted(): string {
  const repo = SandboxRepo.create('gate-fp');
  repo.write(SECRET_FILE, `${planted.line}\n`);
  const r = repo.keyless('scan', '--format', 'json');
  assert.equal(r.status, 1, r.stderr);
  return json(r).findings[0]!.fingerprint;
}

/** The scan of the range finds exactly the planted secret, and exits 1. */
function assertCaught(r: RunResult): JsonReport {
  assert.equal(r.status, 1, `exit ${r.status}; stderr: ${r.stderr}`);
  const report = json(r);
  assert.deepEqual(
    report.findings.map((f) => [f.ruleId, f.path, f.line]),
    [[planted.ruleId, SECRET_FILE, 1]],
  );
  assert.ok(!r.stdout.includes(planted.secret) && !r.stderr.includes(planted.secret), 'output stays redacted');
  return report;
}

function gateNotices(report: JsonReport): string[] {
  return report.notices.filter((n) => n.ruleId === 'keyless-gate-change').map((n) => n.path);
}

const secretFiles = () => ({ [SECRET_FILE]: `${planted.line}\n` });

test('attack: a pull request adding a secret and a config that excludes its path exits 1', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) });
  const report = assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
  assert.deepEqual(gateNotices(report), ['keyless.config.json']);
});

test('attack: a config that narrows include to other paths exits 1', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ include: ['docs/**'] }) });
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
});

test('attack: a config allowlisting the path exits 1', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ allowlist: { paths: [SECRET_FILE] } }) });
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
});

test('attack: a config allowlisting the value exits 1', () => {
  const prefix = planted.secret.slice(0, 6).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ allowlist: { values: [`^${prefix}`] } }) });
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
});

test('attack: a config allowlisting the fingerprint exits 1', () => {
  const fingerprint = fingerprintOfPlanted();
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ allowlist: { fingerprints: [fingerprint] } }) });
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
});

test('attack: a config turning the rule off exits 1', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ rules: { [planted.ruleId]: 'off' } }) });
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
});

test('attack: a config changed by the pull request (BASE has one) exits 1', () => {
  const repo = pullRequest(
    { ...secretFiles(), 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) },
    { 'keyless.config.json': JSON.stringify({ exclude: ['docs/**'] }) },
  );
  const report = assertCaught(repo.keyless('scan', '--range', 'main..pr', '--format', 'json'));
  assert.deepEqual(gateNotices(report), ['keyless.config.json']);
  assert.ok(report.notices[0]!.message.includes('is changed by the range'), report.notices[0]!.message);
});

test('attack: an explicit --config inside the repository is read from BASE too', () => {
  const repo = pullRequest(
    { ...secretFiles(), 'ci/keyless.json': JSON.stringify({ exclude: ['src/**'] }) },
    { 'ci/keyless.json': JSON.stringify({ exclude: ['docs/**'] }) },
  );
  const report = assertCaught(repo.keyless('scan', '--range', 'main..pr', '--config', 'ci/keyless.json', '--format', 'json'));
  assert.deepEqual(gateNotices(report), ['ci/keyless.json']);
});

test('attack: an explicit --config that only the pull request has is an error (exit 2), not its settings', () => {
  const repo = pullRequest({ ...secretFiles(), 'ci/keyless.json': JSON.stringify({ exclude: ['src/**'] }) });
  const r = repo.keyless('scan', '--range', 'main..pr', '--config', 'ci/keyless.json');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^keyless: config file not found at base: [0-9a-f]{12}:ci\/keyless\.json /);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('attack: a pull request adding its own baseline with the fingerprint exits 1', () => {
  const baseline = { version: 1, tool: 'keyless', findings: [{ ruleId: planted.ruleId, path: SECRET_FILE, fingerprint: fingerprintOfPlanted() }] };
  const repo = pullRequest({ ...secretFiles(), 'keyless-baseline.json': JSON.stringify(baseline) });
  const r = repo.keyless('scan', '--range', 'main..pr', '--baseline', 'keyless-baseline.json', '--format', 'json');
  const report = assertCaught(r);
  assert.deepEqual(gateNotices(report), ['keyless-baseline.json']);
  assert.match(r.stderr, /keyless: warning: baseline keyless-baseline\.json does not exist at base \([0-9a-f]{12}:keyless-baseline\.json\); no finding is baselined/);
});

test('attack: a pull request adding the fingerprint to BASE\'s baseline exits 1', () => {
  const empty = { version: 1, tool: 'keyless', findings: [] };
  const baseline = { ...empty, findings: [{ ruleId: planted.ruleId, path: SECRET_FILE, fingerprint: fingerprintOfPlanted() }] };
  const repo = pullRequest({ ...secretFiles(), 'keyless-baseline.json': JSON.stringify(baseline) }, { 'keyless-baseline.json': JSON.stringify(empty) });
  const report = assertCaught(repo.keyless('scan', '--range', 'main..pr', '--baseline', 'keyless-baseline.json', '--format', 'json'));
  assert.deepEqual(gateNotices(report), ['keyless-baseline.json']);
  assert.equal(report.suppressed['baseline'], 0);
});

test('BASE\'s own settings still apply: its exclude, its baseline', () => {
  const fingerprint = fingerprintOfPlanted();
  const baseline = { version: 1, tool: 'keyless', findings: [{ ruleId: planted.ruleId, path: SECRET_FILE, fingerprint }] };
  const excluded = pullRequest(secretFiles(), { 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) });
  const r = excluded.keyless('scan', '--range', 'main..pr', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(json(r).findings, []);
  assert.equal(json(r).suppressed['excludedPaths'], 1);
  assert.deepEqual(json(r).notices, []);
  assert.match(r.stderr, /; 0 findings \(suppressed: 1 excluded path\) in /);

  const baselined = pullRequest(secretFiles(), { 'keyless-baseline.json': JSON.stringify(baseline) });
  const b = baselined.keyless('scan', '--range', 'main..pr', '--baseline', 'keyless-baseline.json', '--format', 'json');
  assert.equal(b.status, 0, b.stderr);
  assert.equal(json(b).suppressed['baseline'], 1);
});

test('A...B reads the settings of the merge base, A..B those of A', () => {
  // main moves on after the fork and gains a config excluding src/: it judges `main..pr`, but
  // `main...pr` (what the branch adds since it forked) is judged by the fork point, which has none.
  const repo = SandboxRepo.create('gate-three-dots');
  repo.commit('base', { 'README.md': 'hello\n' });
  repo.git('checkout', '-q', '-b', 'pr');
  repo.commit('pull request', secretFiles());
  repo.git('checkout', '-q', 'main');
  repo.commit('config on main', { 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) });
  assertCaught(repo.keyless('scan', '--range', 'main...pr', '--format', 'json'));
  const twoDots = repo.keyless('scan', '--range', 'main..pr', '--format', 'json');
  assert.equal(twoDots.status, 0, twoDots.stderr);
});

test('--config-from head and worktree take the pull request\'s settings when asked, with a notice', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) });
  const head = repo.keyless('scan', '--range', 'main..pr', '--config-from', 'head', '--format', 'json');
  assert.equal(head.status, 0, head.stderr);
  assert.deepEqual(gateNotices(json(head)), ['keyless.config.json']);
  // The working tree (an uncommitted edit) is read only with worktree.
  repo.write('keyless.config.json', JSON.stringify({ exclude: ['docs/**'] }));
  assertCaught(repo.keyless('scan', '--range', 'main..pr', '--config-from', 'worktree', '--format', 'json'));
  assert.equal(repo.keyless('scan', '--range', 'main..pr', '--config-from', 'head').status, 0);
});

test('an absolute --config outside the repository is the CI owner\'s file, read as given', () => {
  const repo = pullRequest(secretFiles());
  const outside = join(tempDir('ci-config'), 'keyless.json');
  writeFileSync(outside, JSON.stringify({ exclude: ['src/**'] }));
  const r = repo.keyless('scan', '--range', 'main..pr', '--config', outside, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(json(r).suppressed['excludedPaths'], 1);
});

test('--config-from outside ranges: head reads HEAD\'s config, base is a usage error', () => {
  const repo = SandboxRepo.create('gate-tree');
  repo.commit('config', { 'keyless.config.json': JSON.stringify({ exclude: ['docs/**'] }) });
  repo.write(SECRET_FILE, `${planted.line}\n`);
  repo.write('keyless.config.json', JSON.stringify({ exclude: ['src/**'] }));
  assert.equal(repo.keyless('scan').status, 0, 'the working tree config applies by default');
  assertCaught(repo.keyless('scan', '--config-from', 'head', '--format', 'json'));
  const base = repo.keyless('scan', '--config-from', 'base');
  assert.equal(base.status, 2);
  assert.equal(base.stderr, "keyless: --config-from base needs --range A..B\nkeyless: run 'keyless scan --help' for usage\n");
  const bad = repo.keyless('scan', '--range', 'HEAD..HEAD', '--config-from', 'pr');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^keyless: --config-from must be one of base, head, worktree \(got 'pr'\)\n/);
});

test('--prune cannot rewrite a baseline read from BASE (exit 2)', () => {
  const repo = pullRequest(secretFiles(), { 'keyless-baseline.json': JSON.stringify({ version: 1, tool: 'keyless', findings: [] }) });
  const r = repo.keyless('scan', '--range', 'main..pr', '--baseline', 'keyless-baseline.json', '--prune');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^keyless: --prune rewrites the baseline in the working tree; with --config-from base it is read from a commit\n/);
});

test('keyless baseline --range also reads the config from BASE', () => {
  const repo = pullRequest({ ...secretFiles(), 'keyless.config.json': JSON.stringify({ exclude: ['src/**'] }) });
  const r = repo.keyless('baseline', '--range', 'main..pr', '--output', join(repo.home, 'b.json'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote 1 fingerprint to /);
});

test('notices alone never fail the scan: a range that only edits the config exits 0 and lists it', () => {
  const repo = pullRequest({ 'keyless.config.json': JSON.stringify({ rules: { [planted.ruleId]: 'off' } }) });
  const r = repo.keyless('scan', '--range', 'main..pr', '--format', 'sarif');
  assert.equal(r.status, 0, r.stderr);
  const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
  assert.deepEqual(
    results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri]),
    [['keyless-gate-change', 'note', 'keyless.config.json']],
  );
  assert.match(r.stderr, /keyless: notice \(keyless-gate-change\): keyless\.config\.json \(a setting of the secret gate\) is added by the range: review the change\n/);
  assert.match(r.stderr, /; 0 findings, 1 notice in /);
});
