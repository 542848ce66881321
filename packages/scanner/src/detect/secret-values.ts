/**
 * Is a literal value assigned to a secret-named key plausibly a real secret? Precision first: reject
 * prose, code, references, identifiers, paths, URLs without credentials, numbers, booleans, GUIDs,
 * low-entropy and short values, and values that merely repeat the key name.
 */
import { isPlaceholderValue } from './placeholders.js';
import { keyWords, type SecretKeyKind } from './key-names.js';
import type { AssignmentPlace } from './types.js';

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of: lower case, upper case, digits, symbols. */
export function charClasses(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const LITERAL_WORDS = /^(?:true|false|null|nil|none|undefined|yes|no|on|off|enabled|disabled|required|optional)$/i;
const NUMBER = /^[-+]?(?:\d[\d_,]*)?(?:\.\d+)?(?:e[-+]?\d+)?$/i;
const VERSION_OR_DATE = /^v?\d+(?:[.:/-]\d+)+$/i;
/**
 * Words, not a secret: camelCase, PascalCase, snake_case, kebab-case, CONSTANT_CASE, dotted or
 * path-like words with short numbers (`myClientSecretValue`, `client-secret`, `Bearer`,
 * `packages:node_modules/b:resolved`, `abc#keyless-ignore`). Random mixed case splits into many
 * one- or two-letter "words" and does not count.
 */
export function isIdentifierWords(v: string): boolean {
  if (!/^[A-Za-z]/.test(v)) return false;
  const words = keyWords(v);
  if (words.length === 0) return false;
  let letters = 0;
  let wordLetters = 0;
  let tiny = 0;
  for (const w of words) {
    if (/^\d{1,3}$/.test(w)) continue;
    if (!/^[a-z]+$/.test(w)) return false;
    letters += w.length;
    if (w.length >= 3) wordLetters += w.length;
    else tiny++;
  }
  return letters > 0 && tiny * 4 <= words.length && wordLetters >= 0.6 * letters;
}

/**
 * Mostly readable words with a digit or two swapped in: `ThisIsAnAccessT0ken`, `myS3cretValue`.
 * At least 65% of the characters are in letter-only words of 2+ letters averaging 3+ letters (two
 * of them 4+ letters, at most one 1-letter word and two digits), with a vowel share of real words; random strings split into short, vowel-poor chunks and do not qualify.
 */
export function isWordy(v: string): boolean {
  const words = keyWords(v);
  if (words.length < 3) return false;
  const alpha = words.filter((w) => /^[a-z]{2,}$/.test(w));
  const alphaChars = alpha.reduce((n, w) => n + w.length, 0);
  const alnum = v.replace(/[^A-Za-z0-9]/g, '').length;
  const vowels = alpha.reduce((n, w) => n + (w.match(/[aeiou]/g)?.length ?? 0), 0);
  // English words are ~40% vowels; random letters ~19%.
  const longWords = alpha.filter((w) => w.length >= 4 && /[aeiou]/.test(w)).length;
  const oneLetter = words.filter((w) => /^[a-z]$/.test(w)).length;
  const digits = v.replace(/[^0-9]/g, '').length;
  return alpha.length >= 3 && longWords >= 2 && oneLetter <= 1 && digits <= 2 && alphaChars >= 0.65 * alnum && alphaChars / alpha.length >= 3 && vowels >= 0.3 * alphaChars;
}

const SECRET_NOUNS = new Set(['password', 'passwd', 'pwd', 'secret', 'secrets', 'token', 'key', 'apikey', 'credential', 'credentials', 'pat']);

/** A name of a secret rather than a secret: `DB_PASSWORD`, `db:password`, `db_secret`, `SA_PASSWORD`. */
export function namesASecret(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_.:/-]*$/.test(v)) return false;
  const words = keyWords(v);
  return words.some((w) => SECRET_NOUNS.has(w)) && words.every((w) => /^[a-z]+$/.test(w) || /^\d{1,3}$/.test(w));
}

/** Member chains and calls: `config.auth.secret`, `getSecret()`, `AST_TOKEN_TYPES.Identifier`. */
const CODE = /[()[\]{}<>`]|=>|\$\{|\{\{|\$\(|process\.env|environ|getenv|^\$\w|^%\w+%$|^\w+(?:\.\w+)+$/;
const URL_PREFIX = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;
const PATH = /^(?:\.{1,2}\/|~\/|[A-Za-z]:\\|\\\\)|\.(?:json|jsonc|js|mjs|cjs|ts|tsx|pem|key|crt|cer|pfx|p12|txt|ya?ml|xml|env|config|cfg|ini|conf|properties|md|html?)$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const PASSWORD_SYMBOL = /[!@#$%^&*+=?~]/;
const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

function normalized(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when the value contains a credential part (connection strings). */
function hasCredentialPart(value: string): boolean {
  const m = /(?:password|pwd|accountkey|sharedaccesskey|secret|appkey)\s*=\s*([^;"'\s]+)/i.exec(value);
  return m !== null && m[1] !== undefined && !isPlaceholderValue(m[1]) && m[1].length >= 4;
}

/** Minimum length and entropy (bits/char) by kind of key. */
const THRESHOLDS: Record<Exclude<SecretKeyKind, 'connection-string'>, { min: number; entropy: number; classes: number }> = {
  password: { min: 6, entropy: 2.2, classes: 2 },
  secret: { min: 10, entropy: 3.0, classes: 2 },
  credential: { min: 12, entropy: 3.0, classes: 2 },
  token: { min: 16, entropy: 3.2, classes: 2 },
  key: { min: 16, entropy: 3.2, classes: 2 },
};

/** An absolute path of 2+ segments that reads like one (few capitals): `/run/secrets/db`, `/etc/ssl/key`. */
function isAbsolutePath(v: string): boolean {
  return /^(?:\/[\w.@-]+){2,}\/?$/.test(v) && (v.match(/[A-Z]/g)?.length ?? 0) <= 4;
}

/**
 * Judges a literal value for a key of the given kind, written in `place` (default: code). In config
 * a value is the setting itself, so a password-named key's value made of words
 * (`"sshUserPassword": "roboMongoSSHPass"`) is a password; in code the same text is as often a label,
 * a field name or an enum member.
 */
export function looksLikeSecretValue(value: string, key: string, kind: SecretKeyKind, place: AssignmentPlace = 'code'): boolean {
  const v = value;
  if (kind === 'connection-string') return hasCredentialPart(v);
  const t = THRESHOLDS[kind];
  if (v.length < t.min || v.length > 1024) return false;
  if (/\s/.test(v)) return false; // prose, code, several values
  if (isPlaceholderValue(v)) return false;
  if (LITERAL_WORDS.test(v) || NUMBER.test(v) || VERSION_OR_DATE.test(v) || GUID.test(v)) return false;
  if (HEX_COLOR.test(v) || EMAIL.test(v) || URL_PREFIX.test(v) || PATH.test(v) || isAbsolutePath(v)) return false;
  if (CODE.test(v)) return false;
  // Identifiers never contain these symbols; a password-named key's `swordfish!23` is a (weak) password.
  const symbolic = kind === 'password' && PASSWORD_SYMBOL.test(v);
  // A config file's password setting holds the password as written, even made of words; but one
  // word alone (`Postgres`, `Milvus`, `Admin`) is a product's default or a name, not a chosen password.
  const configPassword = kind === 'password' && place === 'config' && keyWords(v).length >= 2;
  if (namesASecret(v) || (!symbolic && !configPassword && (isIdentifierWords(v) || isWordy(v)))) return false;
  const nv = normalized(v);
  if (nv.length === 0) return false;
  // Repeats the key (`clientSecret: "client-secret"`, `DB_PASSWORD=db_password1`).
  const nk = keyWords(key).join('');
  if (nk.length >= 4 && (nv.includes(nk) || nk.includes(nv))) return false;
  if (/^(?:test|mock|fake|dummy|sample|demo|local|dev|default|secret|password|token|key)/i.test(v) && kind !== 'password') return false;
  if (charClasses(v) < t.classes && !(v.length >= 24 && shannonEntropy(v) >= 3.5)) return false;
  if (shannonEntropy(v) < t.entropy) return false;
  return true;
}
