/**
 * Temporary git repositories for end-to-end tests (install-hook, README snippets, no-side-effects):
 * an isolated git environment (no global or system config, so no user hooksPath or signing leaks in),
 * and `keyless` run from this checkout's `packages/scanner/bin/keyless.js`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The keyless checkout these tests run from (compiled helpers live in test/dist/helpers/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const KEYLESS_BIN = join(REPO_ROOT, 'packages', 'scanner', 'bin', 'keyless.js');

const tempDirs: string[] = [];

/** A new empty directory under the OS temp dir (real path, so it compares equal to what git prints). */
export function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `keyless-${prefix}-`)));
  tempDirs.push(dir);
  return dir;
}

/** Deletes every directory `tempDir` made (call from `after`). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment for git and keyless in tests: no global/system git config, a throw-away HOME and
 * cache dir (outside any scanned repo), fixed identity and dates, no colour.
 */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_') || key === 'KEYLESS_CACHE_DIR') delete env[key];
  return {
    ...env,
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig-none'),
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

/** A git repository in a temp dir, with its own HOME beside it; `main` is the initial branch. */
export class SandboxRepo {
  private constructor(
    readonly dir: string,
    readonly home: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** `git init` in a fresh temp dir. */
  static create(prefix: string): SandboxRepo {
    const base = tempDir(prefix);
    const repo = new SandboxRepo(join(base, 'repo'), join(base, 'home'), isolatedEnv(join(base, 'home')));
    mkdirSync(repo.dir);
    mkdirSync(repo.home);
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** The same environment, working in another directory (a linked worktree, a subdirectory...). */
  at(dir: string): SandboxRepo {
    return new SandboxRepo(dir, this.home, this.env);
  }

  /** Runs git in the repo; returns stdout; throws with git's stderr on failure. */
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs git without throwing: status and both outputs (hooks print to stderr). */
  tryGit(...args: string[]): RunResult {
    return run('git', args, this.dir, this.env);
  }

  /** Writes a file (parents created) relative to the repo. */
  write(relPath: string, text: string, mode?: number): string {
    const full = join(this.dir, relPath);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    if (mode !== undefined) chmodSync(full, mode);
    return full;
  }

  /** Writes, stages and commits files; returns the new commit's SHA. */
  commit(message: string, files: Record<string, string>): string {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
    this.git('add', '--', ...Object.keys(files));
    this.git('commit', '-q', '-m', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** `node packages/scanner/bin/keyless.js ...args` with the repo as working directory. */
  keyless(...args: string[]): RunResult {
    return run(process.execPath, [KEYLESS_BIN, ...args], this.dir, this.env);
  }
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns a command synchronously and collects its exit status and output. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): RunResult {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Writes an executable sh script at `path` that runs this checkout's CLI with its arguments, as an
 * installed `node_modules/.bin/keyless` would; `before` is sh run first (e.g. to record the call).
 */
export function writeKeylessShim(path: string, before = ''): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${before}exec ${shq(process.execPath)} ${shq(KEYLESS_BIN)} "$@"\n`);
  chmodSync(path, 0o755);
}

/**
 * A directory holding an executable `keyless` that runs this checkout's CLI: put it first on PATH so
 * documented commands (`keyless scan ...`) run verbatim.
 */
export function keylessShimDir(): string {
  const dir = join(tempDir('shim'), 'bin');
  writeKeylessShim(join(dir, 'keyless'));
  return dir;
}

/** Quotes a value for sh. */
export function shq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
