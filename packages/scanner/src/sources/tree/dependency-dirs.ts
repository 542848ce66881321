/**
 * Dependency folders a working-tree scan outside a git repository does not enter: there no
 * .gitignore says `node_modules/`, and installed packages are neither the project's code nor its
 * secrets (their own test fixtures are full of fake keys). Inside a git repository the .gitignore
 * files decide, as git does. A directory holding `pyvenv.cfg` is a Python virtual environment,
 * whatever its name.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SKIP_DEPENDENCY_DIR = 'dependency folder (not scanned outside a git repository)';

const DEPENDENCY_DIR_NAMES: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.venv',
  '.tox',
  '__pypackages__',
]);

/** Whether the directory `name` at `abs` holds installed dependencies. */
export function isDependencyDir(name: string, abs: string | Buffer): boolean {
  return DEPENDENCY_DIR_NAMES.has(name) || existsSync(typeof abs === 'string' ? join(abs, 'pyvenv.cfg') : Buffer.concat([abs, Buffer.from('/pyvenv.cfg')]));
}

/** Whether `dir` or one of its parents has a `.git` (directory, or file of a linked worktree). */
export function isInGitRepository(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}
