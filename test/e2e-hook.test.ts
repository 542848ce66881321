/**
 * `keyless install-hook` end to end: the installed pre-commit hook blocks a real `git commit` that
 * stages a secret, lets clean commits through, and the installer respects foreign hooks,
 * core.hooksPath and linked worktrees. A keyless that cannot run (crashing or broken bin, node
 * missing, killed, keyless missing) blocks the commit too, saying so: never "secrets found".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { loadHooksModule, type HooksModule } from './helpers/hooks-module.js';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import {
  KEYLESS_BIN,
  SandboxRepo,
  removeTempDirs,
  run,
  shq,
  tempDir,
  writeKeylessShim,
  type RunResult,
} from './helpers/sandbox-repo.js';

let planted: PlantedSecret;
let hooks: HooksModule;

before(async () => {
  planted = plantedSecret();
  hooks = await loadHooksModule();
});
after(removeTempDirs);

/** A repo with one clean commit, ready for a hook. */
function newRepo(prefix: string): SandboxRepo {
  const repo = SandboxRepo.create(prefix);
  repo.commit('initial', { 'README.md': '# demo\n' });
  return repo;
}

function output(r: RunResult): string {
  return r.stdout + r.stderr;
}

/** Stages `files` and tries `git commit` (hooks enabled); returns the result and whether HEAD moved. */
function tryCommit(repo: SandboxRepo, message: string, files: Record<string, string>): RunResult & { committed: boolean } {
  const before = repo.head();
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git('add', '--', ...Object.keys(files));
  const r = repo.tryGit('commit', '-m', message);
  return { ...r, committed: repo.head() !== before };
}

/** Asserts that a commit attempt was blocked by keyless because of the planted secret in `path`. */
function assertBlocked(r: RunResult & { committed: boolean }, path: string): void {
  const text = output(r);
  assert.notEqual(r.status, 0, `git commit should fail:\n${text}`);
  assert.equal(r.committed, false, 'HEAD must not move');
  assert.match(text, /keyless: commit blocked: the staged changes add the secret/);
  assert.ok(text.includes(planted.ruleId), `the rule id is reported:\n${text}`);
  assert.ok(text.includes(path), `the path is reported:\n${text}`);
  assert.ok(!text.includes(planted.secret), 'the secret is redacted in the hook output');
  assert.doesNotMatch(text, /could not run/);
}

describe('keyless install-hook (CLI) with real git commits', () => {
  test('the hook blocks a commit that stages a secret and allows clean ones', () => {
    const repo = newRepo('hook-basic');
    const install = repo.keyless('install-hook');
    assert.equal(install.status, 0, output(install));
    const hookPath = join(repo.dir, '.git', 'hooks', 'pre-commit');
    assert.ok(output(install).includes(hookPath), `install-hook names the hook it wrote:\n${output(install)}`);
    assert.equal(statSync(hookPath).mode & 0o111, 0o111, 'the hook is executable');

    const clean = tryCommit(repo, 'clean change', { 'src/app.js': 'export const answer = 42;\n' });
    assert.equal(clean.status, 0, output(clean));
    assert.equal(clean.committed, true);

    const leaked = tryCommit(repo, 'add settings', { 'config/settings.txt': `${planted.line}\n` });
    assertBlocked(leaked, 'config/settings.txt');
    assert.equal(repo.git('diff', '--cached', '--name-only').trim(), 'config/settings.txt', 'the change stays staged');

    const fixed = tryCommit(repo, 'add settings', { 'config/settings.txt': 'storage=managed-identity\n' });
    assert.equal(fixed.status, 0, output(fixed));
    assert.equal(fixed.committed, true);
  });

  test('git commit -a and git commit <path> (a temporary index) are blocked too', () => {
    const repo = newRepo('hook-commit-forms');
    repo.commit('tracked file', { 'settings.txt': 'storage=managed-identity\n' });
    assert.equal(repo.keyless('install-hook').status, 0);
    const before = repo.head();
    repo.write('settings.txt', `${planted.line}\n`);
    for (const args of [['commit', '-a', '-m', 'all'], ['commit', '-m', 'only path', '--', 'settings.txt']]) {
      const r = repo.tryGit(...args);
      assert.notEqual(r.status, 0, `git ${args.join(' ')} must be blocked`);
      assert.ok((r.stdout + r.stderr).includes(planted.ruleId), r.stderr);
      assert.equal(repo.head(), before);
    }
  });

  test('only added lines count: a commit that removes a secret goes through', () => {
    const repo = newRepo('hook-removal');
    assert.equal(repo.keyless('install-hook').status, 0);
    repo.write('legacy.txt', `${planted.line}\n`);
    repo.git('add', 'legacy.txt');
    repo.git('commit', '-q', '--no-verify', '-m', 'an old leak, committed before the hook');
    const removal = tryCommit(repo, 'remove the leak', { 'legacy.txt': 'moved to Key Vault\n' });
    assert.equal(removal.status, 0, output(removal));
    assert.equal(removal.committed, true);
  });

  test('a keyless-ignore comment on the line lets an accepted value through', () => {
    const repo = newRepo('hook-ignore');
    assert.equal(repo.keyless('install-hook').status, 0);
    const r = tryCommit(repo, 'documented test fixture', {
      'fixture.txt': `${planted.line} # keyless-ignore -- test fixture, not a live key\n`,
    });
    assert.equal(r.status, 0, output(r));
    assert.equal(r.committed, true);
  });

  test('refuses to overwrite a foreign pre-commit hook unless --force, and keeps it as a backup', () => {
    const repo = newRepo('hook-foreign');
    const hookPath = join(repo.dir, '.git', 'hooks', 'pre-commit');
    const foreign = '#!/bin/sh\necho "team lint"\n';
    repo.write('.git/hooks/pre-commit', foreign, 0o755);

    const refused = repo.keyless('install-hook');
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    const lines = refused.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line, no stack:\n${refused.stderr}`);
    assert.match(lines[0] ?? '', /not written by keyless.*--force/);
    assert.equal(readFileSync(hookPath, 'utf8'), foreign, 'the foreign hook is untouched');

    const forced = repo.keyless('install-hook', '--force');
    assert.equal(forced.status, 0, output(forced));
    assert.equal(readFileSync(`${hookPath}.keyless-backup`, 'utf8'), foreign);
    assert.ok(readFileSync(hookPath, 'utf8').includes(hooks.HOOK_MARKER));
    assertBlocked(tryCommit(repo, 'leak', { 'a.txt': `${planted.line}\n` }), 'a.txt');
  });

  test('install-hook PATH installs into that repository, not the current one', () => {
    const target = newRepo('hook-path');
    const cwd = newRepo('hook-path-cwd');
    const result = cwd.keyless('install-hook', target.dir);
    assert.equal(result.status, 0, output(result));
    assert.ok(existsSync(join(target.dir, '.git', 'hooks', 'pre-commit')));
    assert.equal(existsSync(join(cwd.dir, '.git', 'hooks', 'pre-commit')), false);
  });

  test('outside a git repository it is a one-line error, exit 2', () => {
    const notRepo = tempDir('not-a-repo');
    const repo = newRepo('hook-cwd');
    const r = repo.keyless('install-hook', notRepo);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /not a git repository/);
  });

  test('respects core.hooksPath', () => {
    const repo = newRepo('hook-hookspath');
    repo.git('config', 'core.hooksPath', '.githooks');
    const r = repo.keyless('install-hook');
    assert.equal(r.status, 0, output(r));
    assert.ok(existsSync(join(repo.dir, '.githooks', 'pre-commit')));
    assert.equal(existsSync(join(repo.dir, '.git', 'hooks', 'pre-commit')), false);
    assertBlocked(tryCommit(repo, 'leak', { 'b.txt': `${planted.line}\n` }), 'b.txt');
  });

  test("with husky's core.hooksPath it points to .husky/pre-commit and writes nothing", () => {
    const repo = newRepo('hook-husky');
    repo.write('.husky/_/h', '#!/usr/bin/env sh\n', 0o755);
    repo.git('config', 'core.hooksPath', '.husky/_');
    const r = repo.keyless('install-hook');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /husky.*add "npx --no-install keyless scan --staged" to \.husky\/pre-commit/);
    assert.equal(existsSync(join(repo.dir, '.husky', '_', 'pre-commit')), false);
  });

  test('in a linked worktree it installs the hook git runs for that worktree', () => {
    const repo = newRepo('hook-worktree');
    const worktreeDir = join(tempDir('worktree'), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'feature', worktreeDir);
    const wt = repo.at(worktreeDir);
    const r = wt.keyless('install-hook');
    assert.equal(r.status, 0, output(r));
    assert.ok(existsSync(join(repo.dir, '.git', 'hooks', 'pre-commit')), 'hooks live in the common git dir');
    assertBlocked(tryCommit(wt, 'leak in worktree', { 'c.txt': `${planted.line}\n` }), 'c.txt');
  });
});

describe('installHook (library)', () => {
  test('reports created, unchanged, then updated when the recorded paths change', () => {
    const repo = newRepo('lib-actions');
    const first = hooks.installHook(repo.dir);
    assert.deepEqual(first, { hookPath: join(repo.dir, '.git', 'hooks', 'pre-commit'), action: 'created' });
    assert.equal(hooks.installHook(repo.dir).action, 'unchanged');
    const moved = hooks.installHook(repo.dir, { keylessBin: '/opt/keyless/bin/keyless.js' });
    assert.equal(moved.action, 'updated');
    assert.ok(readFileSync(moved.hookPath, 'utf8').includes(`keyless_bin='/opt/keyless/bin/keyless.js'`));
  });

  test('the default bin is this package\'s bin/keyless.js', () => {
    assert.equal(hooks.defaultKeylessBin(), KEYLESS_BIN);
  });

  test('throws HookInstallError for a bare repository', () => {
    const bare = join(tempDir('bare'), 'r.git');
    const repo = newRepo('lib-bare');
    repo.git('clone', '-q', '--bare', repo.dir, bare);
    assert.throws(() => hooks.installHook(bare), (err: Error) => {
      assert.equal(err.name, 'HookInstallError');
      assert.match(err.message, /bare repository/);
      return true;
    });
  });

  test('a recorded bin path with spaces and quotes is quoted for sh', () => {
    const repo = newRepo('lib-quote');
    const odd = join(tempDir('quote'), `it's a "dir" $HOME`);
    mkdirSync(odd);
    const wrapper = join(odd, 'keyless.mjs');
    writeFileSync(wrapper, `await import(${JSON.stringify(pathToFileURL(KEYLESS_BIN).href)});\n`);
    hooks.installHook(repo.dir, { keylessBin: wrapper });
    assertBlocked(tryCommit(repo, 'leak', { 'd.txt': `${planted.line}\n` }), 'd.txt');
  });

  test('falls back to the repository\'s node_modules/.bin/keyless when the recorded bin is gone', () => {
    const repo = newRepo('lib-fallback');
    repo.write('.gitignore', 'node_modules/\n');
    const marker = join(repo.home, 'local-bin-used');
    writeKeylessShim(join(repo.dir, 'node_modules', '.bin', 'keyless'), `touch ${shq(marker)}\n`);
    hooks.installHook(repo.dir, { keylessBin: join(repo.home, 'uninstalled', 'keyless.js') });
    assertBlocked(tryCommit(repo, 'leak', { 'e.txt': `${planted.line}\n` }), 'e.txt');
    assert.ok(existsSync(marker), 'the local bin ran');
  });

  test('the hook script is valid sh and quotes recorded paths', () => {
    const script = hooks.hookScript({ keylessBin: "/a b/it's/keyless.js", nodePath: 'C:\\Program Files\\nodejs\\node.exe' });
    const file = join(tempDir('sh-n'), 'pre-commit');
    writeFileSync(file, script);
    const syntax = spawnSync('sh', ['-n', file], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
    assert.ok(script.startsWith(`#!/bin/sh\n${hooks.HOOK_MARKER}\n`));
    assert.ok(script.includes(`keyless_bin='/a b/it'\\''s/keyless.js'\n`));
    assert.ok(script.includes(`keyless_node='C:/Program Files/nodejs/node.exe'\n`), 'Windows paths use forward slashes');
    assert.ok(script.includes('run_keyless scan --staged --output "$report"\n'));
  });
});

describe('the pre-commit hook says why it blocked', () => {
  const BLOCKED_UNCHECKED =
    'keyless: commit blocked: the staged changes were not checked for secrets. Fix the cause above (reinstall keyless and run keyless install-hook if it is missing or broken); to commit without the check (not recommended): git commit --no-verify';

  /** A directory with only what the hook needs besides node: git, mktemp, cat, rm. */
  function pathWithoutNode(): string {
    const dir = join(tempDir('no-node'), 'bin');
    mkdirSync(dir);
    for (const tool of ['git', 'mktemp', 'cat', 'rm']) {
      const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      assert.ok(which.startsWith('/'), `${tool} is on PATH`);
      symlinkSync(which, join(dir, tool));
    }
    const probe = spawnSync('/bin/sh', ['-c', 'command -v node || command -v npx || echo none'], { encoding: 'utf8', env: { PATH: dir } });
    assert.equal(probe.stdout, 'none\n', 'no node and no npx on that PATH');
    return dir;
  }

  /** Installs the hook with `bin` as the recorded keyless, stages a clean file and tries to commit. */
  function commitWith(prefix: string, bin: string, options: { nodePath?: string; path?: string } = {}) {
    const repo = newRepo(prefix);
    hooks.installHook(repo.dir, { keylessBin: bin, ...(options.nodePath ? { nodePath: options.nodePath } : {}) });
    const before = repo.head();
    repo.write('clean.txt', 'nothing secret here\n');
    repo.git('add', 'clean.txt');
    const env = options.path ? { ...repo.env, PATH: options.path } : repo.env;
    const r = run('git', ['commit', '-m', 'clean change'], repo.dir, env);
    return { ...r, committed: repo.head() !== before, text: r.stdout + r.stderr };
  }

  /** A stand-in keyless.js with `body` as its code. */
  function fakeBin(prefix: string, body: string): string {
    const file = join(tempDir(prefix), 'keyless.js');
    writeFileSync(file, body);
    return file;
  }

  function assertCouldNotRun(r: ReturnType<typeof commitWith>, reason: string): void {
    assert.notEqual(r.status, 0, r.text);
    assert.equal(r.committed, false, 'HEAD must not move');
    const lines = r.stderr.split('\n');
    assert.ok(lines.includes(`keyless could not run: ${reason}.`), `expected "keyless could not run: ${reason}." in:\n${r.text}`);
    assert.ok(lines.includes(BLOCKED_UNCHECKED), r.text);
    assert.doesNotMatch(r.text, /add the secret|secrets? found/);
  }

  test('a recorded bin that throws: "could not run", not "secrets found"', () => {
    const bin = fakeBin('throwing-bin', "throw new Error('keyless is broken');\n");
    const r = commitWith('hook-throws', bin);
    assertCouldNotRun(r, `it stopped with exit 1 before writing its report (a crash, or a broken installation: ${bin}); see the message above`);
    assert.match(r.stderr, /Error: keyless is broken/, "node's own message is shown above");
  });

  test('a syntax error in keyless.js', () => {
    const bin = fakeBin('syntax-bin', 'export const = ;\n');
    const r = commitWith('hook-syntax', bin);
    assertCouldNotRun(r, `it stopped with exit 1 before writing its report (a crash, or a broken installation: ${bin}); see the message above`);
    assert.match(r.stderr, /SyntaxError/);
  });

  test('exit 2 (a runtime error) and a signal', () => {
    assertCouldNotRun(
      commitWith('hook-exit2', fakeBin('exit2-bin', "process.stderr.write('keyless: cannot read the index\\n'); process.exit(2);\n")),
      'the scan failed (exit 2); see the message above',
    );
    assertCouldNotRun(commitWith('hook-signal', fakeBin('signal-bin', "process.kill(process.pid, 'SIGKILL');\n")), 'it was killed by signal 9 (exit 137)');
  });

  test('node missing: neither the recorded node nor one on PATH', () => {
    const missingNode = join(tempDir('gone-node'), 'node');
    const r = commitWith('hook-no-node', KEYLESS_BIN, { nodePath: missingNode, path: pathWithoutNode() });
    assertCouldNotRun(r, `node not found (not at ${missingNode}, not on PATH)`);
  });

  test('keyless missing: no recorded bin, no node_modules/.bin/keyless, no npx (exit 127)', () => {
    const gone = join(tempDir('gone-bin'), 'keyless.js');
    const r = commitWith('hook-no-keyless', gone, { path: pathWithoutNode() });
    assertCouldNotRun(r, `keyless not found (not at ${gone}, not in node_modules/.bin, no npx)`);
  });

  test('a real finding still says secrets were found, with the hint', () => {
    const repo = newRepo('hook-real-finding');
    hooks.installHook(repo.dir);
    const r = tryCommit(repo, 'leak', { 'settings.txt': `${planted.line}\n` });
    assertBlocked(r, 'settings.txt');
    const lines = r.stderr.split('\n');
    assert.ok(lines.includes('keyless: commit blocked: the staged changes add the secret(s) listed above.'), r.stderr);
    assert.ok(lines.includes('keyless: remove each one (see its remediation), or mark a false positive with a keyless-ignore comment on its line.'), r.stderr);
    assert.equal(r.status, 1);
  });
});
