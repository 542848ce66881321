/** Small path helpers for readers' `matches` (paths are relative, forward slashes). */

// readerFor asks every reader about the same path in a row: remember the last answer.
let lastPath: string | undefined;
let lastBase = '';

/** The last path segment, lower-cased: `config/Web.Config` -> `web.config`. */
export function baseNameOf(path: string): string {
  if (path === lastPath) return lastBase;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  lastPath = path;
  lastBase = path.slice(slash + 1).toLowerCase();
  return lastBase;
}

/** Does the (lower-cased) base name end with one of the suffixes? */
export function hasSuffix(path: string, suffixes: readonly string[]): boolean {
  const base = baseNameOf(path);
  for (const s of suffixes) if (base.endsWith(s)) return true;
  return false;
}
