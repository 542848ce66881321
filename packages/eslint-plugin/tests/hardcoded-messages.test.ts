/**
 * The hardcoded-credentials messages: severity, title and id come from the detector, the secret itself
 * never appears (not even partly).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linter } from 'eslint';
import { generateEntraClientSecret, generateIdentifiableKey, generatePassword } from '@keyless/scanner/detectors';
import plugin from '../src/index.js';

const linter = new Linter({ configType: 'flat' });
const config = [{ files: ['**/*.js'], plugins: { keyless: plugin }, rules: { 'keyless/no-hardcoded-credentials': 'error' as const } }];

test('pattern findings name the detector and never echo the secret', () => {
  const key = generateIdentifiableKey('cosmos', 3);
  const secret = generateEntraClientSecret(4);
  const messages = linter.verify(`const a = "${key}";\nconst b = "${secret}";`, config, { filename: 'a.js' });
  assert.deepEqual(
    messages.map((m) => [m.line, m.message.split('.')[0]]),
    [
      [1, 'Hardcoded Azure Cosmos DB key (critical, keyless azure-cosmosdb-key)'],
      [2, 'Hardcoded Entra ID client secret (critical, keyless azure-entra-client-secret)'],
    ],
  );
  for (const m of messages) {
    assert.ok(!m.message.includes(key.slice(0, 8)) && !m.message.includes(secret.slice(0, 8)), m.message);
  }
});

test('assignment findings name the key and never echo the value', () => {
  const value = generatePassword(7);
  const [m, ...rest] = linter.verify(`const smtpPassword = "${value}";`, config, { filename: 'a.js' });
  assert.equal(rest.length, 0);
  assert.match(m!.message, /^Hardcoded secret assigned to "smtpPassword": .* \(high, keyless generic-secret-assignment\)\./);
  assert.ok(!m!.message.includes(value.slice(0, 6)));
});

test('encoded findings name the encoding and echo neither the secret nor its encoded form', () => {
  const key = generateIdentifiableKey('storage', 5);
  const encoded = btoa(`DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`);
  const messages = linter.verify(`const blob = "${encoded}";`, config, { filename: 'a.js' });
  assert.deepEqual(
    messages.map((m) => [m.line, m.column, m.message.split('.')[0]]),
    [[1, 14, 'Hardcoded Azure Storage account key, base64-encoded (critical, keyless azure-storage-account-key)']],
  );
  for (const m of messages) assert.ok(!m.message.includes(key.slice(0, 8)) && !m.message.includes(encoded.slice(0, 8)), m.message);
});
