/**
 * Credential forms a gitleaks user expects to be caught, end to end through `scanContent` with the
 * whole catalog (exact rule, line and column), and the weak-but-real vs placeholder password line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { generatePassword } from '../../src/detect/examples/generate.js';
import { generateBasicAuth, generateHex, generatePasswordHash, generatePuttyKey, generateUuid } from '../../src/detect/examples/generate-credentials.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);

/** `rule line:column` of every finding of `text` read as `path`. */
function found(text: string, path: string): string[] {
  return scanContent(text, path, engine).matches.map((m) => `${m.match.detector.id} ${m.line}:${m.column}`);
}

describe('credential files', () => {
  test('.htpasswd and shadow lines: password-hash at the hash', () => {
    const apr1 = generatePasswordHash('apr1', 11);
    const sha512 = generatePasswordHash('sha512-crypt', 12);
    assert.deepEqual(found(`admin:${apr1}\n`, 'public/.htpasswd'), ['password-hash 1:7']);
    assert.deepEqual(found(`root::17431:0:99999:7:::\nubuntu:${sha512}:0:99999:7:::\n`, 'etc/shadow'), ['password-hash 2:8']);
  });

  test('.netrc: the password of a multi-line entry', () => {
    const pw = generatePassword(13, 14);
    assert.deepEqual(found(`machine ftp.contoso.com\n  login ops\n  password ${pw}\n`, '.netrc'), ['netrc-password 3:12']);
    assert.deepEqual(found('machine ftp.contoso.com login ops password password\n', '.netrc'), []);
  });

  test('.npmrc: _auth and a legacy UUID _authToken', () => {
    const auth = generateBasicAuth(14);
    const text = `always-auth=true\n_auth = ${auth}\n//registry.npmjs.org/:_authToken=${generateUuid(15)}\n`;
    assert.deepEqual(found(text, '.npmrc'), ['npmrc-auth 2:9', 'npmrc-auth-token 3:23']);
  });

  test('docker config.json: auth of user:password, not a placeholder pair', () => {
    const text = `{\n  "auths": {\n    "contoso.azurecr.io": { "auth": "${generateBasicAuth(16, 'ci')}" }\n  }\n}\n`;
    assert.deepEqual(found(text, '.docker/config.json'), ['docker-config-auth 3:38']);
    const placeholder = Buffer.from('user:password').toString('base64');
    assert.deepEqual(found(`{"auths": {"r": {"auth": "${placeholder}"}}}`, '.docker/config.json'), []);
  });

  test('PuTTY key: the private lines, once', () => {
    const key = generatePuttyKey(17);
    const privateLine = key.split('\n').findIndex((l) => l.startsWith('Private-Lines:')) + 2;
    assert.deepEqual(found(key, 'keys/deploy.ppk'), [`putty-private-key ${privateLine}:1`]);
  });

  test('Rails config/master.key and secrets.yml secret_key_base', () => {
    assert.deepEqual(found(`${generateHex(18, 32)}\n`, 'config/master.key'), ['generic-secret-assignment 1:1']);
    assert.deepEqual(found(`${generateHex(19, 32)}\n`, 'certs/server.key'), []);
    assert.deepEqual(found(`production:\n  secret_key_base: ${generateHex(20, 128)}\n`, 'config/secrets.yml'), ['framework-secret-key 2:20']);
  });

  test('.pgpass: the password field, unless it is a placeholder', () => {
    const pw = generatePassword(23, 12);
    assert.deepEqual(found(`# hostname:port:database:username:password\ndb.contoso.com:5432:orders:app:${pw}\n`, '.pgpass'), ['generic-secret-assignment 2:32']);
    assert.deepEqual(found('localhost:5432:database:root:password\n*:*:*:app:*\n', 'db/.pgpass'), []);
  });

  test('ASP.NET machineKey validation and decryption keys', () => {
    const validation = generateHex(24, 128).toUpperCase();
    const decryption = generateHex(25, 48).toUpperCase();
    const text = `<configuration>\n  <system.web>\n    <machineKey validationKey="${validation}" decryptionKey="${decryption}" validation="SHA1" />\n  </system.web>\n</configuration>\n`;
    assert.deepEqual(found(text, 'web.config'), ['generic-secret-assignment 3:32', `generic-secret-assignment 3:${32 + 128 + 17}`]);
  });

  test('PHP: $dbpasswd and define(DB_PASSWORD)', () => {
    assert.deepEqual(found(`<?php\n$dbpasswd = '${generatePassword(26, 10)}';\n`, 'config.php'), ['generic-secret-assignment 2:14']);
    assert.deepEqual(found(`<?php\ndefine( 'DB_PASSWORD', 'admin123' );\n`, 'wp-config.php'), ['generic-secret-assignment 2:25']); // keyless-ignore -- a weak password on purpose
  });

  test('40 hex chars under a token key are a token (GitHub classic / OAuth), not a commit', () => {
    const hex = generateHex(21, 40);
    assert.deepEqual(found(`export HOMEBREW_GITHUB_API_TOKEN='${hex}'\n`, '.bash_profile'), ['generic-secret-assignment 1:35']);
    assert.deepEqual(found(`github.com:\n- user: octocat\n  oauth_token: "${hex}"\n`, 'hub'), ['generic-secret-assignment 3:17']);
    assert.deepEqual(found(`commit: ${hex}\nsha: ${hex}\n`, 'build.yml'), []);
  });

  test('git credentials with an e-mail user name', () => {
    const pw = generatePassword(22, 12);
    assert.deepEqual(found(`https://ops@contoso.com:${pw}@github.com\n`, '.git-credentials'), ['url-credentials 1:25']);
  });
});

describe('weak but real passwords vs placeholders (password-named keys)', () => {
  for (const value of ['hunter22', 'admin123', 'Mailpass1234!', 'swordfish!23', 'Pass!12345', 'RedisPass1!']) {
    test(`${value} is a secret`, () => assert.equal(engine.judgeAssignment('DB_PASSWORD', value)?.id, 'generic-secret-assignment'));
  }
  for (const value of ['password', 'changeme', '<password>', '${PASS}', 'xxx', 'xxxxxxxx', 'your-password', 'DB_PASSWORD', '********']) {
    test(`${value} is not`, () => assert.equal(engine.judgeAssignment('DB_PASSWORD', value), undefined));
  }
});

describe('config files hold passwords as written', () => {
  test('a password of words in a JSON or ini config is found; the same assignment in code is not', () => {
    const json = '{\n  "sshUserName": "ops",\n  "sshUserPassword": "roboMongoSSHPass"\n}\n';
    assert.deepEqual(found(json, 'db/robomongo.json'), ['generic-secret-assignment 3:23']);
    assert.deepEqual(found('[server]\nAdminPass=roboMongoSSHPass\n', 'server.ini'), ['generic-secret-assignment 2:11']);
    assert.deepEqual(found('const options = { sshUserPassword: "roboMongoSSHPass" };\n', 'src/connect.ts'), []);
  });
});
