/**
 * Credentials in well-known tool files that a gitleaks user expects to be caught: `.netrc` /
 * `_netrc` passwords, `.npmrc` `_auth` / `_password` / `_authToken`, docker `config.json` /
 * `.dockercfg` `auth` (base64 of `user:password`), PuTTY private keys (`.ppk`) and Firefox
 * `logins.json` encrypted fields. Each pattern carries the file's own syntax as context, so none
 * depends on the file's name.
 */
import { latin1Bytes } from '../checksums/crc32.js';
import { decodeBase64, encodeBase64 } from '../encoding.js';
import { mutateAt } from '../examples/example-helpers.js';
import { generatePassword } from '../examples/generate.js';
import { generateBasicAuth, generateFirefoxEncryptedField, generatePuttyKey, generateUuid } from '../examples/generate-credentials.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { PatternDetector } from '../types.js';
import { DOCKER_CONFIG_ROTATION, NPMRC_ROTATION } from './rotations.js';

/** Latin-1 text of base64 bytes, or undefined when it is not base64. */
function base64Text(value: string): string | undefined {
  const bytes = decodeBase64(value);
  if (!bytes) return undefined;
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

/** Base64 of printable `user:password` with a non-empty, non-placeholder password. */
export function isBasicAuthPair(value: string): boolean {
  const text = base64Text(value);
  if (text === undefined || !/^[\x20-\x7e]+$/.test(text)) return false;
  const colon = text.indexOf(':');
  if (colon < 1) return false;
  const password = text.slice(colon + 1);
  return password.length >= 4 && !isPlaceholderValue(password) && !/^(?:pass(?:word)?|secret)$/i.test(password);
}

/** A password typed in a credential file: not a placeholder or reference, not a bare word like `password`. */
function isPlainPassword(secret: string): boolean {
  return secret.length >= 4 && !isPlaceholderValue(secret) && !/^["']?(?:pass(?:word)?|passwd|secret|none|anonymous)["']?$/i.test(secret);
}

export const netrcPassword: PatternDetector = {
  kind: 'pattern',
  id: 'netrc-password',
  title: 'Password in a .netrc / _netrc entry',
  description:
    'A `machine <host> [login <user>] password <password>` entry of a `.netrc` / `_netrc` file (curl, git, ftp), on one line or spread over the following lines.',
  severity: 'high',
  confidence: 'high',
  priority: 45,
  keywords: ['machine'],
  pattern:
    /(?<![\w-])machine[ \t]+[^\s]{1,253}(?:\s{1,20}(?:login|account|port)[ \t]+[^\s]{1,256}){0,3}\s{1,20}password[ \t]+(?<secret>[^\s"'`\\]{1,256})/g,
  window: { before: 0, after: 1200, multiline: true },
  validate: (secret) => isPlainPassword(secret),
  remediation: 'generic-secret',
  examples: () => {
    const pw = generatePassword(201, 14);
    return {
      positive: [`machine api.contoso.com login deploy password ${pw}`, `machine git.contoso.com\n  login ci\n  password ${generatePassword(202, 12)}\n`],
      negative: ['machine imap.contoso.com login me password ${IMAP_PASSWORD}', 'machine example.com login user password password', 'machine learning is a password-free topic'],
    };
  },
};

export const npmrcAuth: PatternDetector = {
  kind: 'pattern',
  id: 'npmrc-auth',
  rotation: NPMRC_ROTATION,
  title: 'npm registry password in .npmrc',
  description: 'An `.npmrc` `_auth` (base64 of `user:password`) or `_password` (base64 of the password), optionally scoped to a registry (`//host/:_auth=`).',
  severity: 'high',
  confidence: 'high',
  priority: 45,
  keywords: ['_auth', '_password'],
  pattern: /(?<![\w-])_(?<field>auth|password)[ \t]*=[ \t]*["']?(?<secret>[A-Za-z0-9+/]{4,1024}={0,2})(?![\w+/=])/g,
  validate: (secret, match) => {
    if (match.groups?.['field'] === 'auth') return isBasicAuthPair(secret);
    const text = base64Text(secret);
    return text !== undefined && /^[\x20-\x7e]+$/.test(text) && isPlainPassword(text);
  },
  remediation: 'third-party-token',
  examples: () => {
    const auth = generateBasicAuth(205, 'builder');
    return {
      positive: [`_auth = ${auth}`, `//pkgs.contoso.com/npm/registry/:_password="${encodeBase64(latin1Bytes(generatePassword(206, 16)))}"`],
      negative: ['_auth = ${NPM_AUTH}', '_auth=dXNlcjpwYXNzd29yZA==', `_auth=${mutateAt(auth, 2)}x`],
    };
  },
};

export const npmrcAuthToken: PatternDetector = {
  kind: 'pattern',
  id: 'npmrc-auth-token',
  rotation: NPMRC_ROTATION,
  title: 'Registry token in .npmrc (_authToken)',
  description:
    'An `.npmrc` `_authToken` that is not an `npm_` token (those are checksum-validated by `npm-token`): another registry\'s token, or a legacy UUID npm token. The reported secret includes the `_authToken=` key, because a bare UUID is otherwise treated as an identifier.',
  severity: 'high',
  confidence: 'medium',
  priority: 44,
  keywords: ['_authToken'],
  pattern: /(?<![\w-])(?<secret>_authToken[ \t]*=[ \t]*["']?[A-Za-z0-9._~+/-]{20,1024}={0,2})(?![\w.~+/=-])/g,
  validate: (secret) => {
    const token = secret.replace(/^_authToken[ \t]*=[ \t]*["']?/, '');
    return !token.startsWith('npm_') && !isPlaceholderValue(token) && new Set(token).size >= 10;
  },
  remediation: 'third-party-token',
  examples: () => ({
    positive: [`//registry.npmjs.org/:_authToken=${generateUuid(207)}`, `//pkgs.contoso.com/_packaging/feed/npm/registry/:_authToken=${generateBasicAuth(208)}`],
    negative: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:_authToken=00000000-0000-0000-0000-000000000000', '//registry.npmjs.org/:_authToken=your-token-here-please'],
  }),
};

export const dockerConfigAuth: PatternDetector = {
  kind: 'pattern',
  id: 'docker-config-auth',
  rotation: DOCKER_CONFIG_ROTATION,
  title: 'Registry credential in a docker config.json / .dockercfg',
  description: 'A docker `config.json` / `.dockercfg` `"auth"` value: base64 of `user:password` (or `user:token`) for a container registry.',
  severity: 'high',
  confidence: 'high',
  priority: 45,
  keywords: ['"auth"'],
  pattern: /"auth"[ \t]*:[ \t]*"(?<secret>[A-Za-z0-9+/]{8,2048}={0,2})"/g,
  validate: (secret) => isBasicAuthPair(secret),
  remediation: 'third-party-token',
  examples: () => {
    const auth = generateBasicAuth(211, 'ci-bot');
    return {
      positive: [`{"auths": {"contoso.azurecr.io": {"auth": "${auth}"}}}`, `"auth": "${generateBasicAuth(212)}"`],
      negative: [`"auth": "${mutateAt(auth, 3)}x"`, '"auth": "dXNlcjpwYXNzd29yZA=="', '"auth": "bearerTokenProvider"'],
    };
  },
};

export const puttyPrivateKey: PatternDetector = {
  kind: 'pattern',
  id: 'putty-private-key',
  title: 'PuTTY private key (.ppk)',
  description: 'The `Private-Lines:` block of a PuTTY `.ppk` key file (`PuTTY-User-Key-File-2/3`). Encrypted keys are reported too: the passphrase is all that protects them.',
  severity: 'critical',
  confidence: 'high',
  priority: 90,
  keywords: ['Private-Lines:'],
  // Anchored on `Private-Lines:`; the `PuTTY-User-Key-File-` header is checked in the window before it.
  pattern: /(?<![\w-])Private-Lines:[ \t]*\d{1,3}\r?\n(?<secret>[A-Za-z0-9+/=]{4,128}(?:\r?\n[A-Za-z0-9+/=]{4,128}(?=\r?\n|$)){0,200})/g,
  window: { before: 16000, after: 24000, multiline: true },
  validate: (secret, match) =>
    /PuTTY-User-Key-File-[23]:/.test(match.input.slice(Math.max(0, match.index - 16000), match.index)) &&
    (secret.match(/[A-Za-z0-9+/]/g)?.length ?? 0) >= 64,
  remediation: 'private-key',
  examples: () => {
    const key = generatePuttyKey(221);
    return {
      positive: [key, key.replace(/\n/g, '\r\n')],
      negative: [key.slice(0, key.indexOf('Private-Lines')), 'PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 1\nAAAA\n', key.replace('PuTTY-User-Key-File-2', 'Some-Other-Format')],
    };
  },
};

export const firefoxEncryptedLogin: PatternDetector = {
  kind: 'pattern',
  id: 'firefox-encrypted-login',
  rotation: {
    provider: 'Firefox',
    credential: 'saved logins',
    steps: ['Change the password of every site saved in the committed profile (its `key4.db` opens them without a password unless a primary password is set), then remove `logins.json` and `key4.db` from the repository.'],
    url: 'https://support.mozilla.org/en-US/kb/profiles-where-firefox-stores-user-data',
  },
  title: 'Firefox saved login (logins.json)',
  description:
    'An `encryptedUsername` / `encryptedPassword` of a Firefox profile\'s `logins.json`. They are encrypted with the profile\'s `key4.db`, which opens them without any password unless a primary password is set: a committed profile is a leaked password store.',
  severity: 'high',
  confidence: 'high',
  priority: 45,
  keywords: ['"encryptedPassword"', '"encryptedUsername"'],
  pattern: /"encrypted(?:Password|Username)"[ \t]*:[ \t]*"(?<secret>M[A-Za-z0-9+/]{30,2000}={0,2})"/g,
  validate: (secret) => base64Text(secret)?.charCodeAt(0) === 0x30,
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`"encryptedPassword": "${generateFirefoxEncryptedField(231)}",`, `"encryptedUsername":"${generateFirefoxEncryptedField(232)}"`],
    // Base64 that is not DER (it decodes to digits): not an NSS-encrypted field.
    negative: ['"encryptedPassword": ""', `"encryptedPassword": "${encodeBase64(latin1Bytes('1234567890'.repeat(3)))}"`],
  }),
};

export const credentialFileDetectors: readonly PatternDetector[] = [
  netrcPassword,
  npmrcAuth,
  npmrcAuthToken,
  dockerConfigAuth,
  puttyPrivateKey,
  firefoxEncryptedLogin,
];
