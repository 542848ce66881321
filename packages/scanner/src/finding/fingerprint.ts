/**
 * Fingerprints (design.md §2): `sha256("keyless-fp-v2", ruleId, slowhash(secret))` — no line, no
 * commit, no path, so moving code, renaming a file or rewriting history keeps a baselined finding
 * baselined, and a clone at another path or on another machine computes the same value.
 *
 * slowhash is scrypt with the fixed parameters below (never change them: every committed baseline
 * and SARIF fingerprint depends on them). A committed fingerprint must not let anyone recover a
 * weak password by hashing a dictionary: one guess costs one scrypt (tens of milliseconds, some
 * thousands of plain SHA-256; `pnpm bench fingerprint` measures it) and 8 MiB of memory. The fixed
 * application salt makes the hashes stable across clones and machines (a per-repository salt would
 * not survive a fork or a rename of the repository) while ruling out precomputed tables made for
 * other tools.
 *
 * It is computed once per distinct secret per process (memo), only when a fingerprint is asked for
 * (baseline, fingerprint allowlist, JSON/SARIF output); the text report of a plain scan never pays
 * for it. A history scan also remembers the results in its cache (see fingerprint-memo.ts).
 *
 * The older form `sha256(ruleId, path, sha256(secret))` ("legacy") is still recognized in
 * baselines and allowlists (see fingerprint-match.ts) until `--prune` rewrites it.
 */
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let cryptoModule: Crypto | undefined;

/**
 * `node:crypto`, loaded on the first hash (it costs ~10 ms of start-up): a scan that computes no
 * fingerprint (a text report, a pre-commit `--staged` run) never loads it.
 */
function crypto(): Crypto {
  return (cryptoModule ??= createRequire(import.meta.url)('node:crypto') as Crypto);
}

/** The slow hash's parameters: fixed forever (they define the fingerprint). */
export const SLOWHASH_PARAMS = Object.freeze({
  algorithm: 'scrypt',
  salt: 'keyless-fingerprint-v2',
  /** CPU/memory cost: 2^13 blocks of 128·r bytes = 8 MiB per guess. */
  N: 2 ** 13,
  r: 8,
  p: 1,
  keyLength: 32,
});

const SCRYPT_OPTIONS = { N: SLOWHASH_PARAMS.N, r: SLOWHASH_PARAMS.r, p: SLOWHASH_PARAMS.p, maxmem: 64 * 1024 * 1024 };

/** A finding as far as its fingerprint is concerned. */
export interface FingerprintSubject {
  readonly ruleId: string;
  readonly path: string;
  readonly secret: string;
}

function sha256Hex(s: string): string {
  return crypto().createHash('sha256').update(s, 'utf8').digest('hex');
}

/** secret -> slowhash hex, for this process (the secrets are in this process's memory anyway). */
const memo = new Map<string, string>();

/** scrypt of `secret` with the fixed parameters, hex; memoized. */
export function slowHash(secret: string): string {
  let h = memo.get(secret);
  if (h === undefined) {
    h = crypto().scryptSync(Buffer.from(secret, 'utf8'), SLOWHASH_PARAMS.salt, SLOWHASH_PARAMS.keyLength, SCRYPT_OPTIONS).toString('hex');
    memo.set(secret, h);
  }
  return h;
}

/** Is the slow hash of `secret` already known in this process? */
export function hasSlowHash(secret: string): boolean {
  return memo.has(secret);
}

/** Records a slow hash computed elsewhere (the history cache); `hex` must be slowHash(secret). */
export function rememberSlowHash(secret: string, hex: string): void {
  if (/^[0-9a-f]{64}$/.test(hex)) memo.set(secret, hex);
}

/**
 * Computes the slow hashes of `secrets` not yet known, several at a time on libuv's thread pool,
 * so that the synchronous look-ups that follow (reporters, baseline) are memo hits.
 */
export async function prepareSlowHashes(secrets: Iterable<string>): Promise<void> {
  const todo = [...new Set(secrets)].filter((s) => !memo.has(s));
  await Promise.all(
    todo.map(
      (secret) =>
        new Promise<void>((resolve, reject) => {
          crypto().scrypt(Buffer.from(secret, 'utf8'), SLOWHASH_PARAMS.salt, SLOWHASH_PARAMS.keyLength, SCRYPT_OPTIONS, (err, key) => {
            if (err) return reject(err);
            memo.set(secret, key.toString('hex'));
            resolve();
          });
        }),
    ),
  );
}

/** The fingerprint of `secret` found by rule `ruleId` (wherever it is). */
export function fingerprintOf(ruleId: string, secret: string): string {
  return sha256Hex(`keyless-fp-v2\0${ruleId}\0${slowHash(secret)}`);
}

/** A finding's fingerprint (slow on the first call per distinct secret; see prepareFingerprints). */
export function findingFingerprint(f: FingerprintSubject): string {
  return fingerprintOf(f.ruleId, f.secret);
}

/** Makes the fingerprints of `findings` cheap to ask for (parallel slow hashes). */
export async function prepareFingerprints(findings: Iterable<FingerprintSubject>): Promise<void> {
  await prepareSlowHashes([...findings].map((f) => f.secret));
}

/** The older form, `sha256(ruleId, path, sha256(secret))`: still matched, never written. */
export function legacyFingerprintOf(ruleId: string, path: string, secret: string): string {
  return sha256Hex(`${ruleId}\0${path}\0${sha256Hex(secret)}`);
}
