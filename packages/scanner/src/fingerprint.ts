import { createHash } from 'node:crypto';

function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/**
 * Fingerprint = hash(ruleId, path, sha256(secret)): no line and no commit, so moving code or
 * rewriting history does not resurrect a baselined finding (design.md §2).
 */
export function fingerprintOf(ruleId: string, path: string, secret: string): string {
  return sha256Hex(`${ruleId}\0${path}\0${sha256Hex(secret)}`);
}
