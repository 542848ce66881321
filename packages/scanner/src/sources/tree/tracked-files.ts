/**
 * The files git tracks under a working-tree root, so the walk scans them even when a `.gitignore`
 * rule matches them: git does not ignore tracked files (a file committed, or force-added, before a
 * rule that matches it stays in every commit and every clone), and neither does keyless.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitError, runGit } from '../git/git-process.js';
import { nameFromBytes } from './raw-name.js';

export interface TrackedPaths {
  /** Tracked files, relative to the root (forward slashes, names shown as by the walk). */
  readonly files: ReadonlySet<string>;
  /** Every directory that holds a tracked file, relative to the root. */
  readonly dirs: ReadonlySet<string>;
}

/** Is `dir` or one of its parents a git working tree (has a `.git` entry)? */
function inGitWorkTree(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}

/**
 * `git ls-files -z` at `root`: undefined when `root` is not in a git working tree. Throws a one-line
 * error when it is but git cannot list it (git missing, a repository git refuses to read...): the
 * tracked files a `.gitignore` matches would otherwise go unscanned without a word.
 */
export async function trackedPaths(root: string): Promise<TrackedPaths | undefined> {
  if (!inGitWorkTree(root)) return undefined;
  let out: Buffer;
  try {
    // Reading the index runs a repository's core.fsmonitor program unless it is turned off here.
    // With that off, ls-files runs no program, so a checkout owned by another user (a CI container)
    // is read as well: safe.directory guards against such programs, and only from the command line
    // (or user/system config) can it be set.
    out = await runGit(root, ['-c', 'core.fsmonitor=false', '-c', 'safe.directory=*', 'ls-files', '-z', '--cached', '--', '.']);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof GitError && /not a git repository/i.test(message)) return undefined;
    throw new Error(`cannot list the files git tracks under ${root} (${message}); they are scanned even when .gitignore matches them`);
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  let start = 0;
  for (let end = out.indexOf(0, start); end !== -1; start = end + 1, end = out.indexOf(0, start)) {
    // Paths relative to the root (git's cwd), as the walk names them.
    const path = nameFromBytes(out.subarray(start, end));
    files.add(path);
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const dir = path.slice(0, slash);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  return { files, dirs };
}

