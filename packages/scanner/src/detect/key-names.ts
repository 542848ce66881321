/**
 * Does a key name denote a secret? Keys are split into lowercase words (camelCase, PascalCase,
 * snake_case, kebab-case, dotted and `Section:Key` paths); the LAST word decides, so `passwordPolicy`,
 * `keyName`, `KeyId`, `tokenType`, `secretName` are not secrets while `DB_PASSWORD`, `ClientSecret`,
 * `apiKey`, `AccountKey`, `GITHUB_TOKEN` are.
 */

export type SecretKeyKind = 'password' | 'secret' | 'token' | 'key' | 'connection-string' | 'credential';

/** `AzureAd:ClientSecret` -> ['azure', 'ad', 'client', 'secret']; `APIKey` -> ['api', 'key']. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass', 'pw']);
/** `resetPassword`, `forgotPassword`, `showPassword`: actions, policies or UI state, not a password. */
const PASSWORD_ACTIONS = new Set([
  'reset', 'forgot', 'forgotten', 'change', 'update', 'verify', 'validate', 'confirm', 'show', 'hide', 'toggle',
  'require', 'requires', 'required', 'min', 'max', 'expire', 'expired', 'has', 'is', 'use', 'with', 'no', 'enter',
]);
/** One lower-case word ending in a password word: `dbpasswd`, `adminpassword`, `userpwd` (PHP, ini files). */
const FUSED_PASSWORD = /^([a-z]{2,12})(?:password|passwd|pwd)$/;
/** Single-word spellings of a secret key (`apikey`, `accesskey`, ...). */
const KEY_COMPOUNDS = new Set([
  'apikey', 'accesskey', 'accountkey', 'secretkey', 'privatekey', 'masterkey', 'subscriptionkey',
  'storagekey', 'sharedkey', 'appkey', 'clientkey', 'authkey', 'signingkey', 'encryptionkey', 'hostkey',
  'functionkey', 'adminkey', 'querykey', 'saskey',
]);
/** Words that make `<word> key` / `<word>_key` a secret key. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'account', 'secret', 'private', 'master', 'shared', 'storage', 'subscription', 'client',
  'app', 'application', 'auth', 'signing', 'encryption', 'encrypt', 'admin', 'query', 'sas', 'function',
  'functions', 'host', 'service', 'hmac', 'jwt', 'session', 'cookie', 'license', 'licence', 'validation', 'decryption',
]);
/** Tokens that are not credentials (parser tokens, pagination, cancellation...). */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  'next', 'page', 'continuation', 'cancellation', 'cancel', 'sync', 'csrf', 'xsrf', 'lexer', 'parser',
  'first', 'last', 'prev', 'previous', 'end', 'start', 'open', 'close', 'closing', 'opening', 'current',
  'design', 'color', 'colour', 'theme', 'css', 'style', 'punctuator', 'comment', 'keyword', 'string',
  'template', 'identifier', 'jsx', 'ts', 'js', 'type', 'node', 'semicolon', 'paren', 'brace', 'bracket',
]);

/**
 * Words that name an environment or a version after the secret word (`DB_PASSWORD_PROD`,
 * `API_KEY_V2`, `ClientSecret2`): dropped before the last word decides.
 */
const TRAILING_QUALIFIERS = /^(?:prod|production|prd|dev|development|stage|staging|stg|qa|uat|test|local|live|sandbox|old|new|backup|bak|primary|secondary|main|alt|v?\d{1,3})$/;
/** A single lower-case word ending in a secret-key compound: `azurestorageaccountkey`, `myapikey`. */
const FUSED_KEY = /^[a-z]{2,24}(?:accountkey|storagekey|apikey|accesskey|secretkey|sharedkey|masterkey)$/;

/** What kind of secret a key name denotes, or undefined when it does not denote one. */
export function secretKeyKind(key: string): SecretKeyKind | undefined {
  const words = keyWords(key);
  for (let n = 0; n < 2 && words.length > 1 && TRAILING_QUALIFIERS.test(words[words.length - 1]!); n++) words.pop();
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  const prev = words[words.length - 2];
  if (PASSWORD_WORDS.has(last)) return prev !== undefined && PASSWORD_ACTIONS.has(prev) ? undefined : 'password';
  const fused = FUSED_PASSWORD.exec(last);
  if (fused) return PASSWORD_ACTIONS.has(fused[1] as string) ? undefined : 'password';
  if (last === 'base' && prev === 'key' && words[words.length - 3] === 'secret') return 'key'; // Rails SECRET_KEY_BASE
  if (last === 'secret' || last === 'secrets') return 'secret';
  if (last === 'connectionstring' || (last === 'string' && prev === 'connection') || last === 'connstr') return 'connection-string';
  if (last === 'credential' || last === 'credentials' || last === 'creds') return 'credential';
  if (last === 'token' || last === 'pat') {
    if (prev !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(prev)) return undefined;
    if (words.length > 1 && last === 'token' && words.every((w) => NON_SECRET_TOKEN_QUALIFIERS.has(w) || w === 'token')) return undefined;
    return 'token';
  }
  if (KEY_COMPOUNDS.has(last) || FUSED_KEY.test(last)) return 'key';
  if (last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) return 'key';
  return undefined;
}
