/** Key-name and value judgement of generic-secret-assignment, case by case. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { generateBase64Key, generatePassword } from '../../src/detect/examples/generate.js';
import { keyWords, secretKeyKind } from '../../src/detect/key-names.js';
import { isIdentifierWords, isWordy, looksLikeSecretValue, shannonEntropy } from '../../src/detect/secret-values.js';

describe('key names', () => {
  test('keyWords splits every naming style', () => {
    assert.deepEqual(keyWords('AzureAd:ClientSecret'), ['azure', 'ad', 'client', 'secret']);
    assert.deepEqual(keyWords('APIKey'), ['api', 'key']);
    assert.deepEqual(keyWords('DB_PASSWORD'), ['db', 'password']);
    assert.deepEqual(keyWords('x-api-key'), ['x', 'api', 'key']);
  });

  const secretKeys: Record<string, string> = {
    password: 'password', passwd: 'password', pwd: 'password', DB_PASSWORD: 'password', 'spring.datasource.password': 'password',
    ClientSecret: 'secret', client_secret: 'secret', AZURE_CLIENT_SECRET: 'secret',
    apiKey: 'key', api_key: 'key', AccountKey: 'key', SECRET_KEY: 'key', access_key: 'key', 'Ocp-Apim-Subscription-Key': 'key', masterKey: 'key', apikey: 'key',
    token: 'token', GITHUB_TOKEN: 'token', accessToken: 'token', refresh_token: 'token',
    ConnectionString: 'connection-string', 'ConnectionStrings:Default': 'connection-string'.slice(0, 0),
  };
  for (const [key, kind] of Object.entries(secretKeys)) {
    if (kind === '') continue;
    test(`${key} is a ${kind} key`, () => assert.equal(secretKeyKind(key), kind));
  }
  for (const key of ['keyName', 'publicKey', 'keyVaultName', 'KeyId', 'primaryKey', 'partitionKey', 'passwordPolicy', 'tokenType', 'nextToken', 'secretName', 'key', 'tokens', 'cacheKey', 'i18nKey', 'passwordMinLength', 'firstToken', 'closingToken', 'resetPassword', 'showPassword']) {
    test(`${key} is not a secret key`, () => assert.equal(secretKeyKind(key), undefined));
  }
});

describe('values', () => {
  test('entropy', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });
  test('identifier words', () => {
    for (const v of ['myClientSecretValue', 'client-secret', 'Bearer', 'SOME_CONSTANT_NAME', 'foo.bar.baz', 'packages:node_modules/b:resolved', 'packages:a@1.0.0:resolution:integrity', 'abc#keyless-ignore']) {
      assert.equal(isIdentifierWords(v), true, v);
    }
    for (const v of ['aZkQpLmWxYrT', 'hunter22', 'x9Z1l0s0Zz1', 'P@ssw0rd!', 'deadbeef1234']) assert.equal(isIdentifierWords(v), false, v);
  });
  test('wordy values', () => {
    assert.equal(isWordy('ThisIsAnAccessT0ken'), true);
    assert.equal(isWordy('thisIsARefreshT0ken'), true);
    for (let seed = 1; seed <= 50; seed++) {
      assert.equal(isWordy(generatePassword(seed, 20)), false);
      assert.equal(isWordy(generateBase64Key(24, seed)), false);
    }
  });
  test('accepted: generated passwords and keys', () => {
    assert.ok(looksLikeSecretValue(generatePassword(1, 8), 'password', 'password'));
    assert.ok(looksLikeSecretValue(generateBase64Key(32, 1), 'apiKey', 'key'));
    assert.ok(looksLikeSecretValue('Server=db;User Id=app;Password=' + generatePassword(2, 10), 'ConnectionString', 'connection-string'));
  });
  const rejected: [string, string][] = [
    ['password', 'hello world secret'],
    ['password', 'getPassword()'],
    ['password', 'short'],
    ['password', 'false'],
    ['password', '1234567890'],
    ['apiKey', 'config.auth.apiKey'],
    ['apiKey', '/etc/keys/api.key'],
    ['apiKey', 'https://example.com/api'],
    ['apiKey', '11111111-2222-3333-4444-555555555555'],
    ['secret', '#ff00ff'],
    ['token', 'AST_NODE_TYPES.Identifier'],
    ['token', 'ab'.repeat(10)],
    ['password', '{{ .Values.password }}'],
    ['password', '%DB_PASSWORD%'],
    ['clientSecret', 'your-client-secret-here'],
    ['test-password', 'DB_PASSWORD'],
    ['password', 'db:password'],
    ['secret', 'db_secret'],
    ['ACCESS_TOKEN', 'ThisIsAnAccessT0ken'],
    ['resetPassword', 'B2C_1_reset'],
  ];
  for (const [key, value] of rejected) {
    test(`rejected: ${key} = ${JSON.stringify(value)}`, () => {
      assert.equal(createEngine(catalog).judgeAssignment(key, value), undefined);
    });
  }
});

describe('config values and code values', () => {
  const engine = createEngine(catalog);
  test('a config file password made of words is a password; the same text in code is a name', () => {
    // robomongo.json: "sshUserPassword": "roboMongoSSHPass"
    assert.equal(engine.judgeAssignment('sshUserPassword', 'roboMongoSSHPass', 'config')?.id, 'generic-secret-assignment');
    assert.equal(engine.judgeAssignment('sshUserPassword', 'roboMongoSSHPass', 'code'), undefined);
    assert.equal(engine.judgeAssignment('sshUserPassword', 'roboMongoSSHPass'), undefined);
  });
  test('only password keys are relaxed in config: secrets, tokens and keys keep their rules', () => {
    assert.equal(engine.judgeAssignment('ClientSecret', 'MyClientSecretValue', 'config'), undefined);
    assert.equal(engine.judgeAssignment('ACCESS_TOKEN', 'ThisIsAnAccessToken', 'config'), undefined);
  });
  const stillRejected: [string, string][] = [
    ['POSTGRES_PASSWORD', 'Postgres'], // one word: a product default, not a chosen password
    ['password', 'Milvus'],
    ['password', 'Swordfish'],
    ['password', 'Required'],
    ['MYSQL_PASSWORD', 'wordpress'], // one character class: sample compose files
    ['DB_PASSWORD', 'DbPassword'], // repeats the key
    ['password', 'UserPassword'], // names a secret
    ['password', '${DB_PASSWORD}'],
    ['password', 'changeme'],
  ];
  for (const [key, value] of stillRejected) {
    test(`config rejected: ${key} = ${JSON.stringify(value)}`, () => assert.equal(engine.judgeAssignment(key, value, 'config'), undefined));
  }
});
