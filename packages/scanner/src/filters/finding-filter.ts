/**
 * The config-level finding filter as a plain function of (rule id, path, secret), for callers that
 * have no Finding object (the ESLint plugin): allowlisted values and accepted fingerprints.
 */
import { fingerprintAllowlist, valueAllowlist } from './allowlist.js';
import type { KeylessConfig } from '../config/types.js';

/** `(ruleId, path, secret)` -> is a finding kept (not allowlisted by value nor by fingerprint)? */
export function findingFilter(config: KeylessConfig): (ruleId: string, path: string, secret: string) => boolean {
  const allowlisted = valueAllowlist(config);
  const accepted = fingerprintAllowlist(config);
  const anyFingerprint = (config.allowlist?.fingerprints?.length ?? 0) > 0;
  return (ruleId, path, secret) => !allowlisted(secret) && !(anyFingerprint && accepted({ ruleId, path, secret }));
}
