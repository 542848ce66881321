/**
 * The history cache's memo of slow hashes (fingerprint.ts), so that a re-scan does not pay one
 * scrypt per finding again.
 *
 * Keyed by where the secret is, never by what it is: the key is a hash of the finding's introducing
 * commit, path, position and rule — all of which the cache file already holds in its blob list —
 * and the value is the slow hash itself. A key derived from the secret (even an HMAC with a random
 * key) would be a dictionary oracle for whoever reads the cache file, since that key would have to
 * be stored next to it: one fast hash per guess, then a look-up. Here a guess still costs one
 * scrypt, as against a committed baseline. Within one detection setup (the cache key covers it), a
 * commit, path, position and rule name exactly one secret.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../finding/finding.js';
import { hasSlowHash, rememberSlowHash, slowHash } from '../../finding/fingerprint.js';

/** location key (32 hex) -> slow hash (64 hex). */
export type SlowHashMemo = Readonly<Record<string, string>>;

function locationKey(f: Finding): string | undefined {
  if (!f.commit) return undefined;
  const where = [f.commit.commit, f.path, f.line, f.column, f.endLine, f.endColumn, f.ruleId].join('\0');
  return createHash('sha256').update(where, 'utf8').digest('hex').slice(0, 32);
}

export function isSlowHashMemo(x: unknown): x is SlowHashMemo {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  return Object.entries(x).every(([k, v]) => /^[0-9a-f]{32}$/.test(k) && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v));
}

/** Makes the remembered slow hashes of `findings` known to this process. */
export function recallSlowHashes(findings: readonly Finding[], memo: SlowHashMemo | undefined): void {
  if (!memo) return;
  for (const f of findings) {
    const key = locationKey(f);
    const hex = key !== undefined && Object.hasOwn(memo, key) ? memo[key] : undefined;
    if (hex !== undefined) rememberSlowHash(f.secret, hex);
  }
}

/** The slow hashes of `findings` known to this process (computes none), to store in the cache. */
export function slowHashMemoOf(findings: readonly Finding[]): SlowHashMemo {
  const memo: Record<string, string> = {};
  for (const f of findings) {
    const key = locationKey(f);
    if (key !== undefined && hasSlowHash(f.secret)) memo[key] = slowHash(f.secret);
  }
  return memo;
}
