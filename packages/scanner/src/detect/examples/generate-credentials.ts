/**
 * Deterministic generators of fake credential-file contents (password hashes, PuTTY keys, docker
 * and npm auth values, Firefox encrypted logins, framework secret keys) for the examples of the
 * detectors in `credential-files.ts`, `password-hashes.ts` and `framework-secrets.ts`, and for the
 * corpus test. Same seed, same value; nothing here is a real credential. Pure (no node:* imports).
 */
import { latin1Bytes } from '../checksums/crc32.js';
import { encodeBase64 } from '../encoding.js';
import { ALPHABETS, createPrng, type Prng } from './prng.js';

/** The crypt(3) alphabet used by bcrypt, md5-crypt, sha-crypt. */
export const CRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function rngOf(seed: number, salt: number): Prng {
  return createPrng((seed * 0x85ebca6b + salt) >>> 0);
}

export type PasswordHashKind = 'bcrypt' | 'sha512-crypt' | 'sha256-crypt' | 'md5-crypt' | 'apr1' | 'argon2id';

/** A password hash of the given crypt(3)/PHC format with random salt and digest. */
export function generatePasswordHash(kind: PasswordHashKind, seed = 1): string {
  const rng = rngOf(seed, kind.length * 31 + kind.charCodeAt(0));
  const c = (n: number): string => rng.chars(CRYPT_ALPHABET, n);
  switch (kind) {
    case 'bcrypt':
      return `$2y$12$${c(53)}`;
    case 'sha512-crypt':
      return `$6$${c(16)}$${c(86)}`;
    case 'sha256-crypt':
      return `$5$${c(16)}$${c(43)}`;
    case 'md5-crypt':
      return `$1$${c(8)}$${c(22)}`;
    case 'apr1':
      return `$apr1$${c(8)}$${c(22)}`;
    case 'argon2id':
      return `$argon2id$v=19$m=65536,t=3,p=4$${encodeBase64(rng.bytes(16), false, false)}$${encodeBase64(rng.bytes(32), false, false)}`;
  }
}

/** Base64 of `user:password`, as in docker `config.json` `auth` and `.npmrc` `_auth`. */
export function generateBasicAuth(seed = 1, user = 'deploy'): string {
  const rng = rngOf(seed, 77);
  const password = rng.chars(ALPHABETS.base62, 20) + '!';
  return encodeBase64(latin1Bytes(`${user}:${password}`));
}

/**
 * A Firefox `logins.json` encrypted field: base64 of a DER SEQUENCE (0x30) like NSS's
 * (key id, algorithm, IV, ciphertext), with random content.
 */
export function generateFirefoxEncryptedField(seed = 1): string {
  const rng = rngOf(seed, 91);
  const body = rng.bytes(56);
  const der = new Uint8Array(2 + body.length);
  der[0] = 0x30;
  der[1] = body.length;
  der.set(body, 2);
  return encodeBase64(der);
}

/** A PuTTY `.ppk` (version 2) private key file with random key material. */
export function generatePuttyKey(seed = 1): string {
  const rng = rngOf(seed, 113);
  const lines = (bytes: number): string[] => encodeBase64(rng.bytes(bytes)).match(/.{1,64}/g) ?? [];
  const pub = lines(279);
  const priv = lines(660);
  return [
    'PuTTY-User-Key-File-2: ssh-rsa',
    'Encryption: none',
    'Comment: deploy-key',
    `Public-Lines: ${pub.length}`,
    ...pub,
    `Private-Lines: ${priv.length}`,
    ...priv,
    `Private-MAC: ${rng.chars(ALPHABETS.hexLower, 40)}`,
    '',
  ].join('\n');
}

/** A Django-style secret key (50 chars of Django's `get_random_secret_key` alphabet). */
export function generateDjangoSecretKey(seed = 1): string {
  return rngOf(seed, 50).chars('abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)', 50);
}

/** A WordPress authentication key or salt (64 printable chars, no quotes or backslash). */
export function generateWordPressSalt(seed = 1): string {
  const alphabet = `${ALPHABETS.base62}!@#%^&*()-_[]{}<>~+=,.;:/?|`;
  return rngOf(seed, 64).chars(alphabet, 64);
}

/** A lower-case hex string of `length` chars (Rails `secret_key_base` is 128). */
export function generateHex(seed = 1, length = 128): string {
  return rngOf(seed, length).chars(ALPHABETS.hexLower, length);
}

/** A random (version 4 shaped) UUID, as legacy npm tokens were. */
export function generateUuid(seed = 1): string {
  const h = rngOf(seed, 36).chars(ALPHABETS.hexLower, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
