/**
 * Lint/scan parity: every catalog detector's positive example, placed in a string literal, is
 * reported by `keyless/no-hardcoded-credentials` under that detector's id, at the offsets the
 * scanner's engine gives; its negative examples are not reported under its id. An assignment
 * detector's examples are reported under its id, or under the pattern detector that the scanner
 * would prefer for that value.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { ESLint, Linter } from 'eslint';
import plugin from '@keyless/eslint-plugin';
import { catalog, createEngine, generateEntraClientSecret, generateGithubToken, generateIdentifiableKey } from '@keyless/scanner/detectors';
import { isolatedEnv, KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  { files: ['**/*.js'], plugins: { keyless: plugin }, rules: { 'keyless/no-hardcoded-credentials': 'error' } },
];
const engine = createEngine(catalog);
const PREFIX = 'const value = ';

function lintIds(code: string): { id: string; line: number; column: number }[] {
  return linter.verify(code, config, { filename: 'parity.js' }).map((m) => {
    assert.equal(m.fatal, undefined, m.message);
    const id = /keyless ([a-z0-9-]+)\)/.exec(m.message)?.[1] ?? '?';
    return { id, line: m.line, column: m.column };
  });
}

describe('lint/scan parity over the catalog', () => {
  test('the catalog is not empty', () => {
    assert.ok(catalog.length > 20, `only ${catalog.length} detectors`);
  });

  for (const d of catalog) {
    test(`${d.id}: positive examples are reported, negatives are not`, () => {
      if (d.kind === 'pattern') {
        const { positive, negative } = d.examples();
        assert.ok(positive.length > 0, 'no positive example');
        for (const text of positive) {
          const literal = JSON.stringify(text);
          const found = lintIds(`${PREFIX}${literal};`);
          assert.ok(found.some((f) => f.id === d.id), `not reported in ${literal.slice(0, 60)}…: ${JSON.stringify(found)}`);
          // Where the literal has no escapes, the column is the scanner engine's offset.
          if (literal.length === text.length + 2) {
            const match = engine.scanText(text).find((m) => m.detector.id === d.id)!;
            assert.ok(found.some((f) => f.id === d.id && f.line === 1 && f.column === PREFIX.length + 2 + match.start));
          }
        }
        for (const text of negative) {
          const found = lintIds(`${PREFIX}${JSON.stringify(text)};`);
          assert.ok(!found.some((f) => f.id === d.id), `negative reported: ${JSON.stringify(text).slice(0, 60)}`);
        }
      } else {
        const { positive, negative } = d.examples();
        assert.ok(positive.length > 0, 'no positive example');
        for (const { key, value } of positive) {
          const found = lintIds(`const config = { ${JSON.stringify(key)}: ${JSON.stringify(value)} };`);
          // As in the scanner, a pattern detector that recognises the value itself takes precedence.
          const patternIds: string[] = engine.scanText(value).map((m) => m.detector.id);
          const expected: string[] = patternIds.length > 0 ? patternIds : [d.id];
          assert.deepEqual(found.map((f) => f.id), expected, `${key}: ${JSON.stringify(found)}`);
        }
        for (const { key, value } of negative) {
          const found = lintIds(`const config = { ${JSON.stringify(key)}: ${JSON.stringify(value)} };`);
          assert.ok(!found.some((f) => f.id === d.id), `${key}: negative reported`);
        }
      }
    });
  }
});

/**
 * One configuration for editor and CI (issue 17): the CLI and ESLint run over the same repository,
 * whose keyless.config.json excludes a folder, allowlists a value and a reviewed fingerprint, turns a
 * rule off, overrides a severity and adds a custom detector, and whose files carry keyless-ignore
 * comments. Both report exactly the same hardcoded-credential findings (rule, file, position, severity).
 */
describe('CLI and ESLint agree under the repository keyless.config.json', () => {
  const root = tempDir('parity-config');
  after(removeTempDirs);
  const storage = [1, 2, 3, 4, 5, 6].map((seed) => generateIdentifiableKey('storage', seed));
  const entra = generateEntraClientSecret(3);
  const entraRule = engine.scanText(entra)[0]!.detector.id;
  const github = generateGithubToken('ghp', 4);
  const githubRule = engine.scanText(github)[0]!.detector.id;
  const acme = `acme_${createHash('sha256').update('parity').digest('hex').slice(0, 32)}`;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const files: Record<string, string> = {
    'src/app.js': [
      `export const kept = "${storage[0]}";`,
      `export const allowlisted = "${storage[1]}";`,
      `export const reviewed = "${storage[2]}";`,
      `export const ignored = "${storage[3]}"; // keyless-ignore`,
      '// keyless-ignore-next-line',
      `export const ignoredNext = "${storage[4]}";`,
      `export const off = "${entra}";`,
      `export const lowered = "${github}";`,
      `export const custom = "${acme}";`,
      `export const otherRuleIgnored = "${storage[5]}"; // keyless-ignore ${entraRule}`,
      '',
    ].join('\n'),
    'vendor/lib.js': `export const vendored = "${storage[0]}";\n`,
  };

  function config(fingerprints: string[]): string {
    return JSON.stringify({
      exclude: ['vendor/**'],
      rules: { [entraRule]: 'off', [githubRule]: 'low' },
      allowlist: { values: [`^${escape(storage[1]!)}$`], fingerprints },
      detectors: [{ id: 'acme-token', title: 'ACME token', pattern: 'acme_(?<secret>[a-f0-9]{32})', keywords: ['acme_'], severity: 'high' }],
    });
  }

  interface Seen {
    path: string;
    ruleId: string;
    line: number;
    column: number;
    severity: string;
  }

  function cliFindings(): (Seen & { fingerprint: string })[] {
    const r = spawnSync(process.execPath, [KEYLESS_BIN, 'scan', '.', '--format', 'json', '--quiet'], { cwd: root, encoding: 'utf8', env: isolatedEnv(root) });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const json = JSON.parse(r.stdout) as { findings: (Seen & { fingerprint: string })[] };
    return json.findings.map((f) => ({ path: f.path, ruleId: f.ruleId, line: f.line, column: f.column, severity: f.severity, fingerprint: f.fingerprint }));
  }

  async function eslintFindings(): Promise<Seen[]> {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.js'], plugins: { keyless: plugin }, rules: { 'keyless/no-hardcoded-credentials': 'error' } }],
    });
    const results = await eslint.lintFiles(['src/**/*.js', 'vendor/**/*.js']);
    return results.flatMap((r) =>
      r.messages.map((m) => {
        assert.equal(m.fatal, undefined, m.message);
        const [, severity, ruleId] = /\((low|medium|high|critical), keyless ([a-z0-9-]+)\)/.exec(m.message) ?? [];
        return { path: relative(root, r.filePath), ruleId: ruleId ?? '?', line: m.line, column: m.column, severity: severity ?? '?' };
      }),
    );
  }

  const order = (a: Seen, b: Seen) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column;

  test('same findings, after exclusions, allowlists, rule settings, custom detectors and inline ignores', async () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, 'vendor'), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    execFileSync('git', ['init', '-q'], { cwd: root, env: isolatedEnv(root) });
    // The reviewed fingerprint is the CLI's own for the third key.
    writeFileSync(join(root, 'keyless.config.json'), config([]));
    const reviewed = cliFindings().find((f) => f.line === 3);
    assert.ok(reviewed, 'the CLI reports the key to review');
    writeFileSync(join(root, 'keyless.config.json'), config([reviewed.fingerprint]));

    const cli = cliFindings()
      .map(({ fingerprint: _, ...f }) => f)
      .sort(order);
    const lint = (await eslintFindings()).sort(order);
    assert.deepEqual(lint, cli);
    // What is left: the kept key, the GitHub token at its lowered severity, the custom detector's
    // token, and the key whose ignore comment names another rule.
    assert.deepEqual(
      cli.map((f) => [f.path, f.line, f.ruleId, f.severity]),
      [
        ['src/app.js', 1, 'azure-storage-account-key', 'critical'],
        ['src/app.js', 8, githubRule, 'low'],
        ['src/app.js', 9, 'acme-token', 'high'],
        ['src/app.js', 10, 'azure-storage-account-key', 'critical'],
      ],
    );
  });
});
