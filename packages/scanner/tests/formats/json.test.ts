import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jsonReader } from '../../src/formats/json.js';
import { at, fake, fakeToken, scan } from './helpers.js';

const pw = fake(1);
const pw2 = fake(2);

describe('json reader', () => {
  test('appsettings.json (JSONC): nested key path, comments, trailing commas, exact position', () => {
    const text = `{
  // Entra app registration
  "AzureAd": {
    "ClientId": "00000000-0000-0000-0000-000000000000",
    "ClientSecret": "${pw}", /* inline */
  },
}
`;
    assert.deepEqual(scan('src/appsettings.Development.json', text), {
      findings: [at('test-password', 'AzureAd:ClientSecret', pw, 5, 22)],
    });
  });

  test('a value with JSON escapes is transformed: decoded secret, range over the raw text', () => {
    const text = `{ "Db": { "Password": "${pw}\\"\\u0041" } }`;
    const { findings } = scan('appsettings.json', text);
    assert.deepEqual(findings, [
      { rule: 'test-password', key: 'Db:Password', secret: `${pw}"A`, line: 1, column: 24, endLine: 1, endColumn: 24 + pw.length + 8 },
    ]);
    const candidate = jsonReader.read(text, 'appsettings.json').candidates.find((c) => c.key === 'Password');
    assert.equal(candidate?.transformed, true);
  });

  test('strings in arrays take the parent key', () => {
    const text = `{"Secrets": ["${pw}", "${pw2}"]}`;
    assert.deepEqual(scan('config.json', text).findings, [
      at('test-password', 'Secrets', pw, 1, 15),
      at('test-password', 'Secrets', pw2, 1, 19 + pw.length),
    ]);
  });

  test('local.settings.json Values', () => {
    const text = `{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "node",
    "SqlPassword": "${pw}"
  }
}`;
    assert.deepEqual(scan('api/local.settings.json', text).findings, [at('test-password', 'Values:SqlPassword', pw, 5, 21)]);
  });

  test('ARM parameters: keyed by the parameter name; a Key Vault reference is not a value', () => {
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {
    "adminPassword": { "value": "${pw}" },
    "sqlPassword": {
      "reference": {
        "keyVault": { "id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" },
        "secretName": "sqlSecretPassword"
      }
    }
  }
}`;
    assert.deepEqual(scan('infra/main.parameters.json', text).findings, [at('test-password', 'parameters:adminPassword', pw, 4, 34)]);
  });

  test('ARM template defaultValue is keyed by the parameter name', () => {
    const text = `{"parameters": {"vmPassword": {"type": "securestring", "defaultValue": "${pw}"}}}`;
    assert.deepEqual(scan('azuredeploy.json', text).findings, [at('test-password', 'parameters:vmPassword', pw, 1, 73)]);
  });

  test('[{ "name": ..., "value": ... }] settings lists are keyed by name', () => {
    const text = `[\n  { "name": "DbPassword", "value": "${pw}", "slotSetting": false }\n]`;
    assert.deepEqual(scan('appsettings-export.json', text).findings, [at('test-password', 'DbPassword', pw, 2, 37)]);
  });

  test('a pattern match inside a string value learns its key', () => {
    const tok = fakeToken(3);
    const text = `{ "Webhook": { "Url": "https://example.test/hook?t=${tok}" } }`;
    assert.deepEqual(scan('settings.json', text).findings, [at('test-token', 'Webhook:Url', tok, 1, 52)]);
  });

  test('malformed JSON: falls back to text with a one-line warning, findings still reported', () => {
    const text = `{\n  "Password": "${pw}"\n  "Other": 1\n}`;
    assert.deepEqual(scan('appsettings.json', text), {
      findings: [at('test-password', 'Password', pw, 2, 16)],
      warning: 'appsettings.json: could not be read as json (CommaExpected at line 3, column 3); scanned as plain text',
    });
    assert.throws(() => jsonReader.read(text, 'appsettings.json'), /CommaExpected at line 3, column 3/);
  });

  test('data: URIs inside JSON are skipped', () => {
    const tok = fakeToken(6);
    const text = `{"icon": "data:image/png;base64,${tok}AAAA==", "Password": "${pw}"}`;
    assert.deepEqual(scan('manifest.json', text).findings, [at('test-password', 'Password', pw, 1, 55 + tok.length)]);
  });
});
