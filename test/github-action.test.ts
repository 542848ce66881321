/**
 * The GitHub Action (action.yml, composite), run locally: its shell steps with the variables the
 * runner sets (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH with a pull_request or push payload,
 * GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_ACTION_PATH, RUNNER_TEMP, inputs as
 * INPUT_*), against temporary repositories: SARIF written, annotations, the job summary's Markdown
 * table, outputs (the keyless version that ran), and the exit code with and without a new secret.
 * The install step (action/install.sh) runs on a clone of this repository: keyless built from the
 * action's own checkout and lockfile.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateJwt } from '@keyless/scanner/detectors';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { action, runAction } from './helpers/github-action-run.js';
import { REPO_ROOT, SandboxRepo, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

let planted: PlantedSecret;
const version = (): string =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as { version: string }).version;

before(() => {
  planted = plantedSecret();
});
after(removeTempDirs);

/** `main` with a README, then `feature` with `files` committed on top; the pull_request payload. */
function pullRequest(prefix: string, files: Record<string, string>, history: Record<string, string> = {}) {
  const repo = SandboxRepo.create(prefix);
  repo.commit('initial', { 'README.md': '# app\n', '.gitignore': 'keyless.sarif\n', ...history });
  const base = repo.head();
  repo.git('checkout', '-q', '-b', 'feature');
  const head = repo.commit('pull request', files);
  const payload = {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      base: { ref: 'main', sha: base, repo: { full_name: 'contoso/app' } },
      head: { ref: 'feature', sha: head, repo: { full_name: 'contoso/app' } },
    },
  };
  return { repo, base, head, payload };
}

function sarifResults(text: string): string[] {
  const log = JSON.parse(text) as {
    runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  return log.runs.flatMap((r) => r.results.map((x) => `${x.locations[0]?.physicalLocation.artifactLocation.uri} ${x.ruleId}`));
}

/** The summary table's body rows, as cell arrays (cells split on unescaped pipes). */
function tableRows(summary: string): string[][] {
  return summary
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

describe('GitHub Action: action.yml', () => {
  test('composite: install from the action\'s own checkout, scan, upload SARIF, fail on fail-on', () => {
    const spec = action();
    assert.equal(spec.runs.using, 'composite');
    assert.deepEqual(
      spec.runs.steps.map((s) => s.name),
      ['Install keyless (the action\'s own version)', 'Scan', 'Upload SARIF to code scanning', 'Fail on findings at or above fail-on'],
    );
    assert.equal(spec.runs.steps[0]?.run, 'bash "$GITHUB_ACTION_PATH/action/install.sh" "$GITHUB_ACTION_PATH"');
    const upload = spec.runs.steps[2];
    assert.equal(upload?.uses, 'github/codeql-action/upload-sarif@v3');
    assert.deepEqual(upload?.with, { sarif_file: '${{ steps.scan.outputs.sarif-file }}', category: 'keyless' });
    assert.match(upload?.if ?? '', /^always\(\) && inputs\.upload-sarif == 'true'/);
    assert.deepEqual(Object.keys(spec.inputs).sort(), ['baseline', 'config', 'fail-on', 'path', 'sarif-file', 'scan', 'upload-sarif']);
    for (const [name, i] of Object.entries(spec.inputs)) assert.ok(i.description.length > 10, `input ${name} is documented`);
    assert.equal(spec.inputs['fail-on']?.default, 'low');
    assert.deepEqual(Object.keys(spec.outputs).sort(), ['failing', 'findings', 'sarif-file', 'version']);
  });
});

describe('GitHub Action: the scan on a pull request', () => {
  test('a pull request that adds a secret: SARIF, annotation, summary table with remediation, exit 1', () => {
    const { repo, head, payload } = pullRequest('action-leak', { 'config/leak.txt': `${planted.line}\n`, 'app.js': 'export {};\n' });
    const r = runAction(repo, 'pull_request', payload);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.outputs, {
      version: version(),
      'sarif-file': join(repo.dir, 'keyless.sarif'),
      findings: '1',
      failing: '1',
      status: '1',
    });
    assert.deepEqual(sarifResults(r.sarif), [`config/leak.txt ${planted.ruleId}`]);
    assert.ok(r.stdout.startsWith(`keyless ${version()}\n`), r.stdout);
    assert.match(r.stdout, /^::error file=config\/leak\.txt,line=1,col=\d+,endColumn=\d+,title=/m);
    assert.match(r.stderr, new RegExp(`keyless: 1 new finding at or above low`));
    const lines = r.summary.split('\n');
    assert.equal(lines[0], '### keyless: 1 new finding');
    assert.equal(lines[2], `Scanned the pull request's commits \\(${payload.pull_request.base.sha}..${head}\\) with keyless ${version()}.`);
    assert.equal(lines[3], '1 at or above `low`: the check fails.');
    const rows = tableRows(r.summary);
    assert.equal(rows.length, 1);
    const [severity, rule, where, secret, remediation] = rows[0] ?? [];
    assert.match(severity ?? '', /^(critical|high)$/);
    assert.ok(rule?.endsWith(`\\(${planted.ruleId.replace(/-/g, '\\-')}\\)`), rule);
    assert.match(where ?? '', new RegExp(`^config/leak\\.txt:1:\\d+ \\\\\\(commit ${head.slice(0, 12)}\\\\\\)$`));
    assert.match(secret ?? '', /\\\*/, 'redacted');
    assert.match(remediation ?? '', /[Rr]otate/);
    for (const text of [r.summary, r.sarif, r.stdout, r.stderr]) assert.ok(!text.includes(planted.secret), 'redacted');
  });

  test('a clean pull request that deletes an old secret: empty SARIF, "no new findings", exit 0', () => {
    const { repo, payload } = pullRequest('action-clean', { 'old.txt': 'moved to Key Vault\n' }, { 'old.txt': `${planted.line}\n` });
    const r = runAction(repo, 'pull_request', payload);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.outputs['findings'], '0');
    assert.equal(r.outputs['version'], version());
    assert.deepEqual(sarifResults(r.sarif), []);
    assert.equal(r.summary.split('\n')[0], '### keyless: no new findings');
    assert.deepEqual(tableRows(r.summary), []);
    assert.ok(!r.stdout.includes('::error'));
  });

  test('fail-on high: a medium finding is reported and summarised but does not fail', () => {
    const jwt = generateJwt(3);
    const { repo, payload } = pullRequest('action-fail-on', { 'config/token.txt': `token: ${jwt}\n` });
    const r = runAction(repo, 'pull_request', payload, { 'fail-on': 'high' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.outputs['findings'], '1');
    assert.equal(r.outputs['failing'], '0');
    assert.equal(r.summary.split('\n')[3], 'None at or above `high`: the check passes.');
    assert.equal(tableRows(r.summary)[0]?.[0], 'medium');
    assert.match(r.stdout, /^::warning file=config\/token\.txt,line=1,/m);
  });

  test('a hostile file name cannot break the summary table', () => {
    const name = 'x|y <img src=a onerror=b> [l](http:evil) `c`.txt';
    const { repo, payload } = pullRequest('action-hostile', { [name]: `${planted.line}\n` });
    const r = runAction(repo, 'pull_request', payload);
    assert.equal(r.status, 1, r.stderr);
    const rows = tableRows(r.summary);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.length, 5, 'five cells');
    assert.ok(!r.summary.includes('<img'), 'no raw HTML');
    assert.match(rows[0]?.[2] ?? '', /^x\\\|y &lt;img src=a onerror=b&gt; \\\[l\\\]\\\(http:evil\\\) \\`c\\`\.txt:1:/);
  });

  test('a base commit missing from the clone is an error (exit 2) that says to fetch the history', () => {
    const { repo, payload } = pullRequest('action-shallow', { 'app.js': 'export {};\n' });
    payload.pull_request.base.sha = 'f'.repeat(40);
    const r = runAction(repo, 'pull_request', payload);
    assert.equal(r.status, 2);
    assert.equal(r.outputs['status'], '2');
    assert.equal(r.stderr, `keyless action: commit ${'f'.repeat(40)} is not in the clone: check out with fetch-depth: 0\n`);
  });
});

describe('GitHub Action: push and schedule', () => {
  test('push: only the pushed commits (before..after) are scanned', () => {
    const repo = SandboxRepo.create('action-push');
    repo.commit('old leak', { 'old.txt': `${planted.line}\n` });
    const before = repo.head();
    const after = repo.commit('clean change', { 'app.js': 'export {};\n' });
    const clean = runAction(repo, 'push', { before, after, ref: 'refs/heads/main' });
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.summary, /^Scanned the pushed commits \\\(/m);
    const leak = repo.commit('new leak', { 'new.txt': `${planted.line}\n` });
    const r = runAction(repo, 'push', { before: after, after: leak, ref: 'refs/heads/main' });
    assert.equal(r.status, 1);
    assert.deepEqual(sarifResults(r.sarif), [`new.txt ${planted.ruleId}`]);
  });

  test('schedule (and a new branch\'s push): the whole history', () => {
    const repo = SandboxRepo.create('action-schedule');
    repo.commit('old leak', { 'old.txt': `${planted.line}\n` });
    repo.commit('removed', { 'old.txt': 'gone\n' });
    const r = runAction(repo, 'schedule', { schedule: '0 3 * * *' });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(sarifResults(r.sarif), [`old.txt ${planted.ruleId}`]);
    assert.match(r.summary, /^Scanned the whole history with keyless /m);
    const branch = runAction(repo, 'push', { before: '0'.repeat(40), after: repo.head(), ref: 'refs/heads/topic' });
    assert.equal(branch.status, 1);
    assert.match(branch.summary, /^Scanned the whole history \\\(a new branch/m);
  });
});

describe('GitHub Action: install step', () => {
  test('install.sh builds keyless from the action\'s own checkout and lockfile and exports KEYLESS_BIN', { timeout: 600_000 }, () => {
    const clone = join(tempDir('action-path'), 'keyless');
    const git = spawnSync('git', ['clone', '-q', '--no-hardlinks', REPO_ROOT, clone], { encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    const githubEnv = join(tempDir('action-env'), 'env');
    writeFileSync(githubEnv, '');
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(npm|pnpm)_/i.test(k)) env[k] = v;
    const r = spawnSync('bash', [join(clone, 'action', 'install.sh'), clone], {
      encoding: 'utf8',
      env: { ...env, GITHUB_ENV: githubEnv },
      timeout: 540_000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const bin = join(clone, 'packages', 'scanner', 'bin', 'keyless.js');
    assert.equal(readFileSync(githubEnv, 'utf8'), `KEYLESS_BIN=${bin}\n`);
    assert.ok(r.stdout.endsWith(`keyless ${version()} built from ${clone}\n`), r.stdout);
    const v = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    assert.equal(v.stdout.trim(), version());
  });
});
