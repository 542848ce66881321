/**
 * Reading one file as a commit holds it, through the git module (never a shell): `ls-tree` for its
 * mode and blob id, `cat-file blob` for its bytes (no textconv, no filters: the stored bytes).
 * Used to read the gate's own settings (config, baseline) from the base of a range.
 */
import { gitText, runGit } from './git-process.js';

export type FileAtCommit =
  | { readonly kind: 'file'; readonly bytes: Buffer; readonly blob: string }
  | { readonly kind: 'absent' }
  /** A symlink, a directory or a submodule at that path: not read (its target is not the commit's). */
  | { readonly kind: 'not-a-file'; readonly mode: string };

/** `path` is relative to the repository's top level, forward slashes; `commit` a full SHA. */
export async function readFileAtCommit(cwd: string, commit: string, path: string): Promise<FileAtCommit> {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`not a commit id: ${commit}`);
  const out = await runGit(cwd, ['ls-tree', '-z', '--full-tree', commit, '--', path]);
  const entry = out.toString('utf8').split('\0').find((e) => e.endsWith(`\t${path}`));
  if (entry === undefined) return { kind: 'absent' };
  const [mode = '', type = '', blob = ''] = entry.slice(0, entry.indexOf('\t')).split(' ');
  if (type !== 'blob' || mode === '120000' || !/^[0-9a-f]{40,64}$/.test(blob)) return { kind: 'not-a-file', mode };
  return { kind: 'file', bytes: await runGit(cwd, ['cat-file', 'blob', blob]), blob };
}

/** The full commit id a revision names (`--verify`: exactly one, or an error). */
export async function commitOf(cwd: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new Error(`invalid revision '${rev}'`);
  try {
    return await gitText(cwd, ['rev-parse', '--verify', '-q', `${rev}^{commit}`]);
  } catch {
    throw new Error(`unknown revision '${rev}'`);
  }
}
