/**
 * `keyless scan --format sarif` end to end: the log validates against the SARIF 2.1.0 schema that
 * ships with @microsoft/jest-sarif, and carries the fields design.md §2 fixes (rules with help and
 * helpUri, levels, relative forward-slash URIs, regions, keyless fingerprints, redacted messages).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const require = createRequire(import.meta.url);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The SARIF 2.1.0 schema (draft-04 style; its `$schema`/`id` are dropped for ajv 8). */
function sarifValidator() {
  const file = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['id'];
  return new Ajv({ strict: false, logger: false, unicodeRegExp: false, allErrors: true }).compile(schema);
}

function makeTree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-sarif-')));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const CONFIG = JSON.stringify({
  detectors: [
    { id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'], severity: 'critical' },
    { id: 'test-note', title: 'Test note', pattern: 'tn_(?<secret>[a-z0-9]{24})', keywords: ['tn_'], severity: 'low' },
  ],
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string };
  helpUri: string;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

test('SARIF output validates against the 2.1.0 schema and carries the contract fields', () => {
  const secret = ['tt', '_'].join('') + 'k3j5h7g9'.repeat(4);
  const note = ['tn', '_'].join('') + 'p0o9i8u7'.repeat(3);
  const root = makeTree({
    'keyless.config.json': CONFIG,
    'src/sub dir/app.ts': `// app\nconst a = "${secret}";\n`,
    'notes.md': `see ${note}\n`,
  });
  const run = spawnSync(process.execPath, [BIN, 'scan', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const log = JSON.parse(run.stdout) as SarifLog;
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0]!.tool;
  assert.equal(driver.name, 'keyless');
  const rule = driver.rules.find((r) => r.id === 'test-token');
  assert.ok(rule, 'custom rule listed in tool.driver.rules');
  assert.equal(rule.name, 'TestToken');
  assert.equal(rule.shortDescription.text, 'Test token');
  assert.match(rule.help.text, /[Rr]otate the leaked value/);
  assert.match(rule.helpUri, /^https:\/\//);

  const results = log.runs[0]!.results;
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region]),
    [
      ['test-note', 'note', 'notes.md', { startLine: 1, startColumn: 8, endLine: 1, endColumn: 32 }],
      ['test-token', 'error', 'src/sub%20dir/app.ts', { startLine: 2, startColumn: 15, endLine: 2, endColumn: 47 }],
    ],
  );
  for (const r of results) {
    assert.equal(driver.rules[r.ruleIndex]!.id, r.ruleId);
    assert.match(r.partialFingerprints['keyless/v2']!, /^[0-9a-f]{64}$/);
  }
  assert.ok(!run.stdout.includes(secret.slice(3)), 'secret leaked into SARIF');
  assert.ok(!run.stdout.includes(note.slice(3)), 'secret leaked into SARIF');
  assert.match(results[1]!.message.text, /^Test token: k3j5\*+\. /);
});

test('an empty SARIF log (no findings) is valid too', () => {
  const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': 'clean\n' });
  const run = spawnSync(process.execPath, [BIN, 'scan', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const log = JSON.parse(run.stdout) as SarifLog;
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(log.runs[0]!.results, []);
});
