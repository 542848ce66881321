/**
 * A byte-and-metadata snapshot of a directory tree (every file, directory and symlink, `.git`
 * included): type, mode, size, mtime, ctime and the SHA-256 of file contents or the link target.
 * Two snapshots compare equal only if nothing was created, deleted, written or touched.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export type TreeSnapshot = ReadonlyMap<string, string>;

/** Every entry under `root` (relative paths, `.` for the root itself) -> a description of its state. */
export function snapshotTree(root: string): TreeSnapshot {
  const out = new Map<string, string>();
  const visit = (rel: string): void => {
    const full = rel === '.' ? root : join(root, rel);
    const st = lstatSync(full, { bigint: true });
    const meta = `mode=${st.mode.toString(8)} size=${st.size} mtime=${st.mtimeNs} ctime=${st.ctimeNs}`;
    if (st.isDirectory()) {
      out.set(rel, `dir ${meta}`);
      for (const name of readdirSync(full).sort()) visit(rel === '.' ? name : `${rel}/${name}`);
    } else if (st.isSymbolicLink()) {
      out.set(rel, `symlink ${meta} -> ${readlinkSync(full)}`);
    } else {
      out.set(rel, `file ${meta} sha256=${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  visit('.');
  return out;
}

/** Human-readable differences (`+ added`, `- removed`, `~ changed`), empty when the trees are identical. */
export function diffSnapshots(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const diffs: string[] = [];
  for (const [path, state] of before) {
    const now = after.get(path);
    if (now === undefined) diffs.push(`- ${path}`);
    else if (now !== state) diffs.push(`~ ${path}: ${state}  =>  ${now}`);
  }
  for (const path of after.keys()) if (!before.has(path)) diffs.push(`+ ${path}`);
  return diffs;
}
