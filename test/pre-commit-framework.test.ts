/**
 * The real pre-commit framework (the version the machine has: Debian's 3.0.4 here; .ci/run installs
 * it) with README's configurations: the shipped hook (`.pre-commit-hooks.yaml`, language node) from a
 * clone of this repository tagged v<version>, as `rev:` names it, and the local system hook. A staged
 * secret blocks the commit with the finding and its remediation; a clean commit goes through.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { parseSnippets, readReadme, snippet, type Snippet } from './helpers/readme-snippets.js';
import { REPO_ROOT, SandboxRepo, removeTempDirs, tempDir, writeKeylessShim } from './helpers/sandbox-repo.js';

const INSTALL_TIMEOUT_MS = 600_000;

let snippets: Snippet[];
let planted: PlantedSecret;

before(() => {
  snippets = parseSnippets(readReadme());
  planted = plantedSecret();
  const v = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) throw new Error('pre-commit is not installed: apt-get install -y pre-commit (.ci/run does)');
});
after(removeTempDirs);

const version = (): string =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as { version: string }).version;

/** The sandbox's environment plus pre-commit's home, this machine's npm cache, no inherited npm_* variables. */
function env(repo: SandboxRepo, preCommitHome: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(repo.env)) if (!/^npm_/i.test(k)) out[k] = v;
  return {
    ...out,
    PRE_COMMIT_HOME: preCommitHome,
    npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

interface Commit {
  readonly committed: boolean;
  readonly output: string;
}

function gitCommit(repo: SandboxRepo, e: NodeJS.ProcessEnv, files: Record<string, string>, timeout = 120_000): Commit {
  const before = repo.head();
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git('add', '--', ...Object.keys(files));
  const r = spawnSync('git', ['commit', '-m', 'change'], { cwd: repo.dir, env: e, encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { committed: repo.head() !== before, output: r.stdout + r.stderr };
}

/** A project with `config` as .pre-commit-config.yaml, committed, and `pre-commit install` run. */
function projectWith(prefix: string, config: string): { repo: SandboxRepo; e: NodeJS.ProcessEnv } {
  const repo = SandboxRepo.create(prefix);
  const e = env(repo, join(tempDir(`${prefix}-home`), 'pre-commit'));
  repo.commit('initial', { '.pre-commit-config.yaml': config, '.gitignore': 'node_modules/\n', 'README.md': '# app\n' });
  const install = spawnSync('pre-commit', ['install'], { cwd: repo.dir, env: e, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  return { repo, e };
}

function blockedThenClean(repo: SandboxRepo, e: NodeJS.ProcessEnv, timeout?: number): void {
  const leak = gitCommit(repo, e, { 'settings.txt': `${planted.line}\n` }, timeout);
  assert.equal(leak.committed, false, leak.output);
  assert.match(leak.output, /^keyless \(no secrets in staged changes\)\.+Failed$/m);
  assert.ok(leak.output.includes(`settings.txt`), leak.output);
  assert.ok(leak.output.includes(planted.ruleId), leak.output);
  assert.match(leak.output, /Rotate the leaked value/, 'the remediation is shown');
  assert.ok(!leak.output.includes(planted.secret), 'redacted');
  repo.git('rm', '-q', '--cached', 'settings.txt');
  const clean = gitCommit(repo, e, { 'app.js': 'export {};\n' });
  assert.equal(clean.committed, true, clean.output);
  assert.match(clean.output, /^keyless \(no secrets in staged changes\)\.+Passed$/m);
}

describe('pre-commit framework (real pre-commit)', () => {
  test('README pre-commit-config: the shipped node hook, from this repository at its v<version> tag', { timeout: INSTALL_TIMEOUT_MS * 2 }, () => {
    // The hook repository: a clone of this checkout's HEAD, tagged as a release would be.
    const hooks = join(tempDir('pre-commit-hooks-repo'), 'keyless');
    for (const args of [
      ['clone', '-q', '--no-hardlinks', REPO_ROOT, hooks],
      ['-C', hooks, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'tag', `v${version()}`],
    ]) {
      const r = spawnSync('git', args, { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const config = snippet(snippets, 'pre-commit-config').body.replace(/repo: https:\/\/github\.com\/[^/]+\/keyless/, `repo: ${hooks}`);
    assert.ok(config.includes(`repo: ${hooks}`) && config.includes(`rev: v${version()}`), config);
    const { repo, e } = projectWith('pre-commit-node', config);
    const install = spawnSync('pre-commit', ['install-hooks'], { cwd: repo.dir, env: e, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
    assert.equal(install.status, 0, install.stdout + install.stderr);
    blockedThenClean(repo, e);
  });

  test('README pre-commit-local: the system hook runs the project\'s own keyless', () => {
    const { repo, e } = projectWith('pre-commit-local', snippet(snippets, 'pre-commit-local').body);
    writeKeylessShim(join(repo.dir, 'node_modules', '.bin', 'keyless'));
    blockedThenClean(repo, e);
  });
});
