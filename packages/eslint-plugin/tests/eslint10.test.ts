/**
 * The plugin loads and reports under ESLint 10 too (devDependency alias `eslint10` = eslint@^10), on
 * plain JavaScript (espree, ESM and CommonJS) and on TypeScript (@typescript-eslint/parser).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linter } from 'eslint10';
import tsParser from '@typescript-eslint/parser';
import { generateIdentifiableKey } from '@keyless/scanner/detectors';
import plugin from '../src/index.js';

const linter = new Linter({ configType: 'flat' });

function lint(code: string, filename: string, extra: Linter.Config = {}) {
  const config: Linter.Config[] = [{ ...(plugin.configs.recommended as Linter.Config), files: ['**/*.ts', '**/*.mjs', '**/*.cjs'], ...extra }];
  return linter.verify(code, config, { filename }).map((m) => [m.ruleId, m.line, m.column, m.suggestions?.length ?? 0]);
}

test('ESLint 10 is the linter under test', () => {
  assert.match(Linter.version, /^10\./);
});

test('ESM: secret credential and hardcoded key, with suggestions', () => {
  const key = generateIdentifiableKey('storage', 2);
  const code = [
    'import { ClientSecretCredential } from "@azure/identity";',
    'export const c = new ClientSecretCredential(t, id, s);',
    `export const k = "${key}";`,
  ].join('\n');
  assert.deepEqual(lint(code, 'a.mjs'), [
    ['keyless/no-entra-secret-auth', 2, 18, 2],
    ['keyless/no-hardcoded-credentials', 3, 19, 0],
  ]);
});

test('CommonJS: connection-string client from a destructured require', () => {
  const code = ['const { ServiceBusClient } = require("@azure/service-bus");', 'module.exports = new ServiceBusClient(process.env.SB_CONNECTION_STRING);'].join('\n');
  assert.deepEqual(lint(code, 'a.cjs'), [['keyless/no-shared-key-auth', 2, 18, 1]]);
});

test('TypeScript through @typescript-eslint/parser: SQL password auth', () => {
  const code = ['import { Connection } from "tedious";', 'new Connection({ server: "s", authentication: { type: "ntlm", options } as const });'].join('\n');
  assert.deepEqual(lint(code, 'a.ts', { languageOptions: { parser: tsParser as Linter.Parser } }), [['keyless/no-sql-password-auth', 2, 55, 1]]);
});
