/**
 * Issue 15, item 4 and the key-name contexts: SQL connection-string passwords are read whole (never
 * cut at `&`, quoted and braced values included), typed placeholder sequences are not secrets,
 * Algolia search-only keys are public, key names with a suffix after the secret word count, and an
 * Azure Files storage key in a Kubernetes Secret (`azurestorageaccountkey`, base64 `data:` or plain
 * `stringData:`) is found.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { generateLegacyAccountKey, generatePassword } from '../../src/detect/examples/generate.js';
import { secretKeyKind } from '../../src/detect/key-names.js';
import { isNotSecret } from '../../src/detect/not-secrets.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);
const found = (text: string): [string, string][] => engine.scanText(text).map((m) => [m.detector.id, text.slice(m.start, m.end)]);
const SQL = 'sql-connection-string-password';

describe('SQL connection-string passwords are read whole', () => {
  const pw = generatePassword(151, 14);
  const a = pw.slice(0, 6);
  const b = pw.slice(6);
  test('a password containing & is not cut (and no half of it is left in clear)', () => {
    assert.deepEqual(found(`Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password=${a}&${b};Encrypt=True;`), [[SQL, `${a}&${b}`]]);
  });
  test('in a URL-style JDBC string, & still separates the parameters', () => {
    assert.deepEqual(found(`jdbc:postgresql://db.contoso.com:5432/orders?user=app&password=${pw}&ssl=true`), [[SQL, pw]]);
  });
  test("single- and double-quoted passwords with ; inside", () => {
    assert.deepEqual(found(`Server=contoso;Database=orders;User ID=app;Password='${a};${b}';`), [[SQL, `${a};${b}`]]);
    assert.deepEqual(found(`Server=contoso;Database=orders;User ID=app;Password="${a};${b}";`), [[SQL, `${a};${b}`]]);
  });
  test('ODBC braced passwords, with }} escapes', () => {
    assert.deepEqual(found(`Driver={ODBC Driver 18 for SQL Server};Server=contoso;Uid=app;Pwd={${a};${b}};`), [[SQL, `${a};${b}`]]);
    assert.deepEqual(found(`Driver={ODBC Driver 18 for SQL Server};Server=contoso;Uid=app;Pwd={${a}}}${b}};`), [[SQL, `${a}}}${b}`]]);
  });
  test('code concatenating a variable after Password=" is not a password', () => {
    assert.deepEqual(found('var cs = "Server=contoso;Database=orders;User ID=app;Password=" + password + ";";'), []);
  });
});

describe('placeholders are not secrets', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  test('typed sequences', () => {
    for (const v of [`sk_${letters}123`, `dapi${'1234567890'.repeat(3)}ab`, `${'1234567890'}abcdef${'1234567890'}abcdef`, `ghp_${letters.toUpperCase()}0123456789`]) {
      assert.equal(isNotSecret(v), true, v);
    }
  });
  test('generated tokens are not mistaken for sequences', () => {
    for (let seed = 1; seed < 200; seed++) assert.equal(isNotSecret(generatePassword(seed, 32)), false);
  });
  test('placeholder tokens with a provider prefix are not findings', () => {
    assert.deepEqual(found(`DATABRICKS_TOKEN=dapi${'0123456789abcdef'.repeat(2)}`), []);
    assert.deepEqual(found(`STRIPE_SECRET_KEY=sk_live_${letters}0123`), []);
  });
});

describe('Algolia search-only keys are public', () => {
  const key = generatePassword(152, 32).replace(/[^A-Za-z0-9]/g, 'a');
  const ids = (path: string, text: string): string[] => scanContent(text, path, engine).matches.map((m) => m.match.detector.id);
  test('apiKey in an algolia / docsearch config, ALGOLIA_SEARCH_KEY', () => {
    assert.deepEqual(ids('docusaurus.config.js', `module.exports = {\n  themeConfig: {\n    algolia: {\n      appId: 'X1',\n      apiKey: '${key}',\n    },\n  },\n};\n`), []);
    assert.deepEqual(ids('search.js', `docsearch({ appId: 'X1', apiKey: '${key}', indexName: 'docs' });\n`), []);
    assert.deepEqual(ids('.env', `ALGOLIA_SEARCH_API_KEY=${key}\n`), []);
  });
  test('Algolia admin keys and unrelated api keys are still findings', () => {
    assert.deepEqual(ids('settings.json', `{ "algolia": { "adminApiKey": "${key}" } }\n`), ['generic-secret-assignment']);
    assert.deepEqual(ids('settings.json', `{ "payments": { "apiKey": "${key}" } }\n`), ['generic-secret-assignment']);
  });
});

describe('key names with a suffix after the secret word', () => {
  test('DB_PASSWORD_PROD, API_KEY_V2, CLIENT_SECRET_STAGING, azurestorageaccountkey', () => {
    assert.equal(secretKeyKind('DB_PASSWORD_PROD'), 'password');
    assert.equal(secretKeyKind('API_KEY_V2'), 'key');
    assert.equal(secretKeyKind('CLIENT_SECRET_STAGING'), 'secret');
    assert.equal(secretKeyKind('github_token_old'), 'token');
    assert.equal(secretKeyKind('azurestorageaccountkey'), 'key');
  });
  test('but not names whose secret word is not last before the suffix', () => {
    assert.equal(secretKeyKind('PASSWORD_POLICY_V2'), undefined);
    assert.equal(secretKeyKind('KEY_V2'), undefined);
    assert.equal(secretKeyKind('resetPassword_v2'), undefined);
  });
});

describe('Azure Files storage key in a Kubernetes Secret', () => {
  const key = generateLegacyAccountKey(153);
  test('stringData (plain) is reported as a storage key', () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: azure-files\nstringData:\n  azurestorageaccountname: contosodata\n  azurestorageaccountkey: ${key}\n`;
    const m = scanContent(text, 'k8s/azure-files.yaml', engine).matches;
    assert.deepEqual(m.map((x) => [x.match.detector.id, x.line, x.match.secret]), [['azure-storage-key-parameter', 7, key]]);
  });
  test('data (base64) is reported at the encoded value, under the same rule as in clear', () => {
    const encoded = btoa(key);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: azure-files\ndata:\n  azurestorageaccountname: Y29udG9zbw==\n  azurestorageaccountkey: ${encoded}\n`;
    const m = scanContent(text, 'k8s/azure-files.yaml', engine).matches;
    assert.deepEqual(m.map((x) => [x.match.detector.id, x.line, x.column, x.encoding, x.match.secret]), [['azure-storage-key-parameter', 7, 27, 'base64', key]]);
  });
});
