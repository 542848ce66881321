import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isNotSecret, whyNotSecret } from '../../src/detect/not-secrets.js';
import {
  generateBase64Key,
  generateDevOpsPat,
  generateEntraClientSecret,
  generateEntraLegacySecret,
  generateGithubToken,
  generateIdentifiableKey,
  generateJwt,
  generatePassword,
  generateSendGridKey,
  generateStorageConnectionString,
  generateStripeKey,
} from '../../src/detect/examples/generate.js';
import { IDENTIFIABLE_FAMILIES } from '../../src/detect/checksums/identifiable-keys.js';
import { fake } from '../formats/helpers.js';

/** Every value must be classified with `reason`. */
function expectReason(reason: string, values: readonly string[]): void {
  for (const v of values) assert.equal(whyNotSecret(v), reason, `${JSON.stringify(v)} should be "${reason}"`);
}

const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSR' + 'Z6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='; // keyless-ignore -- public emulator key

describe('isNotSecret / whyNotSecret: classes of non-secrets', () => {
  test('empty and whitespace', () => expectReason('empty', ['', '   ', '\t\n']));

  test('Key Vault references', () =>
    expectReason('Key Vault reference', [
      '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)',
      '@Microsoft.KeyVault(VaultName=kv;SecretName=db)',
      '@microsoft.keyvault(VaultName=kv;SecretName=db;SecretVersion=1)',
    ]));

  test('development storage: UseDevelopmentStorage, the Azurite key and account', () =>
    expectReason('development storage (Azurite)', [
      'UseDevelopmentStorage=true',
      'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1',
      AZURITE_KEY,
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
      'http://127.0.0.1:10000/devstoreaccount1',
    ]));

  test('variable references', () =>
    expectReason('variable reference', [
      '${DB_PASSWORD}',
      '${{ secrets.CLIENT_SECRET }}',
      '$(ClientSecret)',
      '{{ .Values.password }}',
      '{{password}}',
      '%DB_PASSWORD%',
      'process.env.CLIENT_SECRET',
      "ENV['CLIENT_SECRET']",
      'os.Getenv("CLIENT_SECRET")',
      "process.env['CLIENT_SECRET']",
      '#{ClientSecret}#',
      '#{ClientSecret}',
      '__ClientSecret__',
      '$DB_PASSWORD',
      '$env:DB_PASSWORD',
      "env('DB_PASSWORD')",
      'os.getenv("DB_PASSWORD")',
      'Server=tcp:x.database.windows.net;Password=${SQL_PASSWORD};',
      "[parameters('adminPassword')]",
    ]));

  test('placeholders', () =>
    expectReason('placeholder', [
      '<your-client-secret>',
      '<storage account key>',
      'AccountKey=<key>',
      'changeme',
      'CHANGE_ME',
      'your-api-key-here',
      'your_password',
      'YourStrong!Passw0rd',
      'xxxx',
      'XXXXXXXXXXXXXXXX',
      'abcxxxxxdef',
      '****',
      'abc***',
      '...',
      'sk-...',
      '<redacted>',
      'REDACTED',
      'example-secret',
      'dummy',
      'sample-key',
      'placeholder',
      'replace-with-real-key',
      'insert_your_key',
      '-----',
    ]));

  test('trivial values', () =>
    expectReason('trivial value', ['password', 'Secret', 'PASSWORD', 'test', 'testing', 'test123', 'test-password', 'testsecret', 'mytestkey', 'fake_token', 'null', 'undefined', 'true', 'aaaaaaaa', '00000000']));

  test('GUIDs are identifiers', () =>
    expectReason('GUID (an identifier)', ['72f988bf-86f1-41af-91ab-2d7cd011db47', '{72F988BF-86F1-41AF-91AB-2D7CD011DB47}']));

  test('git SHAs under a non-credential key', () => assert.equal(whyNotSecret('3f786850e387550fdab836ed7e6dc881de23001b', 'commit'), 'git commit SHA'));

  test('40 hex chars under a credential-named key are not dismissed as a commit SHA', () => {
    const hex = fake(9, 40, '0123456789abcdef');
    assert.equal(whyNotSecret(hex), undefined, 'without a key the detector that found it decides');
    assert.equal(whyNotSecret(hex, 'commit'), 'git commit SHA');
    assert.equal(whyNotSecret(hex, 'github_token_sha'), 'git commit SHA');
    assert.equal(whyNotSecret(hex, 'oauth_token'), undefined);
    assert.equal(isNotSecret(hex, 'API_KEY'), false);
  });

  test('lockfile and content hashes', () =>
    expectReason('integrity hash', [
      `sha512-${generateBase64Key(64, 1)}`,
      `sha1-${generateBase64Key(20, 2)}`,
      `sha256:${'ab12'.repeat(16)}`,
    ]));

  test('inline images', () => expectReason('inline image', ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', 'data:font/woff2;base64,d09GMgABAAAAA']));

  test('isNotSecret agrees with whyNotSecret', () => {
    assert.equal(isNotSecret('changeme'), true);
    assert.equal(isNotSecret(fake(7, 24)), false);
  });
});

describe('isNotSecret: real-looking secrets are never filtered', () => {
  test('generated keys of every Azure identifiable family, Entra secrets, DevOps PATs, third-party tokens', () => {
    const values: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      for (const f of IDENTIFIABLE_FAMILIES) values.push(generateIdentifiableKey(f, seed));
      values.push(
        generateEntraClientSecret(seed),
        generateEntraLegacySecret(seed),
        generateDevOpsPat(seed),
        generateGithubToken('ghp', seed),
        generateStripeKey(seed),
        generateSendGridKey(seed),
        generateJwt(seed),
        generatePassword(seed),
        generateBase64Key(64, seed),
        generateStorageConnectionString(seed),
      );
    }
    for (const v of values) assert.equal(whyNotSecret(v), undefined, `${v} was filtered`);
  });

  test('5000 random values in the alphabets secrets are made of', () => {
    const alphabets = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      '0123456789abcdef',
      '0123456789ABCDEF',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_=+[]{};:,.?',
    ];
    let checked = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const alphabet = alphabets[seed % alphabets.length] as string;
      const length = 16 + (seed % 72);
      const v = fake(1000 + seed, length, alphabet);
      if (length === 40 && /^[0-9a-f]+$/.test(v)) continue; // a git SHA by shape
      assert.equal(whyNotSecret(v), undefined, `${JSON.stringify(v)} was filtered`);
      checked++;
    }
    assert.ok(checked > 4900);
  });

  test('ordinary human-chosen passwords are not filtered', () => {
    for (const v of ['Summer2024!', 'P@ssw0rd-Prod-17', 'correct horse battery staple', 'hunter2', 'Tr0ub4dor&3'])
      assert.equal(whyNotSecret(v), undefined, v);
  });
});
