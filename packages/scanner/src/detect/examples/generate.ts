/**
 * Deterministic generators of fake secrets, for examples and tests here and in other packages
 * (ESLint plugin, end-to-end, corpus). Checksummed families get VALID checksums, so a detector's
 * positive examples exercise its validation; nothing is stored as a literal in the source.
 * Every generator takes a numeric seed: same seed, same value. These are not real credentials.
 */
import { crc32, latin1Bytes } from '../checksums/crc32.js';
import {
  DEVOPS_PAT_CHECKSUM_INDEXES,
  DEVOPS_PAT_TOKEN_INDEXES,
  DEVOPS_PAT_XORS,
} from '../checksums/devops-pat-checksum.js';
import { decodeBase64, encodeBase32Lower, encodeBase64 } from '../encoding.js';
import { entraChecksumString } from '../checksums/entra-checksum.js';
import {
  familyByName,
  identifiablePattern,
  isValidIdentifiableKey,
  shapeOf,
  type IdentifiableFamily,
} from '../checksums/identifiable-keys.js';
import { marvin32Ascii } from '../checksums/marvin32.js';
import { ALPHABETS, createPrng, type Prng } from './prng.js';
import { base62Crc32 } from '../checksums/token-checksum.js';

export { createPrng, ALPHABETS, type Prng } from './prng.js';

function rngOf(seed: number, salt: number): Prng {
  return createPrng((seed * 0x9e3779b1 + salt) >>> 0);
}

/**
 * A valid Azure identifiable key of a family (`storage`, `cosmos`, ... or the detector id), with a
 * checksum for `seedName` (default: the family's first seed).
 */
export function generateIdentifiableKey(family: string | IdentifiableFamily, seed = 1, seedName?: string): string {
  const f = typeof family === 'string' ? familyByName(family) : family;
  const checksumSeed = seedName ?? f.seeds[0]!;
  const shape = shapeOf(f.layout);
  const alphabet = f.layout === 'b62-39' ? ALPHABETS.base62 : f.layout === 'b64url-40' ? ALPHABETS.base64url : ALPHABETS.base64;
  const dataBytes = f.keyBytes - 4;
  const pattern = identifiablePattern(f);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const rng = rngOf(seed, attempt * 7919 + f.signature.charCodeAt(1));
    // Random prefix + signature, then 'A' (zero bits) to fill the last data byte's low bits.
    const text = rng.chars(alphabet, shape.before) + f.signature + 'AAAA';
    const bytes = decodeBase64(text.slice(0, Math.ceil((dataBytes * 8) / 6)));
    if (!bytes) continue;
    const data = bytes.subarray(0, dataBytes);
    const sum = marvin32Ascii(data, checksumSeed);
    const full = new Uint8Array(f.keyBytes);
    full.set(data);
    full[dataBytes] = sum & 0xff;
    full[dataBytes + 1] = (sum >>> 8) & 0xff;
    full[dataBytes + 2] = (sum >>> 16) & 0xff;
    full[dataBytes + 3] = (sum >>> 24) & 0xff;
    const key = encodeBase64(full, f.layout === 'b64url-40', f.layout !== 'b62-39' && f.layout !== 'b64-39');
    pattern.lastIndex = 0;
    if (pattern.test(key) && isValidIdentifiableKey(key, f)) return key;
  }
  throw new Error(`could not generate a ${f.name} key`);
}

const ENTRA_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-';
const ENTRA_SAFE = ALPHABETS.base62;

/** A valid Entra ID `8Q~` client secret (40 chars, checksum included). */
export function generateEntraClientSecret(seed = 1): string {
  const rng = rngOf(seed, 8);
  const body = rng.chars(ENTRA_SAFE, 3) + '8Q~' + rng.chars(ENTRA_CHARS, 30) + rng.chars(ENTRA_SAFE, 1);
  return body + entraChecksumString(body).slice(0, 3);
}

/** An older `7Q~` Entra ID client secret (no checksum exists for these). */
export function generateEntraLegacySecret(seed = 1): string {
  const rng = rngOf(seed, 7);
  return rng.chars(ENTRA_SAFE, 3) + '7Q~' + rng.chars(ENTRA_CHARS, 30) + rng.chars(ENTRA_SAFE, 4);
}

/** A legacy Azure DevOps PAT (52 chars of base32) whose CRC32 checksum is valid (design.md §3.3). */
export function generateDevOpsPat(seed = 1, variant: 0 | 1 = 0): string {
  const rng = rngOf(seed, 52);
  const token = rng.bytes(28);
  const sum = (crc32(token) ^ DEVOPS_PAT_XORS[variant]!) >>> 0;
  const bytes = new Uint8Array(32);
  DEVOPS_PAT_TOKEN_INDEXES.forEach((idx, i) => (bytes[idx] = token[i] ?? 0));
  DEVOPS_PAT_CHECKSUM_INDEXES.forEach((idx, i) => (bytes[idx] = (sum >>> (8 * i)) & 0xff));
  return encodeBase32Lower(bytes);
}

/** A GitHub token (`ghp`, `gho`, `ghu`, `ghs`, `ghr`) with a valid CRC32 base62 checksum. */
export function generateGithubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp', seed = 1): string {
  const random = rngOf(seed, 36).chars(ALPHABETS.base62, 30);
  return `${prefix}_${random}${base62Crc32(random)}`;
}

/** A fine-grained GitHub PAT shape (`github_pat_` + 22 + `_` + 59). */
export function generateGithubFineGrainedPat(seed = 1): string {
  const rng = rngOf(seed, 93);
  return `github_pat_${rng.chars(ALPHABETS.base62, 22)}_${rng.chars(ALPHABETS.base62, 59)}`;
}

/** An npm access token (`npm_` + 30 random + 6 checksum). */
export function generateNpmToken(seed = 1): string {
  const random = rngOf(seed, 40).chars(ALPHABETS.base62, 30);
  return `npm_${random}${base62Crc32(random)}`;
}

/**
 * A common annotated key (84 chars): 52 base62, `JQQJ9`, a kind char, date/platform fields and the
 * provider signature at chars 76–79 (e.g. `AZDO`, `AZEG`, `AZAC`, `ACOG`).
 */
export function generateCommonAnnotatedKey(provider = 'AZDO', seed = 1, kind: '9' | 'D' | 'H' = '9'): string {
  const rng = rngOf(seed, 84);
  return rng.chars(ALPHABETS.base62, 52) + 'JQQJ9' + kind + rng.chars(ALPHABETS.base62, 18) + provider + rng.chars(ALPHABETS.base62, 4);
}

/** Random bytes as base64 (e.g. 64 bytes: a legacy 88-char storage/Cosmos key; 32: a SAS key). */
export function generateBase64Key(bytes: number, seed = 1, urlSafe = false): string {
  return encodeBase64(rngOf(seed, bytes).bytes(bytes), urlSafe);
}

/** A legacy (non-identifiable) 88-char storage or Cosmos account key. */
export function generateLegacyAccountKey(seed = 1): string {
  return generateBase64Key(64, seed);
}

/** A storage connection string with a legacy account key. */
export function generateStorageConnectionString(seed = 1, account = 'contosodata'): string {
  return `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${generateLegacyAccountKey(seed)};EndpointSuffix=core.windows.net`;
}

/** A Service Bus connection string with a legacy 44-char shared access key. */
export function generateServiceBusConnectionString(seed = 1, namespace = 'contoso-bus'): string {
  return `Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${generateBase64Key(32, seed)}`;
}

/** A blob SAS URL with a 44-char signature, %-encoded as Azure emits it. */
export function generateSasUrl(seed = 1): string {
  const sig = encodeURIComponent(generateBase64Key(32, seed));
  return `https://contosodata.blob.core.windows.net/files?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=${sig}`;
}

/** A password-like value of `length` chars with upper, lower, digits and a symbol. */
export function generatePassword(seed = 1, length = 16): string {
  const rng = rngOf(seed, 16);
  return rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 2) + rng.chars('abcdefghijkmnopqrstuvwxyz', 3) + rng.chars('23456789', 2) + '!' + rng.chars(ALPHABETS.base62, Math.max(0, length - 8));
}

/** An AWS access key id (`AKIA` + 16 of `[A-Z2-7]`). */
export function generateAwsAccessKeyId(seed = 1, prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  return prefix + rngOf(seed, 20).chars(ALPHABETS.base32Upper, 16);
}

/** A 40-char AWS secret access key. */
export function generateAwsSecretAccessKey(seed = 1): string {
  return rngOf(seed, 41).chars(ALPHABETS.base64, 40);
}

/** A Google API key (`AIza` + 35). */
export function generateGoogleApiKey(seed = 1): string {
  return 'AIza' + rngOf(seed, 39).chars(ALPHABETS.base64url, 35);
}

/** A Google OAuth client secret (`GOCSPX-` + 28). */
export function generateGoogleOAuthSecret(seed = 1): string {
  return 'GOCSPX-' + rngOf(seed, 35).chars(ALPHABETS.base64url, 28);
}

/** A Slack bot (`xoxb`) or user (`xoxp`) token. */
export function generateSlackToken(seed = 1, kind: 'xoxb' | 'xoxp' | 'xoxa' = 'xoxb'): string {
  const rng = rngOf(seed, 55);
  return `${kind}-${rng.chars(ALPHABETS.digits, 11)}-${rng.chars(ALPHABETS.digits, 13)}-${rng.chars(ALPHABETS.base62, 24)}`;
}

/** A Slack app-level token (`xapp-1-...`). */
export function generateSlackAppToken(seed = 1): string {
  const rng = rngOf(seed, 56);
  return `xapp-1-A${rng.chars(ALPHABETS.upperDigits, 10)}-${rng.chars(ALPHABETS.digits, 13)}-${rng.chars(ALPHABETS.hexLower, 64)}`;
}

/** A Slack incoming webhook URL. */
export function generateSlackWebhookUrl(seed = 1): string {
  const rng = rngOf(seed, 57);
  return `https://hooks.slack.com/services/T${rng.chars(ALPHABETS.upperDigits, 10)}/B${rng.chars(ALPHABETS.upperDigits, 10)}/${rng.chars(ALPHABETS.base62, 24)}`;
}

/** A Stripe live secret (`sk`) or restricted (`rk`) key. */
export function generateStripeKey(seed = 1, kind: 'sk' | 'rk' = 'sk', mode: 'live' | 'test' = 'live'): string {
  return `${kind}_${mode}_` + rngOf(seed, 99).chars(ALPHABETS.base62, 99);
}

/** A SendGrid API key (`SG.` + 22 + `.` + 43). */
export function generateSendGridKey(seed = 1): string {
  const rng = rngOf(seed, 69);
  return `SG.${rng.chars(ALPHABETS.base64url, 22)}.${rng.chars(ALPHABETS.base64url, 43)}`;
}

/** A 32-hex Twilio auth token. */
export function generateTwilioAuthToken(seed = 1): string {
  return rngOf(seed, 32).chars(ALPHABETS.hexLower, 32);
}

function base64UrlJson(value: unknown): string {
  return encodeBase64(latin1Bytes(JSON.stringify(value)), true, false);
}

/** An HS256-looking JWT (header with `alg`, random subject, random signature). */
export function generateJwt(seed = 1): string {
  const rng = rngOf(seed, 256);
  const header = base64UrlJson({ alg: 'HS256', typ: 'JWT' });
  const payload = base64UrlJson({ sub: rng.chars(ALPHABETS.base62, 12), iat: 1700000000 + rng.int(1e6) });
  return `${header}.${payload}.${encodeBase64(rng.bytes(32), true, false)}`;
}

/** A PEM block of random bytes with the given label (`RSA PRIVATE KEY`, `PRIVATE KEY`, ...). */
export function generatePem(seed = 1, label = 'RSA PRIVATE KEY', bytes = 384): string {
  const body = encodeBase64(rngOf(seed, bytes).bytes(bytes));
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
