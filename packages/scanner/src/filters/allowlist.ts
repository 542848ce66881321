/**
 * Config-level filters: which paths are scanned (include / exclude / allowlisted paths, as globs
 * relative to the scan root) and which findings are suppressed (allowlisted values, as regexes).
 */
import { createRequire } from 'node:module';
import type { KeylessConfig } from '../config/types.js';
import type { FingerprintSubject } from '../finding/fingerprint.js';
import { fingerprintMatcher } from '../finding/fingerprint-match.js';

const GLOB_OPTIONS = { dot: true } as const;

type Picomatch = typeof import('picomatch');
let picomatchLibrary: Picomatch | undefined;

/** The `picomatch` package, loaded when a config has globs (~20 ms of start-up a config without them never pays). */
function picomatch(globs: string[], options: typeof GLOB_OPTIONS): (path: string) => boolean {
  picomatchLibrary ??= createRequire(import.meta.url)('picomatch') as Picomatch;
  return picomatchLibrary(globs, options);
}

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

/**
 * `finding` -> is its fingerprint one of the config's accepted fingerprints (either form, see
 * fingerprint-match.ts)? Costs nothing when the config lists none; else one slow hash per distinct
 * secret that the older form does not already match.
 */
export function fingerprintAllowlist(config: KeylessConfig): (finding: FingerprintSubject) => boolean {
  const match = fingerprintMatcher(config.allowlist?.fingerprints ?? []);
  return (finding) => match(finding) !== undefined;
}
