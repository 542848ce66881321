/**
 * `keyless scan` end to end on temporary directories: exit codes, exact JSON findings, redaction,
 * nested .gitignore, size/binary/symlink skips, config errors, usage errors, --output, formats.
 * Secrets come from a custom detector declared in each tree's keyless.config.json and are built at
 * run time, so these tests do not depend on the built-in catalog.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/scanner/bin/keyless.js', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fake token of the test detector: `tt_` + 32 chars of [a-z0-9] derived from `seed`. */
function token(seed: string): string {
  return ['tt', '_'].join('') + seed.repeat(32).slice(0, 32);
}

const DETECTOR = { id: 'test-token', title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] };
const CONFIG = JSON.stringify({ detectors: [DETECTOR] });

function makeTree(files: Record<string, string | Buffer>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-cli-')));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function keyless(args: readonly string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  secret: string;
  fingerprint: string;
  remediation: string;
}

function findingsOf(run: Run): JsonFinding[] {
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

function positions(run: Run): string[] {
  return findingsOf(run).map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column}-${f.endColumn}`);
}

describe('keyless scan (working tree)', () => {
  test('reports exact positions as JSON, redacted, and exits 1', () => {
    const a = token('abc123');
    const b = token('zz9');
    const root = makeTree({
      'keyless.config.json': CONFIG,
      'src/app.ts': `const x = 1;\nconst tok = "${a}";\n`,
      'config/settings.yml': `a: 1\nb:\n  c: ${b} # note\n`,
    });
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), [
      'test-token config/settings.yml:3:9-41',
      'test-token src/app.ts:2:17-49',
    ]);
    for (const f of findingsOf(run)) {
      assert.equal(f.severity, 'high');
      assert.match(f.fingerprint, /^[0-9a-f]{64}$/);
      assert.match(f.remediation, /[Rr]otate the leaked value/);
      assert.ok(f.secret.includes('*'), f.secret);
    }
    assert.ok(!run.stdout.includes(a.slice(3)) && !run.stdout.includes(b.slice(3)), 'secret leaked in JSON');
    assert.ok(!run.stderr.includes(a.slice(3)), 'secret leaked on stderr');
    assert.match(run.stderr, /keyless: scanned 3 files .*; 2 findings in \d+\.\d\d s/);
  });

  test('a clean tree prints no findings and exits 0', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': 'nothing here\n' });
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      findings: [],
      suppressed: { inlineIgnore: 0, allowlist: 0, baseline: 0, excludedPaths: 0, disabledRules: 0 },
    });
  });

  test('PATH argument: paths are relative to it, from any cwd', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'deep/a.env': `T=${token('q1')}\n` });
    const run = keyless(['scan', root, '--format', 'json'], tmpdir());
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token deep/a.env:1:6-38']);
  });

  test('PATH may name a single file', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'one/a.txt': `x ${token('f1le')}\n`, 'one/b.txt': `${token('f2le')}\n` });
    const run = keyless(['scan', 'one/a.txt', '--format', 'json', '--config', 'keyless.config.json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token a.txt:1:6-38']);
  });

  test('--no-redact shows the full secret', () => {
    const secret = token('k7');
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': `x ${secret}\n` });
    const run = keyless(['scan', '--format', 'json', '--no-redact'], root);
    assert.equal(findingsOf(run)[0]?.secret, secret.slice(3));
  });

  test('nested .gitignore files are honoured, with negation, and .git is never read', () => {
    const t = (s: string) => `v=${token(s)}\n`;
    const root = makeTree({
      'keyless.config.json': CONFIG,
      '.gitignore': 'build/\n*.secret\n',
      'build/out.js': t('b1'),
      'x.secret': t('b2'),
      'pkg/.gitignore': '*.log\n!keep.log\n',
      'pkg/debug.log': t('b3'),
      'pkg/keep.log': t('a4'),
      'pkg/deeper/other.log': t('b5'),
      'pkg/deeper/ok.txt': t('a6'),
      'other/debug.log': t('a7'),
      '.git/config': t('b8'),
      '.env': t('a9'),
    });
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      findingsOf(run).map((f) => f.path),
      ['.env', 'other/debug.log', 'pkg/deeper/ok.txt', 'pkg/keep.log'],
    );
  });

  test('binary files and files over maxFileSize are skipped and said so', () => {
    const secret = token('s1');
    // Binary as a whole: a few NULs in text would not be (they are scanned as separators).
    const binary = Buffer.concat([Buffer.from(Array.from({ length: 64 }, (_, i) => i % 8)), Buffer.from(`PNG ${secret}`)]);
    const root = makeTree({
      'keyless.config.json': JSON.stringify({ detectors: [DETECTOR], maxFileSize: 200 }),
      'big.txt': `${'x'.repeat(300)} ${secret}\n`,
      'image.png': binary,
      'small.txt': `${secret}\n`,
    });
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token small.txt:1:4-36']);
    assert.match(run.stderr, /^keyless: skipped \(over the size limit of 200 B, maxFileSize\): big\.txt$/m);
    assert.match(run.stderr, /skipped 2 \((1 over the size limit, 1 binary|1 binary, 1 over the size limit)\)/);
  });

  test('symbolic links are not followed; a link out of PATH is listed', () => {
    const outside = makeTree({ 'secret.txt': `${token('o1')}\n` });
    const root = makeTree({ 'keyless.config.json': CONFIG, 'inside.txt': `${token('i1')}\n` });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'out-link.txt'));
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(root, 'inside.txt'), join(root, 'in-link.txt'));
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token inside.txt:1:4-36']);
    assert.match(run.stderr, /^keyless: skipped \(symlink outside the scanned path\): out-dir$/m);
    assert.match(run.stderr, /^keyless: skipped \(symlink outside the scanned path\): out-link\.txt$/m);
    assert.doesNotMatch(run.stderr, /: in-link\.txt$/m);
    assert.match(run.stderr, /; skipped 3 \(/);
    assert.match(run.stderr, /2 symlink outside the scanned path/);
    assert.match(run.stderr, /1 symlink \(not followed\)/);
  });

  test('worker threads give the same report as the main thread alone', () => {
    const files: Record<string, string> = { 'keyless.config.json': CONFIG };
    for (let i = 0; i < 150; i++) {
      files[`d${i % 7}/f${i}.txt`] = i % 10 === 3 ? `line\n  v: ${token(`s${i}x7k`)}\n` : `plain ${i}\n`;
    }
    const root = makeTree(files);
    const single = keyless(['scan', '--format', 'json', '--quiet'], root, { KEYLESS_WORKERS: '0' });
    const threaded = keyless(['scan', '--format', 'json', '--quiet'], root, { KEYLESS_WORKERS: '2' });
    assert.equal(single.code, 1, single.stderr);
    assert.equal(threaded.code, 1, threaded.stderr);
    assert.equal(findingsOf(single).length, 15);
    assert.equal(threaded.stdout, single.stdout);
  });

  test('--quiet prints nothing on stderr', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': `${token('q1w2e3')}\n` });
    const run = keyless(['scan', '--quiet', '--format', 'json'], root);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
  });

  test('--output writes the report to a file; a missing directory is an error', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a.txt': `${token('w9x8y7')}\n` });
    const run = keyless(['scan', '--format', 'json', '--output', 'report.json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as { findings: unknown[] }).findings.length, 1);
    const bad = keyless(['scan', '--output', 'nope/report.json'], root);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'keyless: cannot write nope/report.json: directory nope does not exist\n');
    assert.ok(!existsSync(join(root, 'nope')));
  });

  test('text report: grouped by file, code frame redacted with a caret under the secret, remediation', () => {
    const secret = token('f00');
    const root = makeTree({ 'keyless.config.json': CONFIG, 'cfg/app.env': `# env\nVALUE_A=${secret}\n` });
    const run = keyless(['scan'], root);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'cfg/app.env');
    assert.match(lines[1]!, /^ {2}2:12 +high +Test token {2}test-token$/);
    const frame = lines.findIndex((l) => l.includes('2 | '));
    const code = lines[frame]!;
    const caret = lines[frame + 1]!;
    assert.equal(code, '    2 | VALUE_A=tt_f00f****************');
    assert.equal(caret.indexOf('^'), code.indexOf('f00f'));
    assert.equal(caret.trimEnd().length, code.length);
    assert.match(run.stdout, /Rotate the leaked value/);
    assert.match(run.stdout, /✖ 1 finding \(1 high\) in 1 file/);
    assert.ok(!run.stdout.includes(secret.slice(3)));
    assert.ok(!run.stdout.includes('\u001b['), 'no colour without a TTY');
    const coloured = keyless(['scan'], root, { NO_COLOR: '', FORCE_COLOR: '1' });
    assert.ok(coloured.stdout.includes('\u001b['), 'FORCE_COLOR colours');
  });

  test('--format github prints workflow annotations', () => {
    const root = makeTree({ 'keyless.config.json': CONFIG, 'a,b.txt': `x: ${token('gh')}\n` });
    const run = keyless(['scan', '--format', 'github'], root);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^::error file=a%2Cb\.txt,line=1,col=7,endColumn=39,title=Test token \(test-token\)::Test token: ghgh\*+\. .*Rotate the leaked value/,
    );
  });

  test('config: rules off, severity override, allowlisted values and paths, exclude globs', () => {
    const other = { id: 'other-token', pattern: 'ot_(?<secret>[a-z0-9]{20})', keywords: ['ot_'] };
    const root = makeTree({
      'keyless.config.json': JSON.stringify({
        detectors: [DETECTOR, other],
        rules: { 'other-token': 'off', 'test-token': 'low' },
        allowlist: { values: ['^dead'], paths: ['fixtures/**'] },
        exclude: ['**/*.snap'],
      }),
      'a.txt': `${token('dead')}\n${token('beef')}\n${['ot', '_'].join('')}${'a'.repeat(20)}\n`,
      'fixtures/f.txt': `${token('c1')}\n`,
      'x.snap': `${token('c2')}\n`,
    });
    const run = keyless(['scan', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token a.txt:2:4-36']);
    assert.equal(findingsOf(run)[0]?.severity, 'low');
  });

  test('--config FILE is used instead of PATH/keyless.config.json', () => {
    const root = makeTree({ 'settings/k.json': CONFIG, 'a.txt': `${token('cf')}\n` });
    assert.equal(keyless(['scan', '--format', 'json'], root).code, 0);
    const run = keyless(['scan', '--format', 'json', '--config', 'settings/k.json'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(positions(run), ['test-token a.txt:1:4-36']);
    const missing = keyless(['scan', '--config', 'nope.json'], root);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'keyless: config file not found: nope.json\n');
  });
});

describe('keyless scan: errors are one line and exit 2', () => {
  const cases: [string, unknown, RegExp][] = [
    ['bad rule setting', { rules: { foo: 'maybe' } }, /^keyless: invalid config keyless\.config\.json: \/rules\/foo must be one of "off", "on", "critical", "high", "medium", "low"\n$/],
    ['unknown rule id', { rules: { 'no-such-rule': 'off' } }, /^keyless: invalid config keyless\.config\.json: \/rules\/no-such-rule is not a known rule id/],
    ['unknown key', { exclude: [], colour: true }, /^keyless: invalid config keyless\.config\.json: \/colour is not a known key\n$/],
    ['wrong type', { maxFileSize: 'big' }, /^keyless: invalid config keyless\.config\.json: \/maxFileSize must be integer\n$/],
    ['no secret group', { detectors: [{ id: 'mine', pattern: 'tok_[a-z]{8}', keywords: ['tok_'] }] }, /^keyless: invalid config keyless\.config\.json: \/detectors\/0 \(mine\): pattern must contain a named group \(\?<secret>\.\.\.\)\n$/],
    ['ReDoS pattern', { detectors: [{ id: 'slow', pattern: 'k(?<secret>(a+)+)b', keywords: ['k'] }] }, /^keyless: invalid config keyless\.config\.json: \/detectors\/0 \(slow\): pattern can take super-linear time/],
    ['invalid regex', { detectors: [{ id: 'broken', pattern: 'k(?<secret>[a-', keywords: ['k'] }] }, /^keyless: invalid config keyless\.config\.json: \/detectors\/0 \(broken\): pattern is not a valid regular expression/],
    ['missing keywords', { detectors: [{ id: 'nokw', pattern: 'k(?<secret>a)' }] }, /^keyless: invalid config keyless\.config\.json: \/detectors\/0 is missing the required key 'keywords'\n$/],
  ];
  for (const [name, config, expected] of cases) {
    test(`invalid config: ${name}`, () => {
      const root = makeTree({ 'keyless.config.json': JSON.stringify(config), 'a.txt': 'x\n' });
      const run = keyless(['scan'], root);
      assert.equal(run.code, 2);
      assert.match(run.stderr, expected);
      assert.equal(run.stdout, '');
    });
  }

  test('config that is not JSON names the line', () => {
    const root = makeTree({ 'keyless.config.json': '{\n  "exclude": [\n}\n' });
    const run = keyless(['scan'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^keyless: invalid config keyless\.config\.json: not valid JSON \(\w+ at line 3\)\n$/);
  });

  test('usage errors', () => {
    const root = makeTree({ 'a.txt': 'x\n' });
    const expectations: [string[], string][] = [
      [['scan', '--frobnicate'], "keyless: unknown option '--frobnicate'\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', '--history', '--staged'], "keyless: --history and --staged cannot be combined\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', '--range', 'a..b', '--history'], "keyless: --history and --range cannot be combined\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', '--format', 'xml'], "keyless: --format must be one of text, json, sarif, github, azure (got 'xml')\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', '--output'], "keyless: option '--output' needs a value\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', 'no/such/dir'], 'keyless: path not found: no/such/dir\n'],
      [['scan', 'a.txt', 'b'], 'keyless: path not found: b\n'],
      [['baseline', 'a', 'b', '--output', 'x'], "keyless: unexpected argument 'b'\nkeyless: run 'keyless baseline --help' for usage\n"],
      [['frob'], "keyless: unknown command 'frob'\nkeyless: run 'keyless --help' for usage\n"],
      [['baseline'], "keyless: --output FILE is required\nkeyless: run 'keyless baseline --help' for usage\n"],
      [['scan', '--prune'], "keyless: --prune needs --baseline FILE\nkeyless: run 'keyless scan --help' for usage\n"],
      [['scan', '--range', 'main'], "keyless: --range needs A..B (got 'main')\nkeyless: run 'keyless scan --help' for usage\n"],
    ];
    for (const [args, stderr] of expectations) {
      const run = keyless(args, root);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr, stderr, args.join(' '));
    }
  });

  test('--debug adds a stack trace to errors', () => {
    const root = makeTree({});
    const run = keyless(['scan', 'missing', '--debug'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^keyless: path not found: missing\n/);
    assert.match(run.stderr, /\n {4}at /);
  });
});

describe('keyless help, version, explain', () => {
  test('--help and scan --help exit 0 with usage on stdout', () => {
    const root = makeTree({});
    const main = keyless(['--help'], root);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /keyless scan \[PATH\]/);
    const scan = keyless(['scan', '--help'], root);
    assert.equal(scan.code, 0);
    for (const option of ['--history', '--range', '--staged', '--format', '--output', '--baseline', '--config', '--no-redact', '--no-cache', '--quiet']) {
      assert.ok(scan.stdout.includes(option), option);
    }
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../packages/scanner/package.json', import.meta.url)), 'utf8')) as { version: string };
    const run = keyless(['--version'], makeTree({}));
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${pkg.version}\n`);
  });

  test('explain: an unknown rule is one line and exit 2', () => {
    const run = keyless(['explain', 'no-such-rule'], makeTree({}));
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "keyless: unknown rule 'no-such-rule' (list the rule ids with 'keyless explain --list')\n");
  });
});
