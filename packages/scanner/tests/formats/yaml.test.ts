import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_STRUCTURED_YAML, yamlReader } from '../../src/formats/yaml.js';
import { at, fake, fakeToken, scan } from './helpers.js';

const pw = fake(11);
const pw2 = fake(12);

describe('yaml reader', () => {
  test('GitHub workflow env: map values keyed by name, quoted and plain', () => {
    const text = `name: ci
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      DB_PASSWORD: ${pw}
      API_SECRET: "${pw2}"
      FROM_SECRETS: \${{ secrets.API_SECRET }}
`;
    assert.deepEqual(scan('.github/workflows/ci.yml', text).findings, [
      at('test-password', 'jobs:build:env:DB_PASSWORD', pw, 7, 20),
      at('test-password', 'jobs:build:env:API_SECRET', pw2, 8, 20),
    ]);
  });

  test('docker-compose environment: map form and list form with exact value offsets', () => {
    const text = `services:
  db:
    environment:
      - DB_PASSWORD=${pw}
      - "ADMIN_PASSWORD=${pw2}"
      - PLAIN=value
  api:
    environment:
      SA_PASSWORD: ${pw}
`;
    assert.deepEqual(scan('docker-compose.yml', text).findings, [
      at('test-password', 'services:db:environment:DB_PASSWORD', pw, 4, 21),
      at('test-password', 'services:db:environment:ADMIN_PASSWORD', pw2, 5, 25),
      at('test-password', 'services:api:environment:SA_PASSWORD', pw, 9, 20),
    ]);
  });

  test('Kubernetes Secret: data values are base64-decoded (transformed), stringData is plain', () => {
    const encoded = Buffer.from(pw, 'utf8').toString('base64');
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: ${encoded}
stringData:
  secret: ${pw2}
`;
    assert.deepEqual(scan('k8s/secret.yaml', text).findings, [
      { rule: 'test-password', key: 'data:password', secret: pw, line: 7, column: 13, endLine: 7, endColumn: 13 + encoded.length },
      at('test-password', 'stringData:secret', pw2, 9, 11),
    ]);
    const decoded = yamlReader.read(text, 'k8s/secret.yaml').candidates.find((c) => c.key === 'password');
    assert.equal(decoded?.transformed, true);
  });

  test('data: of something that is not a Secret (ConfigMap) is not decoded by the reader', () => {
    const encoded = Buffer.from(pw, 'utf8').toString('base64');
    const text = `kind: ConfigMap\ndata:\n  password: ${encoded}\n`;
    const candidate = yamlReader.read(text, 'cm.yaml').candidates.find((c) => c.key === 'password');
    assert.equal(candidate?.value, encoded);
    assert.equal(candidate?.transformed, undefined);
    // The pipeline's encoded-value layer (pipeline/decoded-matches.ts) still decodes base64 of text.
    assert.deepEqual(scan('cm.yaml', text).findings, [{ ...at('test-password', 'data:password', pw, 3, 13), endColumn: 13 + encoded.length }]);
  });

  test('Kubernetes env lists and Azure Pipelines variables: "- name: X / value: Y" is keyed X', () => {
    const text = `variables:
  - name: sqlPassword
    value: ${pw}
  - group: shared
`;
    assert.deepEqual(scan('azure-pipelines.yml', text).findings, [at('test-password', 'variables:sqlPassword', pw, 3, 12)]);
  });

  test('block scalars: a one-line body is exact; a pattern inside a multi-line body is found', () => {
    const tok = fakeToken(13);
    const text = `password: |\n  ${pw}\nnotes: >\n  first line\n  then ${tok} here\n`;
    assert.deepEqual(scan('values.yaml', text).findings, [
      at('test-password', 'password', pw, 2, 3),
      at('test-token', 'notes', tok, 5, 8),
    ]);
  });

  test('numbers are read as written (a numeric password is still a password)', () => {
    const text = 'db:\n  password: 12345678\n';
    assert.deepEqual(scan('app.yaml', text).findings, [at('test-password', 'db:password', '12345678', 2, 13)]);
  });

  test('aliases are never expanded: a YAML bomb is read quickly', () => {
    let text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    text += `password: ${pw}\n`;
    const started = performance.now();
    const { findings, warning } = scan('bomb.yaml', text);
    assert.ok(performance.now() - started < 1000, 'bomb took too long');
    assert.equal(warning, undefined);
    assert.deepEqual(findings, [at('test-password', 'password', pw, 11, 11)]);
    assert.equal(yamlReader.read(text, 'bomb.yaml').candidates.length, 10);
  });

  test('multiple documents are all read', () => {
    const text = `password: ${pw}\n---\nsecret: ${pw2}\n`;
    assert.deepEqual(scan('multi.yaml', text).findings, [
      at('test-password', 'password', pw, 1, 11),
      at('test-password', 'secret', pw2, 3, 9),
    ]);
  });

  test('a YAML file above MAX_STRUCTURED_YAML is read as text, with a warning', () => {
    const text = `password: "${pw}"\n${'# filler line\n'.repeat(MAX_STRUCTURED_YAML / 14 + 1)}`;
    assert.deepEqual(scan('huge.yaml', text), {
      findings: [at('test-password', 'password', pw, 1, 12)],
      warning: 'huge.yaml: could not be read as yaml (larger than 256 KiB, too large to parse as YAML); scanned as plain text',
    });
  });

  test('malformed YAML falls back to text with a warning', () => {
    const text = `env:\n  secret: ${pw2}\n  password: "${pw}\n  other: [1, 2\n`;
    const { warning, findings } = scan('broken.yml', text);
    assert.match(warning ?? '', /^broken\.yml: could not be read as yaml \(.+\); scanned as plain text$/);
    // The text fallback still reads `key: value` lines of a YAML file.
    assert.deepEqual(findings, [at('test-password', 'secret', pw2, 2, 11)]);
    assert.throws(() => yamlReader.read(text, 'broken.yml'));
  });
});
