/**
 * Where keyless keeps its caches: `$KEYLESS_CACHE_DIR`, else `$XDG_CACHE_HOME/keyless`, else
 * `~/.cache/keyless`. Never inside a scanned repository.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KEYLESS_CACHE_DIR']) return resolve(env['KEYLESS_CACHE_DIR']);
  if (env['XDG_CACHE_HOME']) return join(resolve(env['XDG_CACHE_HOME']), 'keyless');
  return join(homedir(), '.cache', 'keyless');
}

/** Is `path` equal to or inside `dir`? */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
