/** Small path helpers for readers' `matches` (paths are relative, forward slashes). */

/** The last path segment, lower-cased: `config/Web.Config` -> `web.config`. */
export function baseNameOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1).toLowerCase();
}

/** Does the (lower-cased) base name end with one of the suffixes? */
export function hasSuffix(path: string, suffixes: readonly string[]): boolean {
  const base = baseNameOf(path);
  return suffixes.some((s) => base.endsWith(s));
}
