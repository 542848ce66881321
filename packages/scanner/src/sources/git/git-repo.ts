/**
 * Facts about the repository a git scan runs in: where its git dir is, whether it is shallow (and
 * where history stops), whether HEAD exists, and which commits given ids name. The tips a history
 * scan walks are read in history-tips.ts.
 */
import { readFile } from 'node:fs/promises';
import { gitText, GitError, runGit } from './git-process.js';

export interface GitRepo {
  /** The directory git commands run in (the scan root). */
  readonly cwd: string;
  /** Absolute git directory (the cache key; never written to). */
  readonly gitDir: string;
  readonly bare: boolean;
  /** Absolute work tree root ('' for a bare repository). */
  readonly topLevel: string;
  /** Path of the scan root inside the work tree, with a trailing slash ('' at the top). */
  readonly prefix: string;
  readonly shallow: boolean;
}

/** Opens the repository containing `root`; throws a one-line Error when there is none. */
export async function openRepo(root: string): Promise<GitRepo> {
  const facts = ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository'];
  let lines: string[];
  try {
    // One call in a work tree; a bare repository refuses --show-toplevel, so it is asked again.
    // Not trimmed: a work tree path may end in spaces.
    lines = (await runGit(root, [...facts, '--show-toplevel', '--show-prefix'])).toString('utf8').replace(/\n$/, '').split('\n');
  } catch (err) {
    const why = err instanceof GitError ? err.message : String(err);
    if (/not a git repository/i.test(why)) throw new Error(`not a git repository: ${root}`);
    if (!/work tree/i.test(why)) throw new Error(`${root}: ${why}`);
    lines = (await gitText(root, facts)).split('\n');
  }
  const [gitDir = '', bare = 'false', shallow = 'false', topLevel = '', prefix = ''] = lines;
  if (bare === 'true') return { cwd: root, gitDir, bare: true, topLevel: '', prefix: '', shallow: shallow === 'true' };
  return { cwd: root, gitDir, bare: false, topLevel, prefix, shallow: shallow === 'true' };
}

/** The commits at the shallow boundary (history before them is missing). */
export async function shallowBoundary(repo: GitRepo): Promise<string[]> {
  if (!repo.shallow) return [];
  try {
    const file = await gitText(repo.cwd, ['rev-parse', '--git-path', 'shallow']);
    const abs = file.startsWith('/') ? file : `${repo.cwd}/${file}`;
    return (await readFile(abs, 'utf8')).split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  } catch {
    return [];
  }
}

/** The commits that `ids` (commits, or tags of commits) name; others (trees, blobs) are dropped. */
export async function peelToCommits(repo: GitRepo, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const out = await gitText(repo.cwd, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], `${ids.map((id) => `${id}^{commit}`).join('\n')}\n`);
  return out
    .split('\n')
    .map((l) => l.split(' '))
    .filter(([id = '', type]) => type === 'commit' && /^[0-9a-f]{40,64}$/.test(id))
    .map(([id = '']) => id);
}

/** HEAD's commit, or undefined in a repository with no commits yet. */
export async function headCommit(repo: GitRepo): Promise<string | undefined> {
  try {
    return (await gitText(repo.cwd, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'])) || undefined;
  } catch {
    return undefined;
  }
}

/** Number of commits reachable from `from` but from none of `to` (0 when `to` covers `from`). */
export async function countNotReachable(repo: GitRepo, from: readonly string[], to: readonly string[]): Promise<number> {
  if (from.length === 0) return 0;
  const input = [...from, ...to.map((t) => `^${t}`)].join('\n');
  return Number(await gitText(repo.cwd, ['rev-list', '--count', '--stdin'], `${input}\n`));
}

/** Are there at most `limit` commits reachable from `from` but from none of `to`? (a bounded walk) */
export async function atMostCommitsBetween(repo: GitRepo, from: readonly string[], to: readonly string[], limit: number): Promise<boolean> {
  const input = [...from, ...to.map((t) => `^${t}`)].join('\n');
  const out = await gitText(repo.cwd, ['rev-list', `--max-count=${limit + 1}`, '--stdin'], `${input}\n`);
  return out.split('\n').filter(Boolean).length <= limit;
}
