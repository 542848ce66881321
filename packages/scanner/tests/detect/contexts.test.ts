/**
 * Secrets found by the context they are written in (contexts.ts), at exact spans, and the same
 * contexts with references, placeholders or words staying silent.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { encodeBase64 } from '../../src/detect/encoding.js';
import { latin1Bytes } from '../../src/detect/checksums/crc32.js';
import { ALPHABETS, createPrng, generatePassword } from '../../src/detect/examples/generate.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);
const found = (text: string): [string, string][] => engine.scanText(text).map((m) => [m.detector.id, text.slice(m.start, m.end)]);
const token = (seed: number, n = 40): string => createPrng(seed).chars(ALPHABETS.base62, n);

describe('contexts', () => {
  const pw = generatePassword(171, 16);
  test('Authorization: Bearer and Basic', () => {
    const t = token(1);
    assert.deepEqual(found(`Authorization: Bearer ${t}`), [['authorization-header-credential', t]]);
    const basic = encodeBase64(latin1Bytes(`ci:${pw}`));
    assert.deepEqual(found(`-H 'Authorization: Basic ${basic}'`), [['authorization-header-credential', basic]]);
    assert.deepEqual(found('Authorization: Bearer ${API_TOKEN}'), []);
    assert.deepEqual(found(`Authorization: Basic ${encodeBase64(latin1Bytes('admin:admin'))}`), []);
  });
  test('curl -u / --user', () => {
    assert.deepEqual(found(`curl -u jenkins:${pw} https://ci.contoso.com/job/build`), [['cli-user-password', pw]]);
    assert.deepEqual(found(`curl --user=jenkins:${pw} https://ci.contoso.com`), [['cli-user-password', pw]]);
    assert.deepEqual(found('curl -u "$CI_USER:$CI_PASS" https://ci.contoso.com'), []);
  });
  test('-p / --password / --token arguments', () => {
    assert.deepEqual(found(`docker login -u ci -p ${pw} contoso.azurecr.io`), [['cli-credential-argument', pw]]);
    const hf = token(2, 37);
    assert.deepEqual(found(`huggingface-cli login --token ${hf}`), [['cli-credential-argument', hf]]);
    assert.deepEqual(found(`mysql -uroot -p${pw} orders < dump.sql`), [['cli-credential-argument', pw]]);
    assert.deepEqual(found('mkdir -p dist/assets && cp -p a b'), []);
    assert.deepEqual(found('docker login -u ci -p "$ACR_PASSWORD" contoso.azurecr.io'), []);
    assert.deepEqual(found('tar -cvf out.tar --token-file ./tok'), []);
  });
  test('comparisons with a secret-named variable', () => {
    const k = token(3, 32);
    assert.deepEqual(found(`if (apiKey == "${k}") {`), [['secret-comparison', k]]);
    assert.deepEqual(found(`if (config.adminPassword !== '${pw}') throw new Error();`), [['secret-comparison', pw]]);
    assert.deepEqual(found(`if (mode == "${k}") {`), []);
    assert.deepEqual(found('if (password === "password") {'), []);
  });
  test('key names with a suffix after the secret word, in a .env', () => {
    const text = `DB_PASSWORD_PROD=${pw}\nAPI_KEY_V2=${token(4, 32)}\nDB_PASSWORD_POLICY=strict\n`;
    assert.deepEqual(
      scanContent(text, '.env', engine).matches.map((m) => [m.match.detector.id, m.line, m.key]),
      [
        ['generic-secret-assignment', 1, 'DB_PASSWORD_PROD'],
        ['generic-secret-assignment', 2, 'API_KEY_V2'],
      ],
    );
  });
});
