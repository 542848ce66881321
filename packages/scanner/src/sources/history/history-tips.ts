/**
 * What a history scan covers, read once at its start: the commits every ref (and HEAD) points to,
 * and a digest of the state that decides which history lies behind them (the shallow boundary, the
 * grafts file and the replace refs). The scan walks exactly these commits and the history cache
 * records exactly them with the digest: a deepened or re-cut clone, new grafts or replace refs
 * change the digest and force a full scan.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { gitText, GitOutputError } from '../git/git-process.js';
import type { GitRepo } from '../git/git-repo.js';

const SHA = /^[0-9a-f]{40,64}$/;

export interface HistoryTips {
  /** The commits the refs and HEAD point to (tags peeled; refs to trees or blobs dropped), sorted. */
  readonly commits: readonly string[];
  /** Digest of the shallow boundary, grafts and replace refs. */
  readonly boundary: string;
}

/** Absolute path of a file in the git dir (`rev-parse --git-path` honours worktrees and common dirs). */
async function gitPath(repo: GitRepo, name: string): Promise<string> {
  const file = await gitText(repo.cwd, ['rev-parse', '--git-path', name]);
  return isAbsolute(file) ? file : join(repo.cwd, file);
}

/** A file's content, or '' when it does not exist. Any other read error is thrown (never "no state"). */
async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return '';
    throw err;
  }
}

/** Lines of git output that must each be an object id. */
function ids(out: string, command: string): string[] {
  const lines = out.split('\n').filter(Boolean);
  if (!lines.every((l) => SHA.test(l))) throw new GitOutputError(command, 'a line that is not an object id');
  return lines;
}

/**
 * Reads the tips once and digests the history state. The tips are what `git log --all` starts from
 * (every ref, HEAD and the HEADs of linked worktrees; tags peeled; refs to trees or blobs ignored),
 * so a walk of exactly these commits is a walk of `--all` at this moment.
 */
export async function readHistoryTips(repo: GitRepo): Promise<HistoryTips> {
  const commits = [...new Set(ids(await gitText(repo.cwd, ['rev-list', '--no-walk', '--all']), 'rev-list'))].sort();
  const replaceRefs = (await gitText(repo.cwd, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/replace/'])).split('\n').filter(Boolean).sort();
  const shallow = repo.shallow ? (await readIfExists(await gitPath(repo, 'shallow'))).split('\n').filter(Boolean).sort() : [];
  const grafts = await readIfExists(await gitPath(repo, 'info/grafts'));
  const boundary = createHash('sha256')
    .update(JSON.stringify({ shallow: repo.shallow, boundary: shallow, grafts, replace: replaceRefs }))
    .digest('hex');
  return { commits, boundary };
}
