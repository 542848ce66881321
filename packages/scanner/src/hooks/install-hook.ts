/**
 * `keyless install-hook [PATH] [--force]`: writes the git pre-commit hook that runs
 * `keyless scan --staged`. The hooks directory comes from `git rev-parse --git-path hooks`, so
 * `core.hooksPath` and linked worktrees are respected. A pre-commit hook keyless did not write is
 * never overwritten unless `force` is set, and then it is kept beside the new one as a backup; nor is
 * husky's generated hooks directory written to (husky users call keyless from `.husky/pre-commit`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_MARKER, hookScript } from './hook-script.js';
import { safeGitArgs, safeGitEnv } from '../sources/git/git-safe.js';

/** What `installHook` did: wrote a new hook, rewrote keyless's own, found it current, or replaced a foreign one. */
export type HookAction = 'created' | 'updated' | 'unchanged' | 'replaced';

export interface InstallHookOptions {
  /** Replace a pre-commit hook keyless did not write (it is renamed to `<hook>.keyless-backup`). */
  readonly force?: boolean;
  /** The keyless bin the hook calls first; default: this package's `bin/keyless.js`. */
  readonly keylessBin?: string;
  /** The node the hook uses when `node` is not on PATH; default: the running node. */
  readonly nodePath?: string;
}

export interface InstallHookResult {
  /** Absolute path of the pre-commit hook. */
  readonly hookPath: string;
  readonly action: HookAction;
  /** Where the foreign hook went (only with action `replaced`). */
  readonly backupPath?: string;
}

/** A refusal or failure with a one-line message meant for the user (the CLI exits 2 with it). */
export class HookInstallError extends Error {
  override readonly name = 'HookInstallError';
}

/** This package's CLI entry, resolved from the compiled `dist/src/hooks/install-hook.js`. */
export function defaultKeylessBin(): string {
  return fileURLToPath(new URL('../../../bin/keyless.js', import.meta.url));
}

/** Installs (or updates) the keyless pre-commit hook in the git repository at `repoRoot`. Synchronous. */
export function installHook(repoRoot: string, options: InstallHookOptions = {}): InstallHookResult {
  const root = resolve(repoRoot);
  const hooksDir = gitHooksDir(root);
  const hookPath = join(hooksDir, 'pre-commit');
  const script = hookScript({
    keylessBin: resolve(options.keylessBin ?? defaultKeylessBin()),
    nodePath: options.nodePath ?? process.execPath,
  });

  if (isHuskyHooksDir(hooksDir) && !options.force) {
    throw new HookInstallError(
      `core.hooksPath is husky's ${hooksDir}, which husky rewrites: add "npx --no-install keyless scan --staged" to .husky/pre-commit instead (or rerun with --force)`,
    );
  }
  const existing = readExisting(hookPath);
  let action: HookAction;
  let backupPath: string | undefined;
  if (existing === undefined) {
    action = 'created';
  } else if (existing.includes(HOOK_MARKER)) {
    action = existing === script ? 'unchanged' : 'updated';
  } else if (options.force) {
    backupPath = freeBackupPath(hookPath);
    renameSync(hookPath, backupPath);
    action = 'replaced';
  } else {
    throw new HookInstallError(
      `${hookPath} already exists and was not written by keyless; run keyless install-hook --force to replace it (the old hook is kept as pre-commit.keyless-backup), or call keyless scan --staged from it`,
    );
  }

  mkdirSync(hooksDir, { recursive: true });
  if (action !== 'unchanged') writeFileSync(hookPath, script);
  chmodSync(hookPath, 0o755);
  return backupPath === undefined ? { hookPath, action } : { hookPath, action, backupPath };
}

/** The absolute hooks directory git uses for the work tree at `root` (honours core.hooksPath, worktrees). */
function gitHooksDir(root: string): string {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new HookInstallError(`no such directory: ${root}`);
  let out: string;
  try {
    // Where git looks for hooks: core.hooksPath is honoured here (a question that runs no program).
    out = execFileSync('git', safeGitArgs(root, ['rev-parse', '--is-inside-work-tree', '--git-path', 'hooks'], { honourHooksPath: true }), {
      cwd: root,
      env: safeGitEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HookInstallError('git is not installed or not on PATH');
    throw new HookInstallError(`not a git repository: ${root}`);
  }
  const [inside, hooks] = out.split(/\r?\n/);
  if (inside !== 'true' || !hooks) throw new HookInstallError(`not a git work tree (bare repository?): ${root}`);
  return resolve(root, hooks);
}

/** husky (v9) points core.hooksPath at `.husky/_` and regenerates that directory on install. */
function isHuskyHooksDir(hooksDir: string): boolean {
  return basename(hooksDir) === '_' && basename(dirname(hooksDir)) === '.husky';
}

/** The current hook's text, or undefined when there is none. */
function readExisting(hookPath: string): string | undefined {
  try {
    return readFileSync(hookPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new HookInstallError(`cannot read ${hookPath}: ${(err as Error).message}`);
  }
}

/** `pre-commit.keyless-backup`, or `.keyless-backup.2`, `.3`... when earlier backups exist. */
function freeBackupPath(hookPath: string): string {
  const base = `${hookPath}.keyless-backup`;
  if (!existsSync(base)) return base;
  for (let n = 2; ; n++) if (!existsSync(`${base}.${n}`)) return `${base}.${n}`;
}
