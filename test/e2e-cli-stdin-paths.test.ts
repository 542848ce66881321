/**
 * `keyless scan -` (standard input, `--stdin-filename` picks the reader and the reported path) and
 * `keyless scan a b c` (several files or directories, reported as given): exact findings, paths and
 * exit codes; bad combinations and missing paths are one-line errors with exit 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateGithubToken, generateIdentifiableKey, generateSendGridKey } from '@keyless/scanner/detectors';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function keyless(args: readonly string[], cwd: string, input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function makeTree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-stdin-paths-')));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  key?: string;
}
const brief = (stdout: string) =>
  (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((f) => [f.ruleId, f.path, f.line, f.column, f.key ?? null]);

const github = generateGithubToken('ghp', 61);
const sendGrid = generateSendGridKey(62);
const storage = generateIdentifiableKey('storage', 63);
const appsettings = `${JSON.stringify({ Storage: { AccountName: 'contosodata', AccountKey: storage } }, null, 2)}\n`;
const storageColumn = appsettings.split('\n')[3]!.indexOf(storage) + 1;

describe('keyless scan - (standard input)', () => {
  const cwd = makeTree({ 'README.md': '# empty\n' });

  test('--stdin-filename picks the JSON reader (the key path) and is the reported path', () => {
    const run = keyless(['scan', '-', '--stdin-filename', 'src/appsettings.json', '--format', 'json'], cwd, appsettings);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(brief(run.stdout), [['azure-storage-account-key', 'src/appsettings.json', 4, storageColumn, 'Storage:AccountKey']]);
    assert.match(run.stderr, /^keyless: scanned 1 file \(\d+ B\); 1 finding in /m);
  });

  test('without a name the path is <stdin>; the text report names it', () => {
    const run = keyless(['scan', '-'], cwd, `token: ${github}\n`);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], '<stdin>');
    assert.match(lines[1]!, /^ {2}1:8 +critical GitHub token {2}github-token$/);
    assert.ok(!run.stdout.includes(github), 'redacted');
  });

  test('clean input exits 0; binary input is listed as skipped, never scanned', () => {
    const clean = keyless(['scan', '-', '--format', 'json'], cwd, 'nothing to see\n');
    assert.equal(clean.code, 0, clean.stderr);
    assert.deepEqual(brief(clean.stdout), []);
    const binary = keyless(['scan', '-', '--stdin-filename', 'blob.bin'], cwd, Buffer.from([0, 1, 2, 0, 3, 0, 4, 0, 5]));
    assert.equal(binary.code, 0, binary.stderr);
    assert.match(binary.stderr, /blob\.bin/);
  });

  test('bad combinations are one-line usage errors (exit 2)', () => {
    const cases: [string[], string][] = [
      [['scan', '-', 'README.md'], "keyless: '-' (standard input) cannot be combined with other paths\n"],
      [['scan', '--stdin-filename', 'a.env'], "keyless: --stdin-filename needs '-' (standard input) as the path\n"],
      [['scan', '-', '--history'], "keyless: '-' (standard input) cannot be combined with --history\n"],
      [['scan', '-', '--stdin-filename', ''], 'keyless: --stdin-filename needs a file name\n'],
    ];
    for (const [args, first] of cases) {
      const run = keyless(args, cwd, '');
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr, `${first}keyless: run 'keyless scan --help' for usage\n`, args.join(' '));
    }
  });
});

describe('keyless scan PATH PATH... (several paths)', () => {
  const root = makeTree({
    'api/.env': `GITHUB_TOKEN=${github}\n`,
    'web/config/appsettings.json': appsettings,
    'mail.env': `SENDGRID_API_KEY=${sendGrid}\n`,
    'other/.env': `GITHUB_TOKEN=${github}\n`,
  });

  test('files and directories at once, each finding named by the path it was reached through', () => {
    const run = keyless(['scan', 'api', 'web', 'mail.env', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(brief(run.stdout), [
      ['github-token', 'api/.env', 1, 14, 'GITHUB_TOKEN'],
      ['sendgrid-api-key', 'mail.env', 1, 18, 'SENDGRID_API_KEY'],
      ['azure-storage-account-key', 'web/config/appsettings.json', 4, storageColumn, 'Storage:AccountKey'],
    ]);
    assert.match(run.stderr, /^keyless: scanned 3 files \(\d+ B\); 3 findings in /m);
  });

  test('overlapping paths report a finding once; a single path is reported relative to it, as before', () => {
    const overlap = keyless(['scan', 'api', 'api/.env', '--format', 'json'], root);
    assert.equal(overlap.code, 1, overlap.stderr);
    assert.deepEqual(brief(overlap.stdout), [['github-token', 'api/.env', 1, 14, 'GITHUB_TOKEN']]);
    const single = keyless(['scan', 'api', '--format', 'json'], root);
    assert.deepEqual(brief(single.stdout), [['github-token', '.env', 1, 14, 'GITHUB_TOKEN']]);
  });

  test('a missing path fails before anything is scanned: one line, exit 2', () => {
    const run = keyless(['scan', 'api', 'nope', 'web'], root);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'keyless: path not found: nope\n');
  });

  test('several paths are working-tree scans only', () => {
    const run = keyless(['scan', 'api', 'web', '--staged'], root);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "keyless: several paths cannot be combined with --staged\nkeyless: run 'keyless scan --help' for usage\n");
  });
});
