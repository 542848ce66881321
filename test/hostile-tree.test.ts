/**
 * Hostile inputs for `keyless scan` of a working tree (issue 6, item 1): binary files with text
 * headers, a 200 MB single line, a 5 MB minified bundle, broken encodings, malformed and deeply
 * nested config files, a YAML bomb, hostile file names, symlink loops and escapes, unreadable
 * files, a FIFO. Every run is bounded in time and memory and must end in an orderly exit: 0/1 with
 * a warning line where something was skipped, or 2 with a one-line error. Inputs are generated
 * here at run time and removed afterwards.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { hostileDir, put, putRawName, putRepeated, removeHostileDirs } from './helpers/hostile-tree.js';
import { disorder, runKeyless, stderrLines, tally, type CliRun } from './helpers/hostile-run.js';
import { plantedSecret } from './helpers/planted-secret.js';

const planted = plantedSecret();
const SECRET_COLUMN = planted.line.indexOf(planted.secret) + 1;
/** The bare secret, for embedding in structured files. */
const S = planted.secret;
const DEFAULT_LIMIT = 2 * 1024 * 1024;
const isRoot = process.getuid?.() === 0;

after(() => {
  removeHostileDirs();
  process.stdout.write(
    `# hostile-tree: ${tally.tried} CLI runs on hostile inputs, ${tally.crashes} crashes, ${tally.hangs} hangs, peak RSS ${Math.round(tally.maxRssKib / 1024)} MiB\n`,
  );
});

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  secret: string;
}

function findings(run: CliRun): JsonFinding[] {
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

function where(run: CliRun): string[] {
  return findings(run).map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column}`);
}

/** Scans `root` as JSON; asserts an orderly run and no full secret anywhere in the output. */
function scan(root: string, extra: readonly string[] = [], timeoutMs = 60_000, asUid?: number): CliRun {
  const run = runKeyless(['scan', '.', '--format', 'json', ...extra], { cwd: root, timeoutMs, ...(asUid !== undefined ? { asUid } : {}) });
  const bad = disorder(run);
  assert.equal(bad, undefined, `${bad}\nstderr:\n${run.stderr.slice(0, 3000)}`);
  assert.ok(!run.stdout.includes(planted.secret) && !run.stderr.includes(planted.secret), 'full secret in the output');
  return run;
}

const plantedAt = (path: string, line = 1, column = SECRET_COLUMN) => `${planted.ruleId} ${path}:${line}:${column}`;

describe('hostile working trees', { timeout: 240_000 }, () => {
  test('binary data is skipped and listed; text with a few NULs or a binary file signature in front is scanned', () => {
    const root = hostileDir('binary');
    put(root, 'script.sh', Buffer.concat([Buffer.from('#!/bin/sh\necho start\n'), Buffer.from([0, 0, 1, 2]), Buffer.from(`\n${planted.line}\n`)]));
    // A PNG signature costs an attacker 8 bytes: the text after it is still text.
    put(root, 'fake.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(planted.line)]));
    // A real image body: mostly bytes that are not text.
    put(root, 'image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 32)), Buffer.from(planted.line)]));
    put(root, 'settings.json', Buffer.concat([Buffer.from('{"AccountKey": "'), Buffer.from([0]), Buffer.from(`${planted.secret}"}`)]));
    put(root, 'readme.txt', 'plain text\n');
    const run = scan(root);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [plantedAt('fake.png', 3, SECRET_COLUMN + 4), plantedAt('script.sh', 4), plantedAt('settings.json', 1, 18)]);
    assert.ok(stderrLines(run).includes('keyless: skipped (binary): image.png'), run.stderr);
    assert.match(run.stderr, /keyless: scanned 4 files .*skipped 1 \(1 binary\); 3 findings/);
  });

  test('a NUL after the first 8 KiB does not hide a secret before it', () => {
    const root = hostileDir('late-nul');
    put(root, 'notes.txt', Buffer.concat([Buffer.from(`${planted.line}\n`), Buffer.alloc(9000, 0x61), Buffer.from([0, 0])]));
    const run = scan(root);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [plantedAt('notes.txt')]);
  });

  test('a 200 MB single-line file is skipped by size with a warning line; one just under the limit is scanned', () => {
    const root = hostileDir('huge');
    putRepeated(root, 'huge.min.js', 'aB3+/', 200 * 1024 * 1024, planted.line);
    // Just under the default limit: one line of filler, the secret at its very end.
    putRepeated(root, 'near.txt', 'x', DEFAULT_LIMIT - 1, ` ${planted.line}`);
    let run: CliRun;
    try {
      run = scan(root, [], 90_000);
    } finally {
      rmSync(root, { recursive: true, force: true }); // 200 MB: gone as soon as the test ends
    }
    assert.equal(run.status, 1);
    const column = DEFAULT_LIMIT - 1 - planted.line.length - 1 + SECRET_COLUMN + 1;
    assert.deepEqual(where(run), [plantedAt('near.txt', 1, column)]);
    assert.ok(stderrLines(run).includes('keyless: skipped (over the size limit of 2.0 MiB, maxFileSize): huge.min.js'), run.stderr);
  });

  test('the file given as PATH is itself 200 MB: skipped with a warning, exit 0', () => {
    const root = hostileDir('huge-path');
    putRepeated(root, 'dump.sql', 'INSERT INTO t VALUES (1);', 200 * 1024 * 1024);
    let run: CliRun;
    try {
      run = runKeyless(['scan', 'dump.sql', '--format', 'json'], { cwd: root, timeoutMs: 60_000 });
    } finally {
      rmSync(join(root, 'dump.sql'), { force: true }); // 200 MB: gone as soon as the test ends
    }
    assert.equal(disorder(run), undefined, run.stderr);
    assert.equal(run.status, 0);
    assert.match(run.stderr, /keyless: skipped \(over the size limit of 2\.0 MiB, maxFileSize\): dump\.sql/);
  });

  test('a 5 MB minified bundle full of keywords is scanned in bounded time; only the planted secret is reported', () => {
    const root = hostileDir('bundle');
    put(root, 'keyless.config.json', JSON.stringify({ maxFileSize: 8 * 1024 * 1024 }));
    const unit =
      'function n(e,t){var r=e.password||t.secret,o={apiKey:r,token:e.token,key:"",sig:null};' +
      'return o.connectionString="Endpoint="+e.host+";SharedAccessKey="+e.k,o}' +
      'var AccountKey=process.env.AccountKey,pwd=window.pwd;' +
      'const img="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";';
    const half = Math.floor((5 * 1024 * 1024) / unit.length / 2);
    const text = unit.repeat(half) + planted.line + ';' + unit.repeat(half);
    put(root, 'dist/app.min.js', text);
    const run = scan(root, [], 90_000);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('dist/app.min.js', 1, unit.length * half + SECRET_COLUMN)]);
    assert.ok(run.ms < 60_000, `${Math.round(run.ms)} ms`);
  });

  test('invalid UTF-8, UTF-8/UTF-16 BOMs, truncated UTF-16: positions stay right, nothing crashes', () => {
    const root = hostileDir('encodings');
    const line2 = `\n${planted.line}\n`;
    put(root, 'invalid-utf8.txt', Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xc0, 0xaf]), Buffer.from(line2)]));
    put(root, 'utf8-bom.env', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${planted.line}\n`)]));
    const le = Buffer.from(`header${line2}`, 'utf16le');
    put(root, 'utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    const be = Buffer.from(le).swap16();
    put(root, 'utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    put(root, 'utf16-odd.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), le.subarray(0, le.length - 1)]));
    put(root, 'only-bom.txt', Buffer.from([0xff, 0xfe]));
    put(root, 'bom-then-nul.txt', Buffer.from([0xef, 0xbb, 0xbf, 0, 0, 0]));
    const run = scan(root);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [
      plantedAt('invalid-utf8.txt', 2),
      plantedAt('utf16-odd.txt', 2),
      plantedAt('utf16be.txt', 2),
      plantedAt('utf16le.txt', 2),
      plantedAt('utf8-bom.env', 1),
    ]);
  });

  test('malformed JSON, YAML and notebooks fall back to text with a warning line, and still find the secret', () => {
    const root = hostileDir('malformed');
    const json = '{\n  "Storage": "';
    const yaml = 'a: [1, 2\nb: "';
    const nb = '{"cells": [{"cell_type": "code", "source": ["';
    put(root, 'appsettings.json', `${json}${S}",\n  "broken": [1, 2,, }\n`);
    put(root, 'config.yaml', `${yaml}${S}"\n  c: : :\n`);
    put(root, 'analysis.ipynb', `${nb}${S}"]`);
    const run = scan(root);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [
      plantedAt('analysis.ipynb', 1, nb.length + 1),
      plantedAt('appsettings.json', 2, 15),
      plantedAt('config.yaml', 2, 5),
    ]);
    const warnings = stderrLines(run).filter((l) => l.startsWith('keyless: warning: '));
    for (const file of ['appsettings.json', 'config.yaml', 'analysis.ipynb']) {
      assert.ok(warnings.some((w) => w.startsWith(`keyless: warning: ${file}: could not be read as `) && w.endsWith('scanned as plain text')), `${file}:\n${run.stderr}`);
    }
  });

  test('10k-level nested JSON, notebook and YAML do not overflow the stack', () => {
    const root = hostileDir('deep');
    const depth = 10_000;
    put(root, 'deep-object.json', '{"a":'.repeat(depth) + `"${S}"` + '}'.repeat(depth));
    put(root, 'deep-array.json', '['.repeat(depth) + `"${S}"` + ']'.repeat(depth));
    put(root, 'deep.ipynb', `{"cells":[{"cell_type":"code","source":${'['.repeat(depth)}"${S}"${']'.repeat(depth)}}]}`);
    put(root, 'deep-flow.yaml', `k: ${'['.repeat(depth)}"${S}"${']'.repeat(depth)}\n`);
    put(root, 'deep-map.yaml', `k: ${'{a: '.repeat(depth)}"${S}"${'}'.repeat(depth)}\n`);
    const run = scan(root, [], 90_000);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [
      plantedAt('deep-array.json', 1, depth + 2),
      plantedAt('deep-flow.yaml', 1, depth + 5),
      plantedAt('deep-map.yaml', 1, 4 * depth + 5),
      plantedAt('deep-object.json', 1, 5 * depth + 2),
      plantedAt('deep.ipynb', 1, 40 + depth + 1),
    ]);
  });

  test('a YAML alias bomb costs nothing', () => {
    const root = hostileDir('yaml-bomb');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    put(root, 'bomb.yaml', `${levels.join('\n')}\nsecret: "${S}"\n`);
    // Many aliases of one anchor (past the parser's maxAliasCount).
    put(root, 'aliases.yml', `x: &x "v"\nlist:\n${Array.from({ length: 5000 }, () => '  - *x').join('\n')}\nkey: "${S}"\n`);
    const run = scan(root, [], 60_000);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('aliases.yml', 5003, 7), plantedAt('bomb.yaml', 11, 10)]);
    assert.ok(run.ms < 30_000, `${Math.round(run.ms)} ms`);
  });

  test('file names with newlines, quotes, spaces and tabs are reported with their exact names', () => {
    const root = hostileDir('names');
    const names = ['new\nline.env', 'quote"d\'.env', 'with space/and\ttab.env', '-dash.env', 'back\\slash.env', 'ünïcødé ✓.env'];
    for (const n of names) put(root, n, `${planted.line}\n`);
    const run = scan(root);
    assert.equal(run.status, 1);
    assert.deepEqual(findings(run).map((f) => f.path).sort(), [...names].sort());
    for (const format of ['text', 'sarif', 'github']) {
      const other = runKeyless(['scan', '.', '--format', format], { cwd: root });
      assert.equal(disorder(other), undefined, other.stderr);
      assert.equal(other.status, 1, `${format}: ${other.stderr}`);
      assert.ok(!other.stdout.includes(planted.secret), `${format}: full secret`);
    }
    // GitHub workflow commands must not be split by a newline in a file name.
    const gh = runKeyless(['scan', '.', '--format', 'github'], { cwd: root });
    assert.equal(gh.stdout.trimEnd().split('\n').length, names.length);
    assert.ok(gh.stdout.includes('file=new%0Aline.env,'), gh.stdout);
  });

  test('a file name that is not valid UTF-8 is scanned by its bytes and named with \\xNN escapes', () => {
    const root = hostileDir('raw-name');
    putRawName(root, [0x6b, 0x65, 0x79, 0xff, 0xfe, 0x2e, 0x65, 0x6e, 0x76], `${planted.line}\n`);
    const run = scan(root);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('key\\xff\\xfe.env')]);
  });

  test('symlink loops, links outside the root and dangling links are not followed; outside links are listed', () => {
    const root = hostileDir('symlinks');
    put(root, 'real/app.env', `${planted.line}\n`);
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    symlinkSync('.', join(root, 'real/self'));
    symlinkSync('..', join(root, 'real/parent'));
    symlinkSync('/etc', join(root, 'etc-dir'));
    symlinkSync('/etc/hostname', join(root, 'etc-file'));
    symlinkSync('/dev/zero', join(root, 'zero'));
    symlinkSync('missing/target', join(root, 'dangling'));
    const run = scan(root, [], 30_000);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [plantedAt('real/app.env')]);
    const lines = stderrLines(run);
    for (const outside of ['etc-dir', 'etc-file', 'zero']) {
      assert.ok(lines.includes(`keyless: skipped (symlink outside the scanned path): ${outside}`), run.stderr);
    }
  });

  test('a named pipe (FIFO) in the tree is skipped, not opened (which would hang)', () => {
    const root = hostileDir('fifo');
    put(root, 'app.env', `${planted.line}\n`);
    execFileSync('mkfifo', [join(root, 'pipe.env')]);
    const run = scan(root, [], 20_000);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [plantedAt('app.env')]);
  });

  test('unreadable files and directories: each named, the rest still scanned, exit 2 (--allow-unscanned: 1)', () => {
    const root = hostileDir('unreadable');
    put(root, 'ok.env', `${planted.line}\n`);
    put(root, 'locked.env', `${planted.line}\n`);
    put(root, 'closed/inner.env', `${planted.line}\n`);
    chmodSync(join(root, 'ok.env'), 0o644);
    chmodSync(join(root, 'locked.env'), 0o000);
    chmodSync(join(root, 'closed'), 0o000);
    try {
      // As root, permissions are not enforced: run the CLI as "nobody" so EACCES really happens.
      const run = scan(root, [], 30_000, isRoot ? 65534 : undefined);
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(where(run), [plantedAt('ok.env')]);
      const lines = stderrLines(run);
      assert.ok(lines.includes('keyless: not scanned (unreadable: EACCES): locked.env'), run.stderr);
      assert.ok(lines.includes('keyless: not scanned (unreadable: EACCES): closed'), run.stderr);
      const allowed = scan(root, ['--allow-unscanned'], 30_000, isRoot ? 65534 : undefined);
      assert.equal(allowed.status, 1, allowed.stderr);
    } finally {
      chmodSync(join(root, 'locked.env'), 0o644);
      chmodSync(join(root, 'closed'), 0o755);
    }
  });

  test('lines of only separators, a million empty CRLF lines, lone CRs and a 1.9 MB keyword flood', () => {
    const root = hostileDir('lines');
    putRepeated(root, 'crlf.txt', '\r\n', 2_000_000, planted.line);
    putRepeated(root, 'cr.txt', '\r', 1_000_000, planted.line);
    putRepeated(root, 'flood.env', 'password=secret=AccountKey=sig=sv=;', 1_900_000);
    putRepeated(root, 'quotes.json', '"', 1_000_000);
    const run = scan(root, [], 60_000);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      findings(run).filter((f) => f.path !== 'flood.env').map((f) => `${f.path}:${f.line}`),
      ['cr.txt:1', `crlf.txt:${(2_000_000 - planted.line.length) / 2 + 1}`],
    );
  });

  test(
    'YAML files of double quotes (1 MB, and just under the structured-YAML cap) are read or given up on in bounded time',
    () => {
      const root = hostileDir('yaml-quotes');
      putRepeated(root, 'quotes.yaml', '"', 1_000_000);
      putRepeated(root, 'quotes-under-cap.yaml', '"', 250_000);
      const run = scan(root, [], 15_000);
      assert.equal(run.status, 0);
    },
  );

  test('ten thousand small files: bounded memory', () => {
    const root = hostileDir('many');
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(root, `d${d}`));
      for (let f = 0; f < 100; f++) put(root, `d${d}/f${f}.env`, d === 42 && f === 7 ? `${planted.line}\n` : `NAME=value${f}\n`);
    }
    const run = scan(root, [], 90_000);
    assert.equal(run.status, 1);
    assert.deepEqual(where(run), [plantedAt('d42/f7.env')]);
    assert.match(run.stderr, /keyless: scanned 10000 files/);
  });

  test('a malformed config and a bad PATH end with exit 2 and one line', () => {
    const root = hostileDir('config');
    put(root, 'keyless.config.json', '{"maxFileSize": ');
    const bad = runKeyless(['scan', '.'], { cwd: root });
    assert.equal(disorder(bad), undefined);
    assert.equal(bad.status, 2);
    assert.equal(stderrLines(bad).length, 1, bad.stderr);
    const missing = runKeyless(['scan', 'no/such/dir'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.deepEqual(stderrLines(missing), ['keyless: path not found: no/such/dir']);
  });
});
