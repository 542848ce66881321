/**
 * README.md's snippets are executed or parsed, so the documentation cannot drift from the product:
 * every code block is named and checked here or in readme-integrations.test.ts; the rule tables
 * match the catalog and the ESLint plugin; CLI, config, baseline, inline-ignore, explain,
 * `--format github` and ESLint snippets run against temporary repositories.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { ESLint } from 'eslint';
import { catalog, generateLegacyAccountKey, generateJwt } from '@keyless/scanner/detectors';
import keylessPlugin from '@keyless/eslint-plugin';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { commandLines, parseSnippets, readReadme, snippet, type Snippet } from './helpers/readme-snippets.js';
import { REPO_ROOT, SandboxRepo, keylessShimDir, removeTempDirs, run, tempDir } from './helpers/sandbox-repo.js';

/** Every named snippet; each is checked in this file, readme-integrations.test.ts or eslint-project-shapes.test.ts. */
const CHECKED_SNIPPETS = [
  'quickstart-setup',
  'quickstart-test',
  'install',
  'install-eslint',
  'cli',
  'scale-out',
  'config',
  'baseline',
  'inline-ignore',
  'explain',
  'install-hook',
  'pre-commit-config',
  'pre-commit-local',
  'husky-pre-commit',
  'lint-staged-config',
  'lefthook-config',
  'github-actions',
  'github-format',
  'azure-pipelines',
  'eslint-config',
  'eslint-config-cjs',
  'eslint-config-ts',
  'eslint-incorrect',
  'eslint-correct',
  'eslint-json-config',
];

interface JsonFinding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
}

let snippets: Snippet[];
let planted: PlantedSecret;
let shimPath: string;

before(() => {
  snippets = parseSnippets(readReadme());
  planted = plantedSecret();
  shimPath = `${keylessShimDir()}:${process.env['PATH'] ?? ''}`;
});
after(removeTempDirs);

/** Runs one documented shell line in the repo, with `keyless` on PATH. */
function sh(repo: SandboxRepo, script: string, extraEnv: Record<string, string> = {}) {
  return run('sh', ['-c', script], repo.dir, { ...repo.env, PATH: shimPath, ...extraEnv });
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

/** A markdown table's rows (after the header separator) that follow `header`, as cell arrays. */
function tableAfter(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  assert.notEqual(start, -1, `README has the table "${header}"`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
    rows.push((lines[i] ?? '').split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

describe('README snippets', () => {
  test('every code block is named and checked (output samples excepted)', () => {
    const unnamed = snippets.filter((s) => s.name === undefined && s.lang !== 'text');
    assert.deepEqual(unnamed.map((s) => `README.md:${s.line}`), [], 'blocks without a <!-- snippet: NAME --> marker');
    const names = snippets.flatMap((s) => (s.name ? [s.name] : []));
    assert.deepEqual([...names].sort(), [...CHECKED_SNIPPETS].sort());
  });

  test('the first two commands are the setup+scan and the test command, and CI runs the same', () => {
    const [first, second] = snippets;
    assert.equal(first?.name, 'quickstart-setup');
    assert.equal(
      first?.body,
      'npx -y pnpm@10.34.9 install --frozen-lockfile && npx -y pnpm@10.34.9 run build && node packages/scanner/bin/keyless.js scan .\n',
    );
    assert.equal(second?.name, 'quickstart-test');
    assert.equal(second?.body, 'npx -y pnpm@10.34.9 test\n');
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
    assert.equal(pkg.packageManager, 'pnpm@10.34.9', 'the README pins the pnpm of packageManager');
    const ci = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /install --frozen-lockfile/);
    assert.match(ci, /"pnpm@\$\{PNPM_VERSION\}" test/);
  });

  test('the rule table lists exactly the catalog (id, severity, title)', () => {
    const rows = tableAfter(readReadme(), '| Rule | Severity | Finds |');
    const expected = [...catalog]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((d) => [`\`${d.id}\``, d.severity, d.title]);
    assert.deepEqual(rows, expected, `expected rows:\n${expected.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
  });

  test('the ESLint rule table lists exactly the plugin rules', () => {
    const rows = tableAfter(readReadme(), '| Rule | Reports |');
    assert.deepEqual(
      rows.map((r) => r[0]),
      Object.keys(keylessPlugin.rules)
        .sort()
        .map((n) => `\`keyless/${n}\``),
    );
  });
});

describe('README: CLI, configuration, baseline, ignores, explain', () => {
  test('cli: every documented scan runs and finds the planted secret (exit 1)', () => {
    const repo = SandboxRepo.create('readme-cli');
    repo.commit('initial', { 'README.md': '# app\n' });
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    repo.commit('add settings', { 'config/settings.txt': `${planted.line}\n` });
    repo.write('staged.txt', `${planted.line}\n`);
    repo.git('add', 'staged.txt');
    const lines = commandLines(snippet(snippets, 'cli').body);
    assert.equal(lines.length, 6);
    for (const line of lines) {
      const r = sh(repo, line);
      assert.equal(r.status, 1, `${line}\n${r.stderr}`);
    }
    const report = findings(readFileSync(join(repo.dir, 'report.json'), 'utf8'));
    assert.deepEqual(report.map((f) => f.path).sort(), ['config/settings.txt', 'staged.txt']);
  });

  test('scale-out: the four shards merged are the unsharded history scan; scan-repos reports the repository', () => {
    const repo = SandboxRepo.create('readme-scale-out');
    repo.commit('one', { 'config/settings.txt': `${planted.line}\n`, 'README.md': '# app\n' });
    repo.commit('two', { 'deploy/app.env': `${planted.line}\n`, 'src/a.txt': 'a\n', 'src/b.txt': 'b\n' });
    repo.commit('three', { 'config/settings.txt': '# moved to Key Vault\n', 'ops/old.txt': `${planted.line}\n` });
    const lines = commandLines(snippet(snippets, 'scale-out').body);
    assert.equal(lines.length, 3);
    const [shardLine, mergeLine, reposLine] = lines as [string, string, string];
    assert.ok(shardLine.includes('--shard 2/4') && shardLine.includes('shard-2.json'), shardLine);
    for (const i of [1, 2, 3, 4]) {
      const line = shardLine.replace('--shard 2/4', `--shard ${i}/4`).replace('shard-2.json', `shard-${i}.json`);
      const r = sh(repo, line);
      assert.ok(r.status === 0 || r.status === 1, `${line}\n${r.stderr}`);
    }
    const merged = sh(repo, mergeLine);
    assert.equal(merged.status, 1, merged.stderr);
    const whole = sh(repo, 'keyless scan --history --no-cache --format json');
    assert.equal(whole.status, 1, whole.stderr);
    const key = (f: JsonFinding & { commit?: string }) => `${f.path}:${f.line}:${f.ruleId}:${f.commit ?? ''}`;
    const expected = findings(whole.stdout).map(key).sort();
    assert.equal(expected.length, 3, whole.stdout);
    assert.deepEqual(findings(readFileSync(join(repo.dir, 'history.json'), 'utf8')).map(key).sort(), expected);

    repo.write('repos.txt', `${repo.dir}\n`);
    const org = sh(repo, reposLine);
    assert.equal(org.status, 1, org.stderr);
    const orgFindings = findings(readFileSync(join(repo.dir, 'org.json'), 'utf8')) as (JsonFinding & { repository?: string })[];
    assert.deepEqual(orgFindings.map(key).sort(), expected);
    assert.ok(orgFindings.every((f) => f.repository === repo.dir), JSON.stringify(orgFindings.map((f) => f.repository)));
  });

  test('config: valid against the shipped schema, and each setting takes effect', () => {
    const text = snippet(snippets, 'config').body;
    const config = JSON.parse(text) as Record<string, unknown>;
    const schema = JSON.parse(
      readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'schema', 'keyless.config.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate(config), true, JSON.stringify(validate.errors));

    const repo = SandboxRepo.create('readme-config');
    const customKey = `ctso_${createHash('sha256').update('readme').digest('hex').slice(0, 32)}`;
    repo.write('tests/fixtures/leak.txt', `${planted.line}\n`);
    repo.write('docs/examples/leak.txt', `${planted.line}\n`);
    repo.write('src/client.md', `Call the API with ${customKey} in the header.\n`);
    repo.write('src/token.json', `${JSON.stringify({ accessToken: generateJwt(5) })}\n`);
    repo.write('src/settings.env', `API_TOKEN=ci-fixture-${createHash('sha256').update('fixture').digest('base64').slice(0, 20)}\n`);
    repo.write('src/big.txt', `${planted.line}\n${'x'.repeat(1_100_000)}\n`);

    const without = findings(repo.keyless('scan', '.', '--format', 'json', '--quiet').stdout);
    const rulesBefore = new Set(without.map((f) => `${f.path} ${f.ruleId}`));
    for (const expected of [
      `tests/fixtures/leak.txt ${planted.ruleId}`,
      `docs/examples/leak.txt ${planted.ruleId}`,
      'src/token.json jwt-token',
      'src/settings.env generic-secret-assignment',
      `src/big.txt ${planted.ruleId}`,
    ]) {
      assert.ok(rulesBefore.has(expected), `without the config keyless reports ${expected}: ${[...rulesBefore].join(', ')}`);
    }

    repo.write('keyless.config.json', text);
    const r = repo.keyless('scan', '.', '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const withConfig = findings(r.stdout);
    assert.deepEqual(
      withConfig.map((f) => `${f.path} ${f.ruleId} ${f.severity}`),
      ['src/client.md contoso-api-key high'],
      'exclude, allowlist paths and values, rules off and maxFileSize drop the rest; the custom detector reports',
    );
    assert.match(r.stderr, /skipped/, 'the oversized file is reported as skipped');
  });

  test('config: a rule severity override changes the reported severity', () => {
    const repo = SandboxRepo.create('readme-config-severity');
    repo.write('keyless.config.json', snippet(snippets, 'config').body);
    repo.write('app.env', `DB_PASSWORD=${createHash('sha256').update('pw').digest('base64').slice(0, 20)}\n`);
    const all = findings(repo.keyless('scan', '.', '--format', 'json', '--quiet').stdout);
    assert.deepEqual(
      all.map((f) => `${f.ruleId} ${f.severity}`),
      ['generic-secret-assignment medium'],
    );
  });

  test('baseline: recorded findings pass, a new one fails', () => {
    const repo = SandboxRepo.create('readme-baseline');
    repo.commit('legacy', { 'legacy.txt': `${planted.line}\n` });
    assert.equal(repo.keyless('scan', '--quiet').status, 1);
    const body = snippet(snippets, 'baseline').body;
    const r = sh(repo, `set -e\n${body}`);
    assert.equal(r.status, 0, r.stderr);
    const baseline = readFileSync(join(repo.dir, '.keyless-baseline.json'), 'utf8');
    assert.ok(!baseline.includes(planted.secret), 'the baseline holds no secret');
    // The fingerprint names the secret under its rule, not its path: a copy in another file is known.
    repo.write('copy.txt', `${planted.line}\n`);
    assert.equal(sh(repo, commandLines(body)[1] ?? '').status, 0, 'the same secret elsewhere is in the baseline');
    repo.write('new.txt', `STORAGE=DefaultEndpointsProtocol=https;AccountName=kltest;AccountKey=${generateLegacyAccountKey(3)}\n`);
    const fresh = sh(repo, commandLines(body)[1] ?? '');
    assert.equal(fresh.status, 1, 'a new finding is reported');
  });

  test('inline-ignore: the directive silences exactly the next line', () => {
    const body = snippet(snippets, 'inline-ignore').body;
    assert.ok(body.includes('<key>'));
    const text = body.replace('<key>', generateLegacyAccountKey(7));
    const repo = SandboxRepo.create('readme-ignore');
    repo.write('.env', text);
    const ignored = repo.keyless('scan', '.', '--format', 'json', '--quiet');
    assert.equal(ignored.status, 0, ignored.stdout);
    repo.write('.env', text.split('\n').slice(1).join('\n'));
    const reported = findings(repo.keyless('scan', '.', '--format', 'json', '--quiet').stdout);
    assert.deepEqual(
      reported.map((f) => `${f.path}:${f.line} ${f.ruleId}`),
      ['.env:1 azure-storage-connection-string'],
    );
  });

  test('explain: prints the managed-identity guidance; --list names every rule', () => {
    const repo = SandboxRepo.create('readme-explain');
    const [one, list] = commandLines(snippet(snippets, 'explain').body);
    const r = sh(repo, one ?? '');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ManagedIdentityCredential/);
    assert.match(r.stdout, /[Rr]otate/);
    const l = sh(repo, list ?? '');
    assert.equal(l.status, 0, l.stderr);
    for (const d of catalog) assert.ok(l.stdout.includes(d.id), `--list names ${d.id}`);
  });

  test('github-format: annotations as documented, and the sample output is real output', () => {
    const repo = SandboxRepo.create('readme-github');
    repo.write('conf.txt', `AccountKey=${generateLegacyAccountKey(3)}\n`);
    const r = sh(repo, commandLines(snippet(snippets, 'github-format').body)[0] ?? '');
    assert.equal(r.status, 1, r.stderr);
    const sample = snippets.find((s) => s.lang === 'text' && s.body.startsWith('::'));
    assert.ok(sample, 'README shows a sample annotation');
    const shown = sample.body.trimEnd().replace(/ \.\.\.$/, '');
    assert.ok(r.stdout.startsWith(shown), `sample:\n${shown}\nactual:\n${r.stdout}`);
    assert.match(r.stdout, /^::error file=conf\.txt,line=1,col=12,endColumn=\d+,title=[^:]+::[^\n]+\n$/);
  });
});

describe('README: ESLint plugin', () => {
  /**
   * Lints `code` as `fileName` in a temp project whose eslint.config.js is the README snippet
   * `configSnippet` (the plugin and @eslint/json linked into its node_modules).
   */
  async function lintWithReadmeConfig(
    code: string,
    configSnippet = 'eslint-config',
    fileName = 'app.js',
  ): Promise<{ line: number; ruleId: string | null }[]> {
    const project = tempDir('readme-eslint');
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, '@keyless'), { recursive: true });
    mkdirSync(join(modules, '@eslint'), { recursive: true });
    const plugin = join(REPO_ROOT, 'packages', 'eslint-plugin');
    symlinkSync(plugin, join(modules, '@keyless', 'eslint-plugin'), 'dir');
    symlinkSync(join(plugin, 'node_modules', '@eslint', 'json'), join(modules, '@eslint', 'json'), 'dir');
    writeFileSync(join(project, 'eslint.config.js'), snippet(snippets, configSnippet).body);
    const eslint = new ESLint({ cwd: project, overrideConfigFile: join(project, 'eslint.config.js') });
    const [result] = await eslint.lintText(code, { filePath: join(project, fileName) });
    assert.ok(result);
    return result.messages.map((m) => ({ line: m.line, ruleId: m.ruleId }));
  }

  test('the recommended config reports each marked line with its rule', async () => {
    const code = snippet(snippets, 'eslint-incorrect').body;
    const expected = code
      .split('\n')
      .flatMap((l, i) => [...l.matchAll(/\/\/ (keyless\/[a-z-]+)/g)].map((m) => ({ line: i + 1, ruleId: m[1] ?? null })));
    assert.ok(expected.length >= 2);
    assert.deepEqual(await lintWithReadmeConfig(code), expected);
  });

  test('the managed-identity version passes', async () => {
    assert.deepEqual(await lintWithReadmeConfig(snippet(snippets, 'eslint-correct').body), []);
  });

  test('the JSON config reports a storage key in appsettings.json, and still lints code', async () => {
    const settings = `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "ConnectionStrings": {\n    "Storage": "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${generateLegacyAccountKey(9)}"\n  }\n}\n`;
    assert.deepEqual(await lintWithReadmeConfig(settings, 'eslint-json-config', 'appsettings.json'), [
      { line: 4, ruleId: 'keyless/no-hardcoded-credentials-json' },
    ]);
    const code = snippet(snippets, 'eslint-incorrect').body;
    assert.deepEqual(
      await lintWithReadmeConfig(code, 'eslint-json-config'),
      await lintWithReadmeConfig(code),
      'JavaScript is linted as with the recommended config alone',
    );
  });

  test('each rule has the docs page the README points to', () => {
    for (const name of Object.keys(keylessPlugin.rules)) {
      assert.ok(existsSync(join(REPO_ROOT, 'packages', 'eslint-plugin', 'docs', 'rules', `${name}.md`)), name);
    }
  });
});
