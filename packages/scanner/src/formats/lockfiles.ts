/**
 * Package-manager lockfiles: their integrity hashes and resolved URLs look like secrets but are
 * public. Readers put those values into skip ranges.
 */
import { baseNameOf } from './paths.js';

const LOCKFILE_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'composer.lock',
  'pipfile.lock',
  'packages.lock.json',
  'project.assets.json',
  'deno.lock',
  'bun.lock',
  'pnpm-lock.yaml',
  'yarn.lock',
  'cargo.lock',
  'poetry.lock',
  'gemfile.lock',
  'flake.lock',
]);

/** Keys whose values are content hashes or pinned revisions in lockfiles. */
const HASH_KEY = /^(?:integrity|shasum|checksum|contenthash|hash|hashes|sha\d*|digest|reference|narhash|rev)$/i;

/** A URL carrying `user:password@`: a real credential even inside a lockfile, so never skipped. */
const URL_WITH_USERINFO = /^[a-z][\w+.-]*:\/\/[^/@\s]+@/i;

export function isLockfile(path: string): boolean {
  return LOCKFILE_NAMES.has(baseNameOf(path));
}

/** Should the lockfile value under `key` be skipped? Hashes always; `resolved`/`tarball` URLs unless they embed credentials. */
export function isLockfileNoise(key: string, value: string): boolean {
  if (HASH_KEY.test(key)) return true;
  if (/^(?:resolved|tarball|url)$/i.test(key)) return !URL_WITH_USERINFO.test(value);
  return false;
}
