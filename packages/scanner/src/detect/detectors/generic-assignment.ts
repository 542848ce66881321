/**
 * `generic-secret-assignment`: a literal value assigned to a secret-named key, in config files
 * (JSON, YAML, .env...) and code (`password = "..."`), as extracted by the format readers.
 * Precision matters more than recall: well-known token formats are found by their own detectors.
 */
import { generateBase64Key, generatePassword, generateTwilioAuthToken } from '../examples/generate.js';
import { secretKeyKind } from '../key-names.js';
import { looksLikeSecretValue } from '../secret-values.js';
import type { AssignmentDetector } from '../types.js';

export const genericSecretAssignment: AssignmentDetector = {
  kind: 'assignment',
  id: 'generic-secret-assignment',
  title: 'Secret assigned to a secret-named key',
  description:
    'A literal, secret-looking value (length, character classes, entropy; not a placeholder, reference, identifier, path, URL, number or GUID) assigned to a key named like a password, secret, token, API/access key or a connection string with a password.',
  severity: 'high',
  confidence: 'medium',
  priority: 10,
  keywords: ['pass', 'pwd', 'pw', 'secret', 'key', 'token', 'pat', 'credential', 'creds', 'connectionstring', 'connection_string', 'connstr', 'string'],
  matchesKey: (key) => secretKeyKind(key) !== undefined,
  acceptsValue: (value, key, place) => {
    const kind = secretKeyKind(key);
    return kind !== undefined && looksLikeSecretValue(value, key, kind, place);
  },
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      { key: 'password', value: generatePassword(81, 12) },
      { key: 'DB_PASSWORD', value: generatePassword(82, 10) },
      { key: 'ClientSecret', value: generateBase64Key(24, 83) },
      { key: 'client_secret', value: generatePassword(84, 32) },
      { key: 'apiKey', value: generateTwilioAuthToken(85) },
      { key: 'SECRET_KEY', value: generateBase64Key(32, 86, true) },
      { key: 'access_key', value: generatePassword(87, 24) },
      { key: 'GITHUB_TOKEN', value: generateBase64Key(30, 88) },
      { key: 'ConnectionString', value: `Server=db;Database=app;User Id=app;Password=${generatePassword(89, 12)}` },
      { key: 'pwd', value: generatePassword(90, 7) },
    ],
    negative: [
      { key: 'keyName', value: generateBase64Key(24, 91) },
      { key: 'publicKey', value: generateBase64Key(32, 92) },
      { key: 'keyVaultName', value: 'contoso-kv' },
      { key: 'KeyId', value: generateBase64Key(24, 93) },
      { key: 'primaryKey', value: 'id' },
      { key: 'passwordPolicy', value: generatePassword(94, 12) },
      { key: 'tokenType', value: 'Bearer' },
      { key: 'password', value: 'password' },
      { key: 'password', value: 'true' },
      { key: 'password', value: 'Enter your password here' },
      { key: 'password', value: 'abc' },
      { key: 'password', value: 'aaaaaaaa' },
      { key: 'ClientSecret', value: '@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/app/)' },
      { key: 'ClientSecret', value: '11111111-2222-3333-4444-555555555555' },
      { key: 'ClientSecret', value: 'myClientSecretValue' },
      { key: 'client_secret', value: 'client-secret' },
      { key: 'apiKey', value: 'process.env.API_KEY' },
      { key: 'apiKey', value: '${API_KEY}' },
      { key: 'token', value: 'AST_TOKEN_TYPES.Identifier' },
      { key: 'secretKey', value: './certs/secret.pem' },
      { key: 'token', value: 'https://login.microsoftonline.com/common/oauth2/token' },
      { key: 'SECRET_KEY', value: '12345678901234567890' },
      { key: 'ConnectionString', value: 'Server=db;Database=app;Authentication=Active Directory Default' },
      { key: 'nextToken', value: generateBase64Key(24, 95) },
    ],
  }),
};
