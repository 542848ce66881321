/**
 * The federated credential subject with the real GitHub repository: rules write
 * `repo:<owner>/<repo>:...` (a file does not know its repository); when the scanned repository's
 * `origin` is a GitHub URL, reports and `keyless explain` show `repo:acme/app:...` instead. A remote
 * URL is untrusted input: only an `owner/name` made of the characters GitHub allows is used, anything
 * else keeps the placeholder. Pure.
 */

export const REPOSITORY_PLACEHOLDER = '<owner>/<repo>';

/** GitHub's rules: owner 1-39 letters, digits and inner hyphens; repository 1-100 of `A-Za-z0-9._-`, not `.` or `..`. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@github.com/o/r.git`. */
const GITHUB_URL = /^(?:https:\/\/(?:[^@/]{1,200}@)?github\.com\/|ssh:\/\/git@github\.com(?::22)?\/|git@github\.com:)([^/]{1,100})\/([^/]{1,110})$/i;

/** `owner/name` of a GitHub remote URL, or undefined (not GitHub, or not a valid name). */
export function githubRepositoryOf(url: string): string | undefined {
  const m = GITHUB_URL.exec(url.trim().replace(/\/$/, ''));
  if (!m) return undefined;
  const owner = m[1]!;
  const name = m[2]!.replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`;
}

/** The text with the `<owner>/<repo>` placeholder of GitHub subjects replaced by `repository` (already validated). */
export function withRepository(text: string, repository: string | undefined): string {
  return repository === undefined ? text : text.split(`repo:${REPOSITORY_PLACEHOLDER}:`).join(`repo:${repository}:`);
}
