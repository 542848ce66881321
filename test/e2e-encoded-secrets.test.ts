/**
 * Encoded secrets end to end (issue 15 item 3): `keyless scan` finds secrets written base64-,
 * percent-, escape- or entity-encoded, says so in every format (text `(base64-encoded)`, JSON
 * `encoding`, SARIF `properties.encoding`) at the encoded span, prints neither the decoded nor the
 * encoded form, and a baseline written for the secret in clear keeps matching it encoded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateGithubToken, generatePassword, generateStorageConnectionString } from '@keyless/scanner/detectors';
import { KEYLESS_BIN, removeTempDirs, SandboxRepo, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(prefix: string, files: Record<string, string>): string {
  const root = tempDir(prefix);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const connection = generateStorageConnectionString(501);
const accountKey = connection.match(/AccountKey=([^;]+)/)![1]!;
const github = generateGithubToken('ghp', 502);
const ghEntity = generateGithubToken('ghp', 503);
const password = `${generatePassword(504, 14)}@/`;

const encoded = {
  base64: b64(connection),
  escape: [...github].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  'html-entity': [...ghEntity].map((ch) => `&#x${ch.charCodeAt(0).toString(16)};`).join(''),
  percent: encodeURIComponent(password),
  percentConnection: encodeURIComponent(`Server=contoso;Database=orders;User ID=app;Password=${password};`),
};
const secrets = [accountKey, github, ghEntity, password];

const files = {
  'appsettings.json': `{\n  "Blob": {\n    "Settings": "${encoded.base64}"\n  }\n}\n`,
  'src/client.js': `// GitHub client\nconst token = "${encoded.escape}";\n`,
  'web.config': `<configuration>\n  <appSettings>\n    <add key="GitHub" value="${encoded['html-entity']}" />\n  </appSettings>\n</configuration>\n`,
  'src/db.ts': `export const connectionUrl = "https://contoso.com/setup?conn=${encoded.percentConnection}";\n`,
};

/** Every 10-character piece of `s`: none may appear in an output. */
function pieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 10 <= s.length; i++) out.push(s.slice(i, i + 10));
  return out;
}
function assertNothingShown(output: string): void {
  // The whole percent-encoded connection string is context (server, user) around its encoded password.
  const encodedSecrets = Object.entries(encoded).filter(([name]) => name !== 'percentConnection').map(([, text]) => text);
  for (const s of [...secrets, ...encodedSecrets]) {
    const leaked = pieces(s).find((p) => output.includes(p));
    assert.equal(leaked, undefined, `a piece of a secret or of its encoded form is shown: ${leaked}`);
  }
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  encoding?: string;
  secret: string;
  fingerprint: string;
}

describe('encoded secrets in every output format', () => {
  const root = tree('encoded', files);
  /** Where `text` of `path` is in the file: 1-based line, column and exclusive end column. */
  const place = (path: keyof typeof files, text: string) => {
    const content = files[path];
    const offset = content.indexOf(text);
    const lineStart = content.lastIndexOf('\n', offset) + 1;
    const line = content.slice(0, offset).split('\n').length;
    return { path, line, column: offset - lineStart + 1, endColumn: offset - lineStart + 1 + text.length };
  };
  // Report order: by path.
  const expected = [
    { ruleId: 'azure-storage-connection-string', ...place('appsettings.json', encoded.base64), encoding: 'base64' },
    { ruleId: 'github-token', ...place('src/client.js', encoded.escape), encoding: 'escape' },
    { ruleId: 'sql-connection-string-password', ...place('src/db.ts', encoded.percent), encoding: 'percent' },
    { ruleId: 'github-token', ...place('web.config', encoded['html-entity']), encoding: 'html-entity' },
  ];

  test('JSON: the encoded span, the encoding, a redacted secret', () => {
    const run = keyless(['scan', '--no-cache', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    assert.deepEqual(
      findings.map(({ ruleId, path, line, column, endColumn, encoding }) => ({ ruleId, path, line, column, endColumn, encoding })),
      expected,
    );
    assertNothingShown(run.stdout + run.stderr);
  });

  test('SARIF: properties.encoding and the encoded region', () => {
    const run = keyless(['scan', '--no-cache', '--format', 'sarif'], root);
    assert.equal(run.code, 1, run.stderr);
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; properties: { encoding?: string }; locations: { physicalLocation: { region: { startLine: number; startColumn: number; endColumn: number } } }[] }[] }[] }).runs[0]!.results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.properties.encoding, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn]),
      expected.map((e) => [e.ruleId, e.encoding, e.line, e.column]),
    );
    assertNothingShown(run.stdout + run.stderr);
  });

  test('text: "(<encoding>-encoded)" beside the redacted secret, the code frame masked', () => {
    const run = keyless(['scan', '--no-cache'], root);
    assert.equal(run.code, 1, run.stderr);
    for (const e of expected) assert.match(run.stdout, new RegExp(`secret \\S+  \\(${e.encoding}-encoded\\)`));
    assertNothingShown(run.stdout + run.stderr);
  });
});

describe('suppressions', () => {
  test('keyless-ignore on the encoded line, and an allowlist regex on the decoded secret', () => {
    const root = tree('encoded-suppressed', {
      'src/client.js': `// GitHub client\n// keyless-ignore-next-line\nconst token = "${encoded.escape}";\n`,
      'appsettings.json': files['appsettings.json'],
      'keyless.config.json': JSON.stringify({ allowlist: { values: [`^${accountKey.slice(0, 12).replace(/[+/]/g, '\\$&')}`] } }),
    });
    const run = keyless(['scan', '--no-cache', '--format', 'json'], root);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const { suppressed } = JSON.parse(run.stdout) as { suppressed?: Record<string, number> };
    assert.deepEqual([suppressed?.['inlineIgnore'], suppressed?.['allowlist']], [1, 1]);
  });
});

describe('fingerprints', () => {
  test('a baseline written for the secret in clear keeps matching it base64-encoded', () => {
    const clear = tree('encoded-clear', { 'appsettings.json': `{\n  "Blob": {\n    "Settings": "${connection}"\n  }\n}\n` });
    const written = keyless(['baseline', '--output', 'keyless-baseline.json'], clear);
    assert.equal(written.code, 0, written.stderr);
    const root = tree('encoded-after', { 'appsettings.json': files['appsettings.json'] });
    writeFileSync(join(root, 'keyless-baseline.json'), spawnSync('cat', [join(clear, 'keyless-baseline.json')], { encoding: 'utf8' }).stdout);
    const before = keyless(['scan', '--no-cache', '--format', 'json'], root);
    assert.equal(before.code, 1, before.stderr);
    const after = keyless(['scan', '--no-cache', '--baseline', 'keyless-baseline.json'], root);
    assert.equal(after.code, 0, after.stdout + after.stderr);
  });
});

describe('git scans find what the tree scan decodes', () => {
  // Files whose raw text holds no keyword of any detector: only the decoded value does. The keyword
  // gate of git scans must not skip them (found by a tree scan, so never clean in a history scan).
  const tokenB64 = generateGithubToken('ghp', 505);
  const tokenEntities = generateGithubToken('ghp', 506);
  const quiet = {
    'deploy.json': `{\n  "Deploy": "${b64(tokenB64)}"\n}\n`,
    'page.xml': `<p data-x="${[...tokenEntities].map((ch) => `&#${ch.charCodeAt(0)};`).join('')}"></p>\n`,
  };
  const rows = (stdout: string) =>
    (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.encoding ?? ''}`).sort();

  test('tree, --history, --range and --staged report the same encoded findings', () => {
    const repo = SandboxRepo.create('encoded-git');
    repo.commit('initial', { 'README.md': '# app\n' });
    const base = repo.head();
    repo.commit('settings', quiet);
    const tree = repo.keyless('scan', '--no-cache', '--format', 'json', '.');
    assert.equal(tree.status, 1, tree.stderr);
    const expected = rows(tree.stdout);
    assert.deepEqual(expected, ['deploy.json:2 github-token base64', 'page.xml:1 github-token html-entity']);
    const history = repo.keyless('scan', '--history', '--no-cache', '--format', 'json', '.');
    assert.equal(history.status, 1, history.stderr);
    assert.deepEqual(rows(history.stdout), expected);
    const range = repo.keyless('scan', '--range', `${base}..HEAD`, '--format', 'json', '.');
    assert.equal(range.status, 1, range.stderr);
    assert.deepEqual(rows(range.stdout), expected);

    const staged = SandboxRepo.create('encoded-staged');
    staged.commit('initial', { 'README.md': '# app\n' });
    for (const [path, text] of Object.entries(quiet)) staged.write(path, text);
    staged.git('add', '-A');
    const run = staged.keyless('scan', '--staged', '--format', 'json', '.');
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(rows(run.stdout), expected);
  });
});
