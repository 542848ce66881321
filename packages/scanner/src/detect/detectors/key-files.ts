/**
 * Private keys of tools with their own formats: age identities (bech32, checksum-verified) and
 * 1Password account secret keys and service account tokens. PEM and PuTTY keys are in
 * private-key.ts and credential-files.ts.
 */
import { BECH32_CHARSET, encodeBech32, isValidBech32 } from '../checksums/bech32.js';
import { ALPHABETS } from '../examples/prng.js';
import { providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';

export const ageSecretKey = providerToken({
  id: 'age-secret-key',
  title: 'age secret key',
  description: 'An age identity (`AGE-SECRET-KEY-1` + 58 bech32 characters), verified by its bech32 checksum.',
  keywords: ['AGE-SECRET-KEY-1'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9_-])/g,
  prefixLength: 16,
  validate: (secret) => isValidBech32(secret),
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('age', seed);
    const data = Array.from({ length: 52 }, () => r.int(32));
    return encodeBech32('age-secret-key-', data).toUpperCase();
  },
  negatives: (t) => [`AGE_KEY=${t.slice(0, -1)}${t.endsWith('Q') ? 'P' : 'Q'}`, `AGE_KEY=AGE-SECRET-KEY-1${BECH32_CHARSET.toUpperCase().repeat(2).slice(0, 58)}`],
  rotation: {
    provider: 'age',
    steps: ['Generate a new identity (`age-keygen`), re-encrypt every file encrypted to the old recipient (e.g. `sops updatekeys`), and remove the old recipient.'],
    url: 'https://github.com/FiloSottile/age#readme',
  },
});

export const onePasswordSecretKey = providerToken({
  id: '1password-secret-key',
  title: '1Password account secret key or service account token',
  description: 'A 1Password account Secret Key (`A3-` + six dash-separated groups) or service account token (`ops_eyJ` + base64 JSON).',
  keywords: ['A3-', 'ops_eyJ'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>A3-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}|ops_eyJ[A-Za-z0-9+/]{200,2000}={0,3})(?![A-Za-z0-9_+/=-])/g,
  prefixLength: 3,
  validate: (secret) => !secret.startsWith('A3-') || (/[0-9]/.test(secret.slice(3)) && /[A-Z]/.test(secret.slice(3))),
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('1password', seed);
    if (seed % 2 === 0) return `ops_eyJzaWduSW5BZGRyZXNzIjoi${r.chars(ALPHABETS.base62, 260)}`;
    const g = (n: number): string => r.chars(ALPHABETS.upperDigits, n);
    return `A3-${g(6)}-${g(6)}-${g(5)}-${g(5)}-${g(5)}-${g(5)}`;
  },
  rotation: {
    provider: '1Password',
    steps: ['Regenerate the Secret Key (Your account > Regenerate Secret Key) or revoke the service account token (Developer > Service accounts) and issue a new one.'],
    url: 'https://support.1password.com/secret-key/',
  },
});

export const keyFileDetectors: readonly ProviderTokenDetector[] = [ageSecretKey, onePasswordSecretKey];
