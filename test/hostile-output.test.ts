/**
 * Output cannot be turned against the reader (issue 12, item 5), end to end with the built CLI on
 * temporary repositories whose data attacks the reader: file names with terminal escape sequences
 * (`ESC ] 0;pwned BEL` retitles a terminal, `ESC [2J` clears it), a carriage return, a name that is
 * a GitHub workflow command (`::error::pwned`), a line with bidi overrides ("Trojan Source"), a key
 * that injects `::set-env` / `::add-mask` on new lines, an author with ESC in a history scan, a
 * skipped file and a malformed file whose names reach the stderr summary, a stale baseline entry
 * with a hostile path, two secrets on one line of which one is baselined, and a weak secret
 * suppressed by an inline ignore on the line of a reported one. The text, github,
 * SARIF and JSON reports and stderr are checked for the exact escaped forms and for leaks.
 * Last, a 2 MiB file with 10k secrets on one line reports with bounded output and memory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  catalog,
  createEngine,
  generateEntraClientSecret,
  generateIdentifiableKey,
} from '@keyless/scanner/detectors';
import { put, removeHostileDirs } from './helpers/hostile-tree.js';
import { disorder, runKeyless, type CliRun } from './helpers/hostile-run.js';
import { plantedSecret } from './helpers/planted-secret.js';
import { repo, type Repo } from './helpers/hostile-repo.js';

after(() => removeHostileDirs());

/** As the scanner shows a secret redacted: at most 4 chars, then stars (redact.ts). */
function redacted(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 5));
  return secret.slice(0, shown) + '*'.repeat(Math.max(4, Math.min(secret.length - shown, 16)));
}

/** Control characters (but LF), DEL, C1 and bidi controls: none may reach a human output raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function keyless(r: Repo, args: readonly string[], timeoutMs = 60_000): CliRun {
  const run = runKeyless(args, { cwd: r.dir, env: r.env, timeoutMs });
  const bad = disorder(run);
  assert.equal(bad, undefined, `${bad}\nstderr:\n${run.stderr.slice(0, 3000)}`);
  return run;
}

/** Every 12-char piece of `secret` found in `text`. */
function piecesIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 12 <= secret.length; i++) if (text.includes(secret.slice(i, i + 12))) found.push(secret.slice(i, i + 12));
  return found;
}

const planted = plantedSecret();
const entra = generateEntraClientSecret(501);
const storage = generateIdentifiableKey('storage', 502);
const reportedOnLine = generateIdentifiableKey('storage', 503);
const baselinedOnLine = generateEntraClientSecret(504);
const INJECTED_KEY = 'Db\n::set-env name=NODE_OPTIONS::--require=/tmp/pwn\n::add-mask::x';

const ESC_NAME = 'names/esc-\x1b]0;pwned\x07.txt';
const CLEAR_NAME = 'names/clear-\x1b[2J.txt';
const CR_NAME = 'names/cr-\rname.txt';
const COMMAND_NAME = '::error::pwned.txt';
const BIG_NAME = 'big-\x1b[2J\n::error::x.txt';
const BAD_JSON_NAME = 'bad-\x1b]0;x\x07.json';
const BIDI_LINE = `/*\u202e } \u2066if (admin)\u2069 \u2066*/ const k = "${entra}"; // \u202c`;

describe('hostile data in every output', () => {
  let r: Repo;
  let text: CliRun;
  let github: CliRun;
  let sarif: CliRun;
  let json: CliRun;

  before(() => {
    r = repo('output');
    // The baseline accepts the second secret of two.txt's line, as a team would after review.
    put(r.dir, 'two.txt', `b = "${baselinedOnLine}"\n`);
    const made = keyless(r, ['baseline', '.', '--output', 'base.json']);
    assert.equal(made.status, 0, made.stderr);
    const base = JSON.parse(readFileSync(join(r.dir, 'base.json'), 'utf8')) as { findings: unknown[] };
    assert.equal(base.findings.length, 1);
    base.findings.push({ ruleId: 'x\x1b[2J', path: 'p\n::error::stale', fingerprint: '0'.repeat(64) });
    writeFileSync(join(r.dir, 'base.json'), JSON.stringify(base));

    put(r.dir, 'two.txt', `a = "${reportedOnLine}", b = "${baselinedOnLine}"\n`);
    for (const name of [ESC_NAME, CLEAR_NAME, CR_NAME, COMMAND_NAME]) put(r.dir, name, `${planted.line}\n`);
    put(r.dir, 'bidi.js', `${BIDI_LINE}\n`);
    put(r.dir, 'inject.json', `${JSON.stringify({ [INJECTED_KEY]: storage }, null, 2)}\n`);
    put(r.dir, BIG_NAME, 'a'.repeat(5000));
    put(r.dir, BAD_JSON_NAME, '{"a": \n');
    put(r.dir, 'keyless.config.json', JSON.stringify({ maxFileSize: 4096 }));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'hostile names');

    const scan = (format: string) => keyless(r, ['scan', '.', '--baseline', 'base.json', '--format', format]);
    text = scan('text');
    github = scan('github');
    sarif = scan('sarif');
    json = scan('json');
    for (const run of [text, github, sarif, json]) assert.equal(run.status, 1, run.stderr);
  });

  test('no full secret or 12-char piece of one in any output, the baselined one included', () => {
    for (const run of [text, github, sarif, json]) {
      for (const s of [planted.secret, entra, storage, reportedOnLine, baselinedOnLine]) {
        assert.deepEqual(piecesIn(run.stdout + run.stderr, s), [], `${s.slice(0, 4)}… in\n${run.stdout.slice(0, 2000)}`);
      }
    }
  });

  test('text: the line with two secrets masks both, the baselined one too', () => {
    assert.ok(text.stdout.includes(`\n    1 | a = "${redacted(reportedOnLine)}", b = "${redacted(baselinedOnLine)}"\n`), text.stdout);
  });

  test('text: paths, line text and keys are escaped; no line is a CI command', () => {
    const lines = text.stdout.split('\n');
    assert.ok(!RAW_CONTROL.test(text.stdout), JSON.stringify(text.stdout.match(RAW_CONTROL)));
    for (const heading of ['names/esc-\\x1b]0;pwned\\x07.txt', 'names/clear-\\x1b[2J.txt', 'names/cr-\\x0dname.txt', '\\x3a:error::pwned.txt']) {
      assert.ok(lines.includes(heading), `no heading ${heading} in\n${text.stdout}`);
    }
    assert.ok(
      lines.includes(`    1 | /*\\u202E } \\u2066if (admin)\\u2069 \\u2066*/ const k = "${redacted(entra)}"; // \\u202C`),
      text.stdout,
    );
    assert.ok(text.stdout.includes('key Db\\x0a::set-env name=NODE_OPTIONS::--require=/tmp/pwn\\x0a::add-mask::x\n'), text.stdout);
    assert.deepEqual(lines.filter((l) => /^\s*::/.test(l) || l.includes('##[')), []);
  });

  test('stderr: skipped paths, warnings and stale baseline entries are escaped', () => {
    const lines = text.stderr.split('\n');
    assert.ok(!RAW_CONTROL.test(text.stderr), JSON.stringify(text.stderr));
    assert.ok(lines.includes('keyless: skipped (over the size limit of 4.0 KiB, maxFileSize): big-\\x1b[2J\\x0a::error::x.txt'), text.stderr);
    assert.ok(
      lines.some((l) => l.startsWith('keyless: warning: bad-\\x1b]0;x\\x07.json: could not be read as ')),
      text.stderr,
    );
    assert.ok(
      lines.includes('keyless: stale baseline entry 000000000000 (x\\x1b[2J in p\\x0a::error::stale) matches nothing; run with --prune to drop it'),
      text.stderr,
    );
    for (const run of [text, github, sarif, json]) {
      assert.deepEqual(run.stderr.split('\n').filter((l) => l.length > 0 && !l.startsWith('keyless: ')), [], run.stderr);
    }
  });

  test('github: one workflow command per finding, every field escaped', () => {
    const lines = github.stdout.split('\n').filter((l) => l.length > 0);
    const findings = (JSON.parse(json.stdout) as { findings: unknown[] }).findings.length;
    assert.equal(lines.length, findings);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,(endLine=\d+,)?endColumn=\d+,title=[^:,]*::/);
    assert.ok(!RAW_CONTROL.test(github.stdout), JSON.stringify(github.stdout.match(RAW_CONTROL)));
    for (const file of ['names/esc-\\x1b]0;pwned\\x07.txt', 'names/clear-\\x1b[2J.txt', 'names/cr-%0Dname.txt', '%3A%3Aerror%3A%3Apwned.txt']) {
      assert.ok(lines.some((l) => l.includes(` file=${file},`)), `no file=${file} in\n${github.stdout}`);
    }
    const bidi = lines.find((l) => l.includes(' file=bidi.js,'));
    assert.ok(bidi && !/[\u202a-\u202e\u2066-\u2069]/.test(bidi), bidi);
    // The guidance names the key as an App Service setting (`:` -> `__`); its newlines stay escaped.
    const inject = lines.find((l) => l.includes(' file=inject.json,'));
    assert.ok(inject?.includes('`Db%0A____set-env name=NODE_OPTIONS____--require=/tmp/pwn%0A____add-mask____x=@Microsoft.KeyVault('), inject);
  });

  test('sarif: URIs percent-encoded, messages escaped', () => {
    const log = JSON.parse(sarif.stdout) as {
      runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const results = log.runs[0]!.results;
    const uris = results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    assert.deepEqual(uris, [
      '%3A%3Aerror%3A%3Apwned.txt',
      'bidi.js',
      'inject.json',
      'names/clear-%1B%5B2J.txt',
      'names/cr-%0Dname.txt',
      'names/esc-%1B%5D0%3Bpwned%07.txt',
      'two.txt',
      'two.txt', // the baselined secret, as a result with `suppressions`
    ]);
    for (const x of results) assert.ok(!RAW_CONTROL.test(x.message.text), x.message.text);
    const inject = results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'inject.json');
    assert.ok(inject?.message.text.includes('`Db\\x0a____set-env name=NODE_OPTIONS____--require=/tmp/pwn\\x0a____add-mask____x=@Microsoft'), inject?.message.text);
  });

  test('an error message quoting a path is escaped', () => {
    const run = keyless(r, ['scan', 'missing-\x1b[2J\u202e']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'keyless: path not found: missing-\\x1b[2J\\u202E\n');
  });
});

describe('a secret suppressed inline on the line of a reported one', () => {
  test('is masked in the code frame too', () => {
    const r = repo('ignored');
    const weak = `summer${'house'}1`;
    const reported = generateIdentifiableKey('storage', 505);
    const conn = `Server=db;Database=x;User Id=sa;${'Pass'}word=${weak};`;
    put(r.dir, 'app.cs', `var c = "${conn}"; var k = "${reported}"; // keyless-ignore sql-connection-string-password\n`);
    const run = keyless(r, ['scan', '.']);
    assert.equal(run.status, 1, run.stderr);
    const frame = run.stdout.split('\n').find((l) => l.startsWith('    1 | '));
    assert.equal(
      frame,
      `    1 | var c = "Server=db;Database=x;User Id=sa;${'Pass'}word=${redacted(weak)};"; var k = "${redacted(reported)}"; // keyless-ignore sql-connection-string-password`,
    );
  });
});

describe('hostile author in a history scan', () => {
  test('the author is escaped in the text report; the secret is not shown', () => {
    const r = repo('author');
    put(r.dir, 'app.env', `${planted.line}\n`);
    r.git('add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'add'], {
      cwd: r.dir,
      env: { ...r.env, GIT_AUTHOR_NAME: 'Eve\x1b]0;pwned\x07\u202eX', GIT_AUTHOR_EMAIL: 'e\x1b[2J@example.com' },
      stdio: 'pipe',
    });
    const run = keyless(r, ['scan', '--history', '--no-cache', '.']);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(!RAW_CONTROL.test(run.stdout + run.stderr), JSON.stringify(run.stdout));
    const sha = r.git('rev-parse', 'HEAD').trim();
    assert.match(run.stdout, new RegExp(`\\n {4}commit ${sha} Eve\\\\x1b\\]0;pwned\\\\x07\\\\u202EX <e\\\\x1b\\[2J@example\\.com> \\d{4}-`));
    assert.deepEqual(piecesIn(run.stdout + run.stderr, planted.secret), []);
  });
});

describe('a 2 MiB line with 10k secrets', () => {
  test('reports every finding with bounded output and memory, no secret shown', () => {
    const engine = createEngine(catalog);
    const secrets: string[] = [];
    for (let seed = 10_000; secrets.length < 10_000; seed++) {
      const s = generateEntraClientSecret(seed);
      const m = engine.scanText(`"${s}" x`);
      if (m.length === 1 && m[0]!.secret === s) secrets.push(s);
    }
    const slot = Math.floor((2 * 1024 * 1024 - 64) / secrets.length);
    const line = secrets.map((s) => `"${s}" ${'x'.repeat(slot - s.length - 4)} `).join('');
    assert.ok(line.length > 2_000_000 && line.length < 2 * 1024 * 1024 - 32, `${line.length}`);
    const r = repo('minified');
    put(r.dir, 'dist/app.min.js', `var k=[${line}];\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'bundle');

    const SHAPE = /[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34}/;
    const text = keyless(r, ['scan', '.'], 300_000);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stderr, /; 10000 findings in /);
    assert.equal(text.stdout.match(/^ {2}1:\d+ +critical /gm)?.length, 10_000);
    assert.ok(text.stdout.length < 16 * 1024 * 1024, `text report of ${text.stdout.length} chars`);
    assert.ok(Math.max(...text.stdout.split('\n').map((l) => l.length)) < 400);
    assert.ok(!SHAPE.test(text.stdout + text.stderr), 'a full secret in the text report');

    const json = keyless(r, ['scan', '.', '--format', 'json'], 300_000);
    assert.equal(json.status, 1, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { findings: unknown[] }).findings.length, 10_000);
    assert.ok(!SHAPE.test(json.stdout), 'a full secret in the JSON report');
  });
});
