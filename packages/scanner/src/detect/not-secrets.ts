/**
 * Values that look like secrets but are not (design.md §3.4): Key Vault references, the public
 * Azurite development storage, variable references, placeholders, identifiers (GUIDs), hashes (git
 * SHAs, lockfile integrity) and inline images. Pure, no `node:*`: used by the engine, so by the
 * scanner and the ESLint rules alike.
 *
 * Precision is the point, in both directions: every rule here must be something a randomly generated
 * secret (base64, base62, hex, URL-safe alphabets) practically never is. Substring rules therefore use
 * words of five or more letters or characters outside those alphabets (`<`, `*`, `${`).
 */

import { isWellKnownPublicKey } from './well-known-public-keys.js';

interface NotSecretRule {
  /** Shown by `whyNotSecret` (debug output). */
  readonly reason: string;
  readonly test: (value: string, lower: string, key: string | undefined) => boolean;
}

/** A key that names a credential: 40 hex chars under it are a token (old GitHub/OAuth format), not a commit. */
const CREDENTIAL_KEY = /token|secret|passw|pwd|api[-_]?key|auth/i;
const REVISION_KEY = /sha|commit|rev|hash|digest|version|ref|checksum/i;

function namesCredential(key: string | undefined): boolean {
  return key !== undefined && CREDENTIAL_KEY.test(key) && !REVISION_KEY.test(key);
}

/** The public Azurite/storage-emulator account key (documented by Microsoft), assembled at run time. */
const AZURITE_KEY = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSR', 'Z6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='].join(''); // keyless-ignore -- public emulator key

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const GIT_SHA = /^[0-9a-f]{40}$/;
const INTEGRITY_HASH = /^(?:sha(?:1|224|256|384|512)|md5)[-:][A-Za-z0-9+/=_-]{16,}$/i;
/** A whole value that is only a reference to something else. */
const WHOLE_REFERENCE = [
  /^\$[A-Z_][A-Z0-9_]*$/, // $VAR (shell, upper case)
  /^\$env:[A-Za-z_]\w*$/i, // $env:Var (PowerShell)
  /^%[A-Za-z_][\w.-]*%$/, // %VAR% (cmd)
  /^__[A-Za-z][\w.-]*__$/, // __Token__ (token replacement tasks)
  /^#\{[A-Za-z_][\w.-]*\}$/, // #{Variable} (Octopus)
  /^(?:process\.env|import\.meta\.env|os\.environ|Deno\.env|ENV\[|ENV\.fetch\()/,
  /^(?:env|getenv|os\.getenv|System\.getenv|Environment\.GetEnvironmentVariable)\s*\(.*\)$/i,
  /^<%=?.*%>$/s, // templates
  /^\[[^\]]+\]$/, // [placeholder], ARM [parameters('x')]
  /^@\{[^}]+\}$/, // @{variable} (Logic Apps)
];
/** References anywhere in a value (connection strings with `Password=${DB_PASSWORD}`); names start with a letter. */
const EMBEDDED_REFERENCE =
  /\$\{[A-Za-z_][\w.:-]{0,199}\}|\$\([A-Za-z_][\w.: -]{0,199}\)|\{\{[^{}]{1,200}\}\}|#\{[A-Za-z_][\w.-]{0,199}\}#|\$\{\{[^{}]{1,200}\}\}/;
/** `<your-key>`, `<redacted>`, `<storage account key>`: angle-bracket placeholders. */
const ANGLE_PLACEHOLDER = /<[A-Za-z][\w .:/-]{0,80}>/;
/** Values that are nothing but placeholders' filler characters: `xxxx`, `****`, `....`, `----`. */
const FILLER = /^[xX*•.#_=-]{3,}$/;
/** Words that mark a placeholder wherever they appear (five letters or more: random text never has them). */
const PLACEHOLDER_WORDS =
  /changeme|change[-_ ]me|changeit|replace[-_ ]?(?:me|this|with)|placeholder|redacted|example|dummy|sample|insert[-_ ]?(?:your|here)|(?:goes|put)[-_ ]?here|your[-_ ]?(?:own[-_ ]?)?(?:password|secret|key|token|value|api)|[-_ ]here$/i;
/** Whole values that are words, not secrets. */
const TRIVIAL = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'secrets',
  'token',
  'apikey',
  'api_key',
  'key',
  'test',
  'tests',
  'testing',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'default',
  'todo',
  'tbd',
  'fixme',
  'hidden',
  'notset',
  'not_set',
  'empty',
  'string',
  'value',
  'foo',
  'bar',
  'baz',
  'foobar',
]);
/** `test123`, `test-password`, `testsecret`, `mytestkey`, `fake_token`. */
const TRIVIAL_PREFIXED = /^(?:my)?(?:test(?:ing)?|fake|mock|demo)[-_.]?(?:pass(?:word)?|pwd|secret|key|token|value|user|\d{0,6})$/i;
/** `your-client-secret`, `YourStrong!Passw0rd` (the SQL Server docs password), `your_password`. */
const YOUR_PREFIX = /^your[-_ A-Z]/i;

/**
 * A run of `n` or more consecutive characters (`abcdefgh`, `12345678`, `hgfedcba`): in a value of
 * token length, typed filler such as `sk_abcdefghijklmnopqrstuvwxyz123`, `dapi123456789...`,
 * `1234567890abcdef...`. A random token of any alphabet holds one with negligible probability
 * (below 62^-7 per position in base62).
 */
function hasConsecutiveRun(v: string, n: number): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < v.length; i++) {
    const d = v.charCodeAt(i) - v.charCodeAt(i - 1);
    const alnum = /[A-Za-z0-9]/.test(v[i]!);
    up = d === 1 && alnum ? up + 1 : 1;
    down = d === -1 && alnum ? down + 1 : 1;
    if (up >= n || down >= n) return true;
  }
  return false;
}

const RULES: readonly NotSecretRule[] = [
  { reason: 'empty', test: (v) => v.trim().length === 0 },
  { reason: 'Key Vault reference', test: (_, l) => l.startsWith('@microsoft.keyvault(') },
  { reason: 'development storage (Azurite)', test: (v, l) => l.includes('usedevelopmentstorage=true') || v.includes(AZURITE_KEY) || l.includes('devstoreaccount1') },
  { reason: 'published sample key', test: (v) => isWellKnownPublicKey(v) },
  { reason: 'variable reference', test: (v) => WHOLE_REFERENCE.some((re) => re.test(v)) || EMBEDDED_REFERENCE.test(v) },
  { reason: 'placeholder', test: (v) => ANGLE_PLACEHOLDER.test(v) || FILLER.test(v) || PLACEHOLDER_WORDS.test(v) || YOUR_PREFIX.test(v) },
  { reason: 'placeholder', test: (v) => v.includes('...') || v.includes('…') || v.includes('***') || /xxxxx|XXXXX/.test(v) },
  // Token-length values only: a short human password such as `12345678` is weak, not a placeholder.
  { reason: 'placeholder sequence', test: (v) => v.length >= 16 && hasConsecutiveRun(v, 8) },
  { reason: 'trivial value', test: (v, l) => TRIVIAL.has(l) || TRIVIAL_PREFIXED.test(v) || /^(.)\1*$/.test(v) },
  { reason: 'GUID (an identifier)', test: (v) => GUID.test(v) },
  // Without a key (the engine's call) 40 hex chars are left to the detector that found them: the
  // generic judge only sees them under secret-named keys (`GITHUB_TOKEN`, `oauth_token`), where they
  // are classic GitHub/OAuth tokens, and pattern detectors only in credential positions (URL passwords).
  { reason: 'git commit SHA', test: (v, _, key) => GIT_SHA.test(v) && key !== undefined && !namesCredential(key) },
  { reason: 'integrity hash', test: (v) => INTEGRITY_HASH.test(v) },
  { reason: 'inline image', test: (_, l) => /^data:(?:image|font)\//.test(l) },
];

/**
 * Why `value` is not a secret (for debug output), or undefined when it may be one. `key`, when the
 * value was assigned to one, only matters for 40-hex values: a commit SHA, unless the key names a
 * credential (`oauth_token`, `api_key`).
 */
export function whyNotSecret(value: string, key?: string): string | undefined {
  const v = value.trim();
  const lower = v.toLowerCase();
  return RULES.find((r) => r.test(v, lower, key))?.reason;
}

/** True when `value` is a reference, placeholder, identifier or well-known public value. */
export function isNotSecret(value: string, key?: string): boolean {
  return whyNotSecret(value, key) !== undefined;
}
