/**
 * Config-level filters: which paths are scanned (include / exclude / allowlisted paths, as globs
 * relative to the scan root) and which findings are suppressed (allowlisted values, as regexes).
 */
import picomatch from 'picomatch';
import type { KeylessConfig } from '../config/types.js';

const GLOB_OPTIONS = { dot: true } as const;

/** `path` (relative, forward slashes) -> should it be scanned? */
export function pathFilter(config: KeylessConfig): (path: string) => boolean {
  const include = config.include?.length ? picomatch([...config.include], GLOB_OPTIONS) : undefined;
  const excluded = [...(config.exclude ?? []), ...(config.allowlist?.paths ?? [])];
  const exclude = excluded.length ? picomatch(excluded, GLOB_OPTIONS) : undefined;
  return (path) => (!include || include(path)) && !(exclude && exclude(path));
}

/** `secret` -> is it allowlisted by one of the config's value regexes? */
export function valueAllowlist(config: KeylessConfig): (secret: string) => boolean {
  const patterns = (config.allowlist?.values ?? []).map((v) => new RegExp(v));
  if (patterns.length === 0) return () => false;
  return (secret) => patterns.some((re) => re.test(secret));
}

/** `fingerprint` -> is it one of the config's accepted fingerprints? */
export function fingerprintAllowlist(config: KeylessConfig): (fingerprint: string) => boolean {
  const accepted = new Set(config.allowlist?.fingerprints ?? []);
  return (fingerprint) => accepted.has(fingerprint);
}
