/**
 * A repository's identity in reports that are merged later (`keyless merge`): the URL of its
 * `origin` remote with any credentials removed, else the absolute path of its work tree (or git
 * directory). Shards of one CI run clone the same URL, so their reports name the same repository.
 */
import { gitText } from './git-process.js';
import type { GitRepo } from './git-repo.js';

/** `url` without user, password, query or fragment (a token in a clone URL never reaches a report). */
export function withoutCredentials(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    // Not a URL node can parse: drop anything up to an '@' after the scheme.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  }
}

export async function repositoryIdentity(repo: GitRepo): Promise<string> {
  try {
    const url = (await gitText(repo.cwd, ['config', '--get', 'remote.origin.url'])).trim();
    if (url !== '') return withoutCredentials(url);
  } catch {
    // No origin remote: the path.
  }
  return repo.topLevel !== '' ? repo.topLevel : repo.gitDir;
}
