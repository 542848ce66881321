/**
 * The README's ESLint snippets work as written in every project shape (issue 17): an ES module
 * package (`eslint.config.mjs`), a CommonJS package (`eslint.config.cjs`, the plugin's CommonJS
 * entry) and a TypeScript project (`eslint.config.mjs` with typescript-eslint's parser for `.ts`).
 * Each project is created in a temp dir with the plugin linked from this workspace into its
 * node_modules (offline), and linted with the ESLint CLI as a user would run it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseSnippets, readReadme, snippet, type Snippet } from './helpers/readme-snippets.js';
import { REPO_ROOT, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

let snippets: Snippet[];
before(() => {
  snippets = parseSnippets(readReadme());
});
after(removeTempDirs);

/** A project with `packageJson`, the config file from the README snippet, and `files`; links the plugin (and more). */
function project(packageJson: object, configName: string, configSnippet: string, files: Record<string, string>, links: string[] = []): string {
  const dir = tempDir('eslint-shape');
  mkdirSync(join(dir, 'node_modules', '@keyless'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'packages', 'eslint-plugin'), join(dir, 'node_modules', '@keyless', 'eslint-plugin'), 'dir');
  for (const name of links) symlinkSync(join(REPO_ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shape', version: '1.0.0', private: true, ...packageJson }));
  writeFileSync(join(dir, configName), snippet(snippets, configSnippet).body);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** `eslint --format json .` in the project: [file, line, rule] of each problem. */
function lint(dir: string): [string, number, string | null][] {
  const r = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `eslint exited ${r.status}: ${r.stderr}`);
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { line: number; ruleId: string | null; fatal?: boolean; message: string }[] }[];
  return results.flatMap((res) =>
    res.messages.map((m): [string, number, string | null] => {
      assert.equal(m.fatal, undefined, m.message);
      return [res.filePath.slice(dir.length + 1), m.line, m.ruleId];
    }),
  );
}

/** The README's "incorrect" example and the problems its comments mark, lines shifted by `offset`. */
function incorrectExample(offset: number): { code: string; expected: [number, string][] } {
  const code = snippet(snippets, 'eslint-incorrect').body;
  const expected = code
    .split('\n')
    .flatMap((l, i) => [...l.matchAll(/\/\/ (keyless\/[a-z-]+)/g)].map((m): [number, string] => [i + 1 + offset, m[1]!]));
  assert.ok(expected.length >= 2);
  return { code, expected };
}

describe('README ESLint snippets in every project shape', () => {
  test('ES module package: eslint.config.mjs', () => {
    const { code, expected } = incorrectExample(0);
    const dir = project({ type: 'module' }, 'eslint.config.mjs', 'eslint-config', { 'app.js': code });
    assert.deepEqual(lint(dir), expected.map(([line, rule]) => ['app.js', line, rule]));
  });

  test('CommonJS package: eslint.config.cjs through the CommonJS entry', () => {
    const dir = project({ type: 'commonjs' }, 'eslint.config.cjs', 'eslint-config-cjs', {
      'app.js': [
        "const { ClientSecretCredential } = require('@azure/identity');",
        "const { BlobServiceClient } = require('@azure/storage-blob');",
        'module.exports = {',
        '  credential: new ClientSecretCredential(process.env.TENANT, process.env.CLIENT, process.env.SECRET),',
        '  blobs: BlobServiceClient.fromConnectionString(process.env.STORAGE_CONNECTION_STRING),',
        '};',
        '',
      ].join('\n'),
    });
    assert.deepEqual(lint(dir), [
      ['app.js', 4, 'keyless/no-entra-secret-auth'],
      ['app.js', 5, 'keyless/no-shared-key-auth'],
    ]);
  });

  test('TypeScript project: .ts files are linted with the typescript-eslint parser', () => {
    const { code, expected } = incorrectExample(1);
    const dir = project({ type: 'module' }, 'eslint.config.mjs', 'eslint-config-ts', {
      // TypeScript-only syntax on the first line: espree alone would fail to parse the file.
      'app.ts': `declare const tenantId: string, clientId: string;\n${code}`,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext' } }),
    }, ['typescript-eslint', 'typescript']);
    assert.deepEqual(lint(dir), expected.map(([line, rule]) => ['app.ts', line, rule]));
  });
});
