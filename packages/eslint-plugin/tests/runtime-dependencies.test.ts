/**
 * The plugin runs without `@typescript-eslint/utils` (so a JavaScript project does not get
 * `typescript`): its node type names equal typescript-eslint's enum, its rule factory behaves as
 * `RuleCreator` (docs URL, default options merged), and no built module imports the package.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AST_NODE_TYPES as REAL } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast-node-types.js';
import { applyDefault, createRule, docsUrlFor } from '../src/create-rule.js';

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

describe('no run-time dependency on @typescript-eslint/utils', () => {
  test('every node type name equals typescript-eslint\'s AST_NODE_TYPES member', () => {
    for (const [name, value] of Object.entries(AST_NODE_TYPES)) {
      assert.equal(value, (REAL as Record<string, string>)[name], name);
    }
  });

  test('no built module of the plugin imports it', () => {
    const built = fileURLToPath(new URL('../src', import.meta.url));
    const importers = jsFiles(built).filter((f) => /from ['"]@typescript-eslint\/utils|require\(['"]@typescript-eslint\/utils/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(importers, []);
  });

  test('createRule: docs URL from the name, user options deep-merged over the defaults', () => {
    const rule = createRule({
      name: 'demo-rule',
      meta: { type: 'problem', docs: { description: 'demo', recommended: 'error' }, messages: { m: 'm' }, schema: [] },
      defaultOptions: [{ a: 1, nested: { x: 1, y: 2 } }],
      create: (_context, [options]) => ({ Program: () => options }),
    });
    assert.equal(rule.meta.docs?.url, docsUrlFor('demo-rule'));
    assert.deepEqual(applyDefault([{ a: 1, nested: { x: 1, y: 2 } }], [{ nested: { y: 3 } }]), [{ a: 1, nested: { x: 1, y: 3 } }]);
    assert.deepEqual(applyDefault([{ a: 1 }], undefined), [{ a: 1 }]);
    assert.deepEqual(applyDefault(['x', { b: [1] }], ['y', { b: [2, 3] }]), ['y', { b: [2, 3] }]);
  });
});
