/**
 * Every rule has its docs page (with the four sections and every option named), a test file, a
 * docs.url pointing at that page, and `configs.recommended` is derived from rule meta.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import plugin from '../src/index.js';
import { DOCS_BASE } from '../src/create-rule.js';
import { rules } from '../src/rules/index.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = `${packageRoot}docs/rules/`;
const SECTIONS = ['## Incorrect', '## Correct', '## Options', '## When not to use it'];

describe('rule docs and tests', () => {
  for (const [name, rule] of Object.entries(rules)) {
    test(`${name}: docs page with the four sections, options, docs.url and a test file`, () => {
      const page = readFileSync(`${docsDir}${name}.md`, 'utf8');
      assert.equal(page.split('\n')[0], `# ${name}`);
      let last = -1;
      for (const heading of SECTIONS) {
        const at = page.indexOf(`\n${heading}\n`);
        assert.ok(at > last, `${name}.md: "${heading}" missing or out of order`);
        last = at;
      }
      const options = page.slice(page.indexOf('\n## Options\n'), page.indexOf('\n## When not to use it\n'));
      const schema = rule.meta.schema as unknown as { properties?: Record<string, unknown> }[];
      for (const option of Object.keys(schema[0]?.properties ?? {})) {
        assert.ok(options.includes(`\`${option}\``), `${name}.md: option ${option} not documented`);
      }
      assert.equal(rule.meta.docs?.url, `${DOCS_BASE}${name}.md`);
      assert.ok(rule.meta.docs?.url?.endsWith(`/packages/eslint-plugin/docs/rules/${name}.md`));
      assert.ok(existsSync(`${packageRoot}tests/rules/${name}.test.ts`), `tests/rules/${name}.test.ts missing`);
      assert.equal(rule.meta.docs?.requiresTypeChecking, false);
    });
  }

  test('no docs page or rule test without a rule', () => {
    const names = Object.keys(rules).sort();
    assert.deepEqual(readdirSync(docsDir).map((f) => f.replace(/\.md$/, '')).sort(), names);
    assert.deepEqual(
      readdirSync(`${packageRoot}tests/rules`).map((f) => f.replace(/\.test\.ts$/, '')).sort(),
      names,
    );
  });
});

describe('plugin object', () => {
  test('meta: name, version and namespace', () => {
    const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { name: string; version: string };
    assert.deepEqual(plugin.meta, { name: pkg.name, version: pkg.version, namespace: 'keyless' });
  });

  test('configs.recommended is a flat config derived from rule meta', () => {
    const expected = Object.fromEntries(
      Object.entries(rules).flatMap(([name, r]) => (r.meta.docs?.recommended ? [[`keyless/${name}`, r.meta.docs.recommended]] : [])),
    );
    assert.deepEqual(plugin.configs.recommended.rules, expected);
    // Every rule but the config-file ones (they need a parser or language for those files) is recommended.
    assert.deepEqual(
      Object.keys(rules).filter((n) => !(`keyless/${n}` in expected)),
      ['no-hardcoded-credentials-config', 'no-hardcoded-credentials-json'],
    );
    assert.deepEqual(plugin.configs.json.rules, { 'keyless/no-hardcoded-credentials-json': 'error' });
    assert.deepEqual(plugin.configs.env.rules, { 'keyless/no-hardcoded-credentials-config': 'error' });
    assert.deepEqual(plugin.configs.yaml.rules, { 'keyless/no-hardcoded-credentials-config': 'error' });
    assert.equal(plugin.configs.recommended.plugins?.['keyless'], plugin);
    assert.equal(plugin.rules['no-entra-secret-auth'], rules['no-entra-secret-auth'] as unknown);
  });

  test('no rule offers an autofix (credential swaps change runtime behaviour)', () => {
    for (const [name, rule] of Object.entries(rules)) {
      assert.equal((rule.meta as { fixable?: string }).fixable, undefined, name);
    }
  });
});
