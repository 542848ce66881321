/**
 * Overlapping detectors: the higher priority wins (checksum-validated > structural > contextual >
 * generic), and positions are exact through the content pipeline (line/column).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import * as g from '../../src/detect/examples/generate.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);
const ids = (text: string): string[] => engine.scanText(text).map((m) => m.detector.id);

describe('priorities', () => {
  test('an identifiable key in a storage connection string is reported once, as the identifiable key', () => {
    const key = g.generateIdentifiableKey('storage', 201);
    assert.deepEqual(ids(`DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${key};EndpointSuffix=core.windows.net`), [
      'azure-storage-account-key',
    ]);
  });

  test('an identifiable Service Bus key in a connection string wins over the connection-string rule', () => {
    const key = g.generateIdentifiableKey('servicebus', 202);
    assert.deepEqual(ids(`Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${key}`), ['azure-service-bus-key']);
  });

  test('a checksum-valid Entra secret as AppKey is an Entra secret', () => {
    const s = g.generateEntraClientSecret(203);
    assert.deepEqual(ids(`RunAs=App;AppId=a;TenantId=b;AppKey=${s}`), ['azure-entra-client-secret']);
  });

  test('a DevOps PAT as a URL password is a DevOps PAT', () => {
    assert.deepEqual(ids(`https://me:${g.generateDevOpsPat(204)}@dev.azure.com/org/p/_git/r`), ['azure-devops-pat']);
  });

  test('a GitHub token as a URL password is a GitHub token', () => {
    assert.deepEqual(ids(`https://x-access-token:${g.generateGithubToken('ghs', 205)}@github.com/o/r.git`), ['github-token']);
  });

  test('several secrets on one line are all reported, in order', () => {
    const a = g.generateIdentifiableKey('redis', 206);
    const b = g.generateEntraClientSecret(207);
    const c = g.generateNpmToken(208);
    assert.deepEqual(ids(`a=${a} b=${b} c=${c}`), ['azure-cache-redis-key', 'azure-entra-client-secret', 'npm-token']);
  });
});

describe('positions through scanContent', () => {
  test('line and column of an identifiable key in .env and an Entra secret in appsettings.json', () => {
    const key = g.generateIdentifiableKey('cosmos', 209);
    const env = `# settings\nCOSMOS_KEY=${key}\n`;
    const [m] = scanContent(env, '.env', engine).matches;
    assert.ok(m);
    assert.deepEqual([m.match.detector.id, m.line, m.column, m.endLine, m.endColumn], ['azure-cosmosdb-key', 2, 12, 2, 12 + key.length]);

    const secret = g.generateEntraClientSecret(210);
    const json = `{\n  "AzureAd": {\n    "ClientSecret": "${secret}"\n  }\n}\n`;
    const found = scanContent(json, 'appsettings.json', engine).matches;
    assert.deepEqual(
      found.map((x) => [x.match.detector.id, x.line, x.column, x.endColumn, x.key]),
      [['azure-entra-client-secret', 3, 22, 22 + secret.length, 'AzureAd:ClientSecret']],
    );
  });

  test('a PEM private key is reported at the first line of its body', () => {
    const pem = g.generatePem(211);
    const text = `// key\n${pem}`;
    const found = scanContent(text, 'key.pem', engine).matches;
    assert.deepEqual(found.map((x) => [x.match.detector.id, x.line, x.column]), [['private-key', 3, 1]]);
  });
});
