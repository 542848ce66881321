/**
 * The posture readers: declarations, bodies and offsets for Bicep, Terraform and ARM; languages by
 * path; and on arbitrary input (fast-check, fixed seed) they return a document or one error line,
 * never throw, and every offset lies inside the text.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { postureLanguageOf } from '../../src/detect/posture/languages.js';
import { nodeAt, textOf, type PNode } from '../../src/detect/posture/tree.js';
import { readBicep } from '../../src/formats/posture/bicep.js';
import { readHcl } from '../../src/formats/posture/hcl.js';
import { readPostureDoc } from '../../src/formats/posture/index.js';
import { check, configLikeText, reportRuns } from '../fuzz/fuzz-settings.js';

after(() => reportRuns('posture readers'));

describe('posture languages by path', () => {
  test('workflows, pipelines, Bicep, Terraform, ARM by its schema; nothing else', () => {
    const arm = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#" }';
    assert.equal(postureLanguageOf('.github/workflows/ci.yml', ''), 'github-actions');
    assert.equal(postureLanguageOf('azure-pipelines.yml', ''), 'azure-pipelines');
    assert.equal(postureLanguageOf('.azuredevops/templates/deploy.yaml', ''), 'azure-pipelines');
    assert.equal(postureLanguageOf('infra/main.bicep', ''), 'bicep');
    assert.equal(postureLanguageOf('infra/main.tf', ''), 'terraform');
    assert.equal(postureLanguageOf('azuredeploy.json', arm), 'arm');
    assert.equal(postureLanguageOf('package.json', '{ "name": "x" }'), undefined);
    assert.equal(postureLanguageOf('docker-compose.yml', ''), undefined);
    assert.equal(postureLanguageOf('main.tfvars', ''), undefined);
    assert.equal(postureLanguageOf('src/app.ts', ''), undefined);
  });
});

describe('Bicep reader', () => {
  const text = [
    "@description('admin')",
    '@secure()',
    'param adminPassword string',
    "param location string = 'westeurope'",
    "var conn = 'AccountKey=${stg.listKeys().keys[0].value}'",
    "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {",
    "  name: 'st'",
    '}',
    "resource site 'Microsoft.Web/sites@2023-12-01' = if (deploy) {",
    '  properties: {',
    '    siteConfig: { appSettings: [',
    "      { name: 'A', value: conn }",
    '    ] }',
    '    httpsOnly: true',
    '  }',
    '}',
    'output endpoint string = stg.properties.primaryEndpoints.blob',
    '',
  ].join('\n');

  test('declarations with names, types, @secure() and positions', () => {
    const decls = readBicep(text);
    assert.deepEqual(
      decls.map((d) => `${d.kind} ${d.name} ${d.type} ${d.secure} ${text.slice(d.nameStart, d.nameEnd)}`),
      [
        'param adminPassword string true adminPassword',
        'param location string false location',
        'var conn  false conn',
        'resource stg Microsoft.Storage/storageAccounts false stg',
        'resource site Microsoft.Web/sites false site',
        'output endpoint string false endpoint',
      ],
    );
    assert.deepEqual(decls.map((d) => d.existing === true), [false, false, false, true, false, false], '`existing` resources are marked');
    const site = decls[4]!;
    const setting = nodeAt(site.body, 'properties', 'siteConfig', 'appSettings') as PNode;
    assert.equal(setting.kind, 'array');
    const value = nodeAt(setting.kind === 'array' ? setting.items[0] : undefined, 'value')!;
    assert.equal(textOf(value), 'conn');
    assert.equal(text.slice(value.start, value.end), 'conn');
    assert.equal(textOf(nodeAt(site.body, 'properties', 'httpsOnly')), 'true');
    const conn = decls[2]!.body!;
    assert.equal(conn.kind === 'value' && conn.literal, false);
  });

  test('for-expressions, multi-line strings and comments', () => {
    const decls = readBicep("// c\nresource r 'T@1' = [for i in range(0, 2): {\n  name: '''\nx'''\n  /* block */ tags: { a: 'b' }\n}]\nvar x = 1\n");
    assert.deepEqual(decls.map((d) => d.name), ['r', 'x']);
    assert.equal(textOf(nodeAt(decls[0]!.body, 'tags', 'a')), 'b');
  });
});

describe('Terraform reader', () => {
  const text = [
    'provider "azurerm" {',
    '  features {}',
    '  client_secret = var.secret # comment',
    '}',
    'variable "pw" {',
    '  type      = string',
    '  sensitive = true',
    '}',
    'locals {',
    '  conn = "AccountKey=${azurerm_storage_account.sa.primary_access_key}"',
    '}',
    'resource "azurerm_linux_web_app" "app" {',
    '  app_settings = {',
    '    "A" = local.conn',
    '  }',
    '  identity {',
    '    type = "SystemAssigned"',
    '  }',
    '  script = <<-EOT',
    '    echo "${var.x}"',
    '  EOT',
    '}',
    'output "o" {',
    '  value = 1',
    '}',
    '',
  ].join('\n');

  test('blocks as declarations; nested blocks and maps as objects; heredocs as one value', () => {
    const decls = readHcl(text);
    assert.deepEqual(
      decls.map((d) => `${d.kind} ${d.name} ${d.type} ${d.secure}`),
      ['provider azurerm azurerm false', 'param pw string true', 'var conn  false', 'resource app azurerm_linux_web_app false', 'output o  false'],
    );
    const app = decls[3]!;
    assert.equal(textOf(nodeAt(app.body, 'app_settings', 'A')), 'local.conn');
    assert.equal(textOf(nodeAt(app.body, 'identity', 'type')), 'SystemAssigned');
    assert.match(textOf(nodeAt(app.body, 'script')) ?? '', /echo "\$\{var\.x\}"/);
    assert.equal(textOf(decls[4]!.body), '1');
    const secret = nodeAt(decls[0]!.body, 'client_secret')!;
    assert.equal(text.slice(secret.start, secret.end), 'var.secret');
  });
});

describe('ARM reader', () => {
  test('parameters (securestring is secure), resources (nested too, typed under their parent), outputs', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      parameters: { pw: { type: 'securestring' }, name: { type: 'string' } },
      resources: [{ type: 'Microsoft.Web/sites', name: "[parameters('name')]", resources: [{ type: 'config', name: 'appsettings' }] }],
      outputs: { o: { type: 'string', value: '[listKeys(1).keys[0].value]' } },
    });
    const read = readPostureDoc('azuredeploy.json', text);
    assert.ok(read && 'doc' in read);
    assert.deepEqual(
      read.doc.decls.map((d) => `${d.kind} ${d.name} ${d.type} ${d.secure}`),
      ['param pw securestring true', 'param name string false', "resource [parameters('name')] Microsoft.Web/sites false", 'resource appsettings Microsoft.Web/sites/config false', 'output o string false'],
    );
    const out = read.doc.decls[4]!.body!;
    assert.equal(out.kind === 'value' && out.literal, false);
    assert.equal(read.doc.decls[3]!.parent, read.doc.decls[2], 'a nested resource knows its parent');
  });

  test('languageVersion 2.0: resources as an object of symbolic names', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      resources: { stg: { type: 'Microsoft.Storage/storageAccounts', name: 'st' }, kv: { type: 'Microsoft.KeyVault/vaults', name: 'kv' } },
    });
    const read = readPostureDoc('azuredeploy.json', text);
    assert.ok(read && 'doc' in read);
    assert.deepEqual(read.doc.decls.map((d) => `${d.kind} ${d.name} ${d.type}`), ['resource st Microsoft.Storage/storageAccounts', 'resource kv Microsoft.KeyVault/vaults']);
  });

  test('malformed JSON or YAML: one error line, no throw', () => {
    const bad = readPostureDoc('azuredeploy.json', '{ "$schema": "https://schema.management.azure.com/schemas/x/deploymentTemplate.json#", ');
    assert.ok(bad && 'error' in bad);
    assert.match(bad.error, /^azuredeploy\.json: could not be read for posture rules as arm \(.+\)$/);
    const yaml = readPostureDoc('.github/workflows/x.yml', 'a: [\n');
    assert.ok(yaml && 'error' in yaml);
  });
});

function assertInside(node: PNode | undefined, length: number): void {
  if (!node) return;
  assert.ok(node.start >= 0 && node.start <= node.end && node.end <= length, `node [${node.start}, ${node.end}) outside ${length}`);
  if (node.kind === 'object') for (const e of node.entries) {
    assert.ok(e.keyStart >= 0 && e.keyEnd <= length);
    assertInside(e.value, length);
  }
  if (node.kind === 'array') for (const i of node.items) assertInside(i, length);
}

describe('posture readers on arbitrary input', () => {
  const tokens = ['resource ', 'param ', 'output ', 'var ', '@secure()', "'", "'''", '${', '}', '{', '[', ']', '(', ')', 'for x in y:', 'if (a)', '<<EOF\n', 'EOF', '<<-X\n', '"', '= ', ': ', 'provider "azurerm" ', 'locals ', 'listKeys(', '.primary_access_key', '\n'];
  for (const path of ['main.bicep', 'main.tf', '.github/workflows/a.yml', 'azure-pipelines.yml']) {
    test(`${path}: a document or one error line, offsets inside the text`, () => {
      check(
        `posture ${path}`,
        fc.property(configLikeText(tokens), (text) => {
          const read = readPostureDoc(path, text);
          assert.ok(read !== undefined);
          if ('error' in read) {
            assert.ok(!read.error.includes('\n'));
            return;
          }
          assertInside(read.doc.root, text.length);
          for (const d of read.doc.decls) {
            assert.ok(d.nameStart >= 0 && d.nameEnd <= text.length);
            assertInside(d.body, text.length);
          }
        }),
        500,
      );
    });
  }

  test('deep nesting and long inputs end (linear, no stack overflow escapes)', () => {
    for (const path of ['main.bicep', 'main.tf']) {
      for (const text of ['{'.repeat(200_000), '['.repeat(200_000), `x = "${'${"'.repeat(50_000)}`, "'${".repeat(50_000), 'resource a \'b\' = {\n'.repeat(20_000)]) {
        const started = performance.now();
        const read = readPostureDoc(path, text);
        assert.ok(read !== undefined);
        assert.ok(performance.now() - started < 5000, `${path} took too long`);
      }
    }
  });
});
