/**
 * Config loading and validation: the shipped schema accepts every documented key, rejects unknown
 * ones naming them, rule ids are checked against the catalog, custom detectors must be linear-time
 * and carry a `secret` group, and the file may contain comments.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../src/detect/catalog.js';
import { customDetectorProblem } from '../../src/config/check-detectors.js';
import { loadConfig, validateConfig } from '../../src/config/load-config.js';
import { CONFIG_SCHEMA_URL } from '../../src/config/schema.js';
import type { KeylessConfig } from '../../src/config/types.js';

const builtInId = catalog[0]?.id ?? 'missing';

const FULL: KeylessConfig = {
  $schema: './node_modules/@keyless/scanner/schema/keyless.config.schema.json',
  include: ['src/**'],
  exclude: ['**/fixtures/**'],
  rules: { [builtInId]: 'medium', 'my-token': 'off' },
  allowlist: { values: ['^EXAMPLE'], paths: ['docs/**'], fingerprints: ['0'.repeat(64)] },
  minConfidence: 'low',
  maxFileSize: 1000,
  posture: 'report',
  detectors: [{ id: 'my-token', title: 'My token', pattern: 'my_(?<secret>[a-z0-9]{20})', flags: 'i', keywords: ['my_'], severity: 'low' }],
};

function problem(value: unknown): string {
  try {
    validateConfig(value, 'k.json');
  } catch (err) {
    return (err as Error).message;
  }
  return 'valid';
}

describe('validateConfig', () => {
  test('a config using every key is valid', () => {
    assert.equal(problem(FULL), 'valid');
    assert.equal(problem({}), 'valid');
  });

  test('the schema documents exactly the keys of KeylessConfig', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(FULL).sort());
  });

  const cases: [string, unknown, string][] = [
    ['rule value', { rules: { [builtInId]: 'loud' } }, `invalid config k.json: /rules/${builtInId} must be one of "off", "on", "critical", "high", "medium", "low"`],
    ['unknown rule', { rules: { 'nope-rule': 'off' } }, "invalid config k.json: /rules/nope-rule is not a known rule id (list them with 'keyless explain --list')"],
    ['unknown top-level key', { excludes: [] }, 'invalid config k.json: /excludes is not a known key'],
    ['unknown nested key', { allowlist: { value: [] } }, 'invalid config k.json: /allowlist/value is not a known key'],
    ['negative size', { maxFileSize: 0 }, 'invalid config k.json: /maxFileSize must be >= 1'],
    ['posture setting', { posture: 'sometimes' }, 'invalid config k.json: /posture must be one of true, false, "report", "fail"'],
    ['confidence level', { minConfidence: 'sometimes' }, 'invalid config k.json: /minConfidence must be one of "low", "medium", "high"'],
    ['bad allowlist regex', { allowlist: { values: ['(unclosed'] } }, 'invalid config k.json: /allowlist/values/0 is not a valid regular expression'],
    ['detector id clash', { detectors: [{ id: builtInId, pattern: 'x(?<secret>y)', keywords: ['x'] }] }, `invalid config k.json: /detectors/0 (${builtInId}): id clashes with a built-in rule`],
    [
      'duplicate detector ids',
      { detectors: [{ id: 'a-b', pattern: 'x(?<secret>y)', keywords: ['x'] }, { id: 'a-b', pattern: 'z(?<secret>y)', keywords: ['z'] }] },
      'invalid config k.json: /detectors/1 (a-b): id is used by another custom detector',
    ],
    ['bad flag', { detectors: [{ id: 'a', pattern: 'x(?<secret>y)', keywords: ['x'], flags: 'g' }] }, 'invalid config k.json: /detectors/0/flags must match pattern "^[imsu]*$"'],
    ['empty keywords', { detectors: [{ id: 'a', pattern: 'x(?<secret>y)', keywords: [] }] }, 'invalid config k.json: /detectors/0/keywords must NOT have fewer than 1 items'],
    ['not an object', [], 'invalid config k.json: / must be object'],
    ['short fingerprint', { allowlist: { fingerprints: ['abc'] } }, 'invalid config k.json: /allowlist/fingerprints/0 must match pattern "^[0-9a-f]{64}$"'],
  ];
  for (const [name, value, message] of cases) {
    test(`rejects: ${name}`, () => assert.equal(problem(value), message));
  }
});

describe('custom detector patterns', () => {
  test('linear patterns with a secret group pass', () => {
    assert.equal(customDetectorProblem({ id: 'a', pattern: 'tok_(?<secret>[A-Za-z0-9]{32})\\b', keywords: ['tok_'] }), undefined);
  });
  test('exponential and polynomial patterns are rejected', () => {
    assert.match(customDetectorProblem({ id: 'a', pattern: 'k(?<secret>(a|a)*)$', keywords: ['k'] }) ?? '', /super-linear/);
    assert.match(customDetectorProblem({ id: 'a', pattern: '(?<secret>[a-z]+[a-z0-9]+)=', keywords: ['='] }) ?? '', /super-linear/);
  });
});

describe('loadConfig', () => {
  test('no file at PATH: empty config; keyless.config.json at PATH with comments and trailing commas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyless-config-'));
    try {
      assert.deepEqual(loadConfig({ root: dir, cwd: dir }), { config: {} });
      writeFileSync(join(dir, 'keyless.config.json'), '{\n  // fixtures hold fake keys\n  "exclude": ["fixtures/**",],\n}\n');
      const loaded = loadConfig({ root: dir, cwd: dir });
      assert.deepEqual(loaded.config, { exclude: ['fixtures/**'] });
      assert.equal(loaded.file, join(dir, 'keyless.config.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an explicit --config is named relative to cwd in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyless-config-'));
    try {
      const file = join(dir, 'custom.json');
      writeFileSync(file, '{"maxFileSize": "1MB"}');
      assert.throws(() => loadConfig({ root: dir, cwd: '/', configFile: file }), {
        name: 'ConfigError',
        message: `invalid config ${file.slice(1)}: /maxFileSize must be integer`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
