/**
 * Matching findings against accepted fingerprints (a baseline, `allowlist.fingerprints`) in both
 * forms: the current one (rule + slow hash of the secret, see fingerprint.ts) and the older one
 * (rule + path + SHA-256 of the secret), which keeps matching until `--prune` rewrites it. The fast
 * older form is tried first, so an old baseline costs no slow hash for the findings it names.
 */
import { findingFingerprint, legacyFingerprintOf, type FingerprintSubject } from './fingerprint.js';

export interface FingerprintHit {
  /** The accepted value that matched. */
  readonly accepted: string;
  /** It is of the older form (rule, path, secret). */
  readonly legacy: boolean;
}

/** `finding` -> the accepted fingerprint it matches, if any (no hashing at all when none is accepted). */
export function fingerprintMatcher(accepted: Iterable<string>): (f: FingerprintSubject) => FingerprintHit | undefined {
  const set = new Set(accepted);
  if (set.size === 0) return () => undefined;
  return (f) => {
    const old = legacyFingerprintOf(f.ruleId, f.path, f.secret);
    if (set.has(old)) return { accepted: old, legacy: true };
    const current = findingFingerprint(f);
    return set.has(current) ? { accepted: current, legacy: false } : undefined;
  };
}
