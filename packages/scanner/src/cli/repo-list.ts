/**
 * The LIST of `keyless scan-repos`: one repository per line, a clone URL (`https://…`, `ssh://…`,
 * `git@host:org/repo.git`) or a local path (relative to the LIST file's directory); blank lines and
 * lines starting with `#` are skipped. A line that is neither, or a repository listed twice, is a
 * one-line error naming the line.
 */
import { resolve } from 'node:path';
import { withoutCredentials } from '../sources/git/repo-identity.js';
import { KeylessError } from './errors.js';

export interface RepoEntry {
  /** What is cloned: the URL as written, or the absolute path. */
  readonly source: string;
  /** The repository's identity in reports (the source without credentials). */
  readonly name: string;
  readonly line: number;
}

const URL_FORM = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const SCP_FORM = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+$/;

export function parseRepoList(text: string, listName: string, baseDir: string): RepoEntry[] {
  const entries: RepoEntry[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const value = raw.trim();
    if (value === '' || value.startsWith('#')) return;
    if (value.startsWith('-') || /\s/.test(value)) throw new KeylessError(`${listName}:${line}: not a clone URL or a path: '${withoutCredentials(value.split(/\s/)[0]!)}'`);
    const source = URL_FORM.test(value) || SCP_FORM.test(value) ? value : resolve(baseDir, value);
    const name = withoutCredentials(source);
    const first = seen.get(name);
    if (first !== undefined) throw new KeylessError(`${listName}:${line}: ${name} is listed twice (line ${first})`);
    seen.set(name, line);
    entries.push({ source, name, line });
  });
  if (entries.length === 0) throw new KeylessError(`${listName} lists no repository`);
  return entries;
}
