/**
 * Where keyless keeps its caches: `$KEYLESS_CACHE_DIR`, else `$XDG_CACHE_HOME/keyless`, else
 * `~/.cache/keyless`. Never inside a scanned repository.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KEYLESS_CACHE_DIR']) return resolve(env['KEYLESS_CACHE_DIR']);
  if (env['XDG_CACHE_HOME']) return join(resolve(env['XDG_CACHE_HOME']), 'keyless');
  return join(homedir(), '.cache', 'keyless');
}

/**
 * The real path of `path` (symbolic links resolved); for a path that does not exist yet, the real
 * path of its nearest existing ancestor with the rest appended.
 */
export function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPath(parent), basename(abs));
  }
}

/** Is `path` equal to or inside `dir`? Both are compared by real path (symbolic links resolved). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(realPath(dir), realPath(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
