import {
  generateEntraClientSecret,
  generateIdentifiableKey,
  generatePassword,
  generateSasUrl,
  generateStorageConnectionString,
} from '@keyless/scanner/detectors';
import rule from '../../src/rules/no-hardcoded-credentials.js';
import { cjs, createRuleTester, esm, ts } from '../rule-tester.js';

// Fake secrets, generated at run time with valid checksums (never literals in this file).
const storageKey = generateIdentifiableKey('storage', 1); // 88 chars
const entraSecret = generateEntraClientSecret(1); // 40 chars
const connectionString = generateStorageConnectionString(1); // AccountKey value: 88 chars at offset 66
const sasUrl = generateSasUrl(1);
const password = generatePassword(1); // 16 chars
/** The storage key with its `+` written as a unicode escape: the literal's raw text differs from its value. */
const escapedStorageKey = storageKey.replace('+', '\\u002B');
/** Same shape, one character changed: the checksum fails. */
const lookAlike = (storageKey[0] === 'A' ? 'B' : 'A') + storageKey.slice(1);

/** The connection string base64-encoded, and percent-encoded whole: only its decoding holds the key. */
const base64Connection = btoa(connectionString);
const percentConnection = encodeURIComponent(connectionString);
/** A password with `@` and `/` in it, percent-encoded as a URL's user-info must be. */
const encodedUrlPassword = encodeURIComponent(`${password}@/`);

const ruleTester = createRuleTester();
const encodedSecret = 'encodedSecret' as const;
const hardcodedSecret = 'hardcodedSecret' as const;
const secretAssignment = 'secretAssignment' as const;

ruleTester.run('no-hardcoded-credentials', rule, {
  valid: [
    // Placeholders, references and identifiers (design.md §3.4).
    esm('export const p = { password: "changeme", apiKey: "your-api-key-here", secret: "${SECRET}", pwd: "" };'),
    ts('export const clientSecret = "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/app-secret/)";'),
    cjs('module.exports = { storage: "UseDevelopmentStorage=true", clientId: "0d3f1a6e-8f7b-4c2e-9a51-3c8e2b7d4f10" };'),
    ts('const clientSecret = process.env.AZURE_CLIENT_SECRET!;', 'export default clientSecret;'),
    // A look-alike of an identifiable key whose checksum fails, under a name that is not secret-like.
    esm(`export const blob = "${lookAlike}";`),
    // A literal compared with, not assigned to, a secret-named variable.
    esm(`if (password === "${password}") deny();`),
    // Severity threshold and assignment checks are options.
    { ...esm(`export const url = "${sasUrl}";`), options: [{ minSeverity: 'critical' }] },
    { ...esm(`export const dbPassword = "${password}";`), options: [{ checkAssignments: false }] },
    // Base64 of ordinary text, and of an image: decoded (or not), nothing secret in it.
    esm(`export const banner = "${btoa('Welcome to the orders service, version two')}";`),
    esm(`export const pixel = "${btoa(String.fromCharCode(137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13))}";`),
  ],
  invalid: [
    {
      // An identifiable key in a TS string literal: the secret's own span is reported.
      ...ts(`export const key = "${storageKey}";`),
      output: null,
      errors: [
        {
          messageId: hardcodedSecret,
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 109,
        },
      ],
    },
    {
      // An Entra client secret in an object (ESM, single quotes).
      ...esm(`const c = { auth: { clientSecret: '${entraSecret}' } };`),
      output: null,
      errors: [{ messageId: hardcodedSecret, line: 1, column: 36, endLine: 1, endColumn: 76 }],
    },
    {
      // A connection string in a template literal (CommonJS): the AccountKey value is reported.
      ...cjs('const conn = `' + connectionString + '`;', 'module.exports = conn;'),
      output: null,
      errors: [{ messageId: hardcodedSecret, line: 1, column: 81, endLine: 1, endColumn: 169 }],
    },
    {
      // The key in the quasi after an interpolation.
      ...ts('declare const account: string;', 'export const cs = `AccountName=${account};AccountKey=' + storageKey + '`;'),
      output: null,
      errors: [{ messageId: hardcodedSecret, line: 2, column: 54, endLine: 2, endColumn: 142 }],
    },
    {
      // A SAS URL: the sig= value.
      ...esm(`export const url = "${sasUrl}";`),
      output: null,
      errors: [
        {
          messageId: hardcodedSecret,
          line: 1,
          column: 20 + sasUrl.indexOf('sig=') + 4 + 1,
          endLine: 1,
          endColumn: 20 + sasUrl.length + 1,
        },
      ],
    },
    {
      // A literal with an escape sequence: its value is scanned and the whole literal reported.
      ...esm(`export const key = "${escapedStorageKey}";`),
      output: null,
      errors: [{ messageId: hardcodedSecret, line: 1, column: 20, endLine: 1, endColumn: 115 }],
    },
    {
      // Secret-named variable, environment fallback, parameter default, class field, member assignment.
      ...ts(
        `export const dbPassword = "${password}";`,
        `export const sqlPassword = process.env.DB_PASSWORD ?? "${password}";`,
        `export function connect(password = "${password}") { return password; }`,
        `export class Settings { clientSecret = "${password}"; }`,
        `declare const config: { apiSecret: string };`,
        `config.apiSecret = "${password}";`,
      ),
      output: null,
      errors: [
        { messageId: secretAssignment, line: 1, column: 27, endLine: 1, endColumn: 45 },
        { messageId: secretAssignment, line: 2, column: 55, endLine: 2, endColumn: 73 },
        { messageId: secretAssignment, line: 3, column: 36, endLine: 3, endColumn: 54 },
        { messageId: secretAssignment, line: 4, column: 40, endLine: 4, endColumn: 58 },
        { messageId: secretAssignment, line: 6, column: 20, endLine: 6, endColumn: 38 },
      ],
    },
    {
      // A connection string base64-encoded, percent-encoded, and in a template literal: the whole
      // literal is reported, the message names the encoding.
      ...ts(
        `export const blob = "${base64Connection}";`,
        `export const setupUrl = "https://contoso.com/setup?conn=${percentConnection}";`,
        `export const blob2 = \`${base64Connection}\`;`,
      ),
      output: null,
      errors: [
        { messageId: encodedSecret, line: 1, column: 21, endLine: 1, endColumn: 23 + base64Connection.length },
        { messageId: encodedSecret, line: 2, column: 25, endLine: 2, endColumn: 27 + 'https://contoso.com/setup?conn='.length + percentConnection.length },
        { messageId: encodedSecret, line: 3, column: 22, endLine: 3, endColumn: 24 + base64Connection.length },
      ],
    },
    {
      // A URL whose user-info password is percent-encoded: reported on the password's encoded
      // characters, the message names the encoding.
      ...ts(`export const dbUrl = "postgres://app:${encodedUrlPassword}@db.contoso.com/orders";`),
      output: null,
      errors: [
        {
          messageId: encodedSecret,
          data: { title: 'Password in a URL', encoding: 'percent', severity: 'high', id: 'url-credentials', hint: 'Remove the credentials from the URL.' },
          line: 1,
          column: 38,
          endLine: 1,
          endColumn: 38 + encodedUrlPassword.length,
        },
      ],
    },
    {
      // CommonJS config object with a secret-named property.
      ...cjs(`module.exports = { db: { host: "sql.contoso.net", password: "${password}" } };`),
      output: null,
      errors: [{ messageId: secretAssignment, line: 1, column: 61, endLine: 1, endColumn: 79 }],
    },
  ],
});
