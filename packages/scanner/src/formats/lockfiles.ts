/**
 * Package-manager lockfiles (package-lock.json, pnpm-lock.yaml, yarn.lock, composer.lock, Cargo.lock,
 * ...): their integrity hashes, checksums, pinned revisions and registry URLs look like secrets but
 * are public. This reader is regex-based and linear (a lockfile can be megabytes and changes in many
 * commits): hash values and credential-free URLs become skip ranges, and no key/value candidates are
 * produced (package names such as `js-tokens` are not secret names). Raw-text detectors still run
 * on everything else, so a token in a registry URL (`https://user:token@...`) is still found.
 */
import { baseNameOf } from './paths.js';
import { finishRead } from './result.js';
import type { FormatReader, FormatReadResult } from './types.js';

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
  'uv.lock',
  'gemfile.lock',
  'flake.lock',
  'go.sum',
]);

/**
 * A hash-like value after a hash key (`"integrity": "sha512-..."`, `checksum = "..."`,
 * `integrity sha512-...`, `"reference": "<sha>"`), or a bare algorithm-prefixed digest.
 */
const HASH_VALUE =
  /\b(?:integrity|checksum|shasum|contentHash|hash|reference|rev|narHash)\b["']?[ \t]*[:=]?[ \t]*["']?([^\s"',}\]]{8,512})|\b(?:sha(?:1|224|256|384|512)|h1)[-:=][A-Za-z0-9+/=_-]{16,200}/g;
/** A registry URL after `resolved`/`tarball`. */
const REGISTRY_URL = /\b(?:resolved|tarball)\b["']?[ \t]*[:=]?[ \t]*["']?([a-z][\w+.-]{0,20}:\/\/[^\s"',}]{1,2048})/g;
/** A URL carrying `user:password@`: a real credential even inside a lockfile, so never skipped. */
const URL_WITH_USERINFO = /^[a-z][\w+.-]*:\/\/[^/@\s]+@/i;

export function isLockfile(path: string): boolean {
  return LOCKFILE_NAMES.has(baseNameOf(path));
}

/** Skip ranges for every hash and credential-free registry URL in a lockfile. */
export function readLockfile(text: string): FormatReadResult {
  const skips: [number, number][] = [];
  HASH_VALUE.lastIndex = 0;
  for (let m = HASH_VALUE.exec(text); m !== null; m = HASH_VALUE.exec(text)) {
    const value = m[1] ?? m[0];
    const end = m.index + m[0].length;
    skips.push([end - value.length, end]);
  }
  REGISTRY_URL.lastIndex = 0;
  for (let m = REGISTRY_URL.exec(text); m !== null; m = REGISTRY_URL.exec(text)) {
    const url = m[1] as string;
    if (URL_WITH_USERINFO.test(url)) continue;
    const end = m.index + m[0].length;
    skips.push([end - url.length, end]);
  }
  return finishRead(text, [], skips);
}

export const lockfileReader: FormatReader = {
  name: 'lockfile',
  matches: isLockfile,
  read: readLockfile,
};
