/**
 * `@keyless/eslint-plugin` end to end through ESLint's Node API: a temporary project whose
 * eslint.config.mjs is exactly `export default [keyless.configs.recommended]`, linted with
 * ESLint's defaults (espree, .js/.mjs/.cjs). Exact findings, no autofix, suggestions offered, and the
 * scanner and the lint rule agree on the same hardcoded key.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ESLint } from 'eslint';
import { generateIdentifiableKey, generatePassword } from '@keyless/scanner/detectors';
import { createScanContext, scanFileText } from '@keyless/scanner';

const pluginUrl = import.meta.resolve('@keyless/eslint-plugin');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-lint-')));
after(() => rmSync(root, { recursive: true, force: true }));

const storageKey = generateIdentifiableKey('storage', 5);
const password = generatePassword(5);

const files: Record<string, string> = {
  'eslint.config.mjs': [`import keyless from ${JSON.stringify(pluginUrl)};`, 'export default [keyless.configs.recommended];', ''].join('\n'),
  'app.mjs': [
    'import { ClientSecretCredential } from "@azure/identity";',
    'import { BlobServiceClient } from "@azure/storage-blob";',
    'export const credential = new ClientSecretCredential(process.env.TENANT, process.env.CLIENT, process.env.SECRET);',
    `export const blobs = new BlobServiceClient("https://contosodata.blob.core.windows.net", credential, { key: "${storageKey}" });`,
    '',
  ].join('\n'),
  'db.cjs': [
    'const sql = require("mssql");',
    `const config = { server: "contoso.database.windows.net", user: "app", password: "${password}" };`,
    'module.exports = () => sql.connect(config);',
    '',
  ].join('\n'),
  'clean.js': [
    'import { DefaultAzureCredential } from "@azure/identity";',
    'import { CosmosClient } from "@azure/cosmos";',
    'const settings = { password: "changeme", clientSecret: "@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=app)" };',
    'export const cosmos = new CosmosClient({ endpoint: "https://contoso.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });',
    'export default settings;',
    '',
  ].join('\n'),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);

test('export default [keyless.configs.recommended] reports exactly these problems', async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['.']);
  const problems = results
    .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(root.length + 1), ...m })))
    .map((m) => [m.file, m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.severity, m.suggestions?.length ?? 0]);
  assert.deepEqual(problems, [
    ['app.mjs', 'keyless/no-entra-secret-auth', 3, 27, 3, 113, 2, 2],
    ['app.mjs', 'keyless/no-hardcoded-credentials', 4, 109, 4, 197, 2, 0],
    ['db.cjs', 'keyless/no-sql-password-auth', 2, 71, 2, 99, 2, 1],
    ['db.cjs', 'keyless/no-hardcoded-credentials', 2, 81, 2, 99, 2, 0],
  ]);
  // No autofix anywhere: credential swaps change runtime behaviour.
  assert.ok(results.every((r) => r.output === undefined && r.messages.every((m) => m.fix === undefined)));
  assert.equal(results.find((r) => r.filePath.endsWith('clean.js'))?.messages.length, 0);
});

test('the scanner reports the same key at the same position as the lint rule', () => {
  const context = createScanContext({});
  const outcome = scanFileText(files['app.mjs']!, 'app.mjs', context);
  const finding = outcome.findings.find((f) => f.ruleId === 'azure-storage-account-key');
  assert.ok(finding, JSON.stringify(outcome.findings.map((f) => f.ruleId)));
  assert.deepEqual([finding.line, finding.column, finding.endColumn], [4, 109, 197]);
});
