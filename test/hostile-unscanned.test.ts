/**
 * Issue 12, item 6: what cannot be scanned is never passed. Each test reproduces an attack (or a
 * failure) on a temporary tree or repository and runs the built CLI: files that cannot be read are
 * named and fail the scan with exit 2 (`--allow-unscanned` makes that a warning); files skipped by
 * policy (binary, over maxFileSize, special files) are listed and leave the exit code alone; a
 * stray NUL does not turn text into "binary"; a tracked file is scanned whatever .gitignore says;
 * a name that is not UTF-8 is read by its bytes; an allowlist regex open to ReDoS is refused.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { disorder, runKeyless, stderrLines, type CliRun } from './helpers/hostile-run.js';
import { hostileDir, put, putRawName, removeHostileDirs } from './helpers/hostile-tree.js';
import { plantedSecret } from './helpers/planted-secret.js';
import { repo } from './helpers/hostile-repo.js';

const planted = plantedSecret();
const SECRET_COLUMN = planted.line.indexOf(planted.secret) + 1;
const isRoot = process.getuid?.() === 0;
/** Linux's PATH_MAX: a path of this many bytes or more cannot be opened or listed. */
const PATH_MAX = 4096;

after(() => removeHostileDirs());

/** Runs the CLI with JSON output; asserts an orderly run and no full secret anywhere in the output. */
function keyless(cwd: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; asUid?: number } = {}): CliRun {
  const run = runKeyless(args, { cwd, timeoutMs: 60_000, ...options });
  const bad = disorder(run);
  assert.equal(bad, undefined, `${bad}\nstderr:\n${run.stderr.slice(0, 3000)}`);
  assert.ok(!run.stdout.includes(planted.secret) && !run.stderr.includes(planted.secret), 'full secret in the output');
  return run;
}

/** "rule path:line:column" of each finding of a JSON report. */
function where(run: CliRun): string[] {
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; path: string; line: number; column: number }[] };
  return report.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column}`);
}

const plantedAt = (path: string, line = 1, column = SECRET_COLUMN) => `${planted.ruleId} ${path}:${line}:${column}`;

const FAIL_ONE = 'keyless: 1 file could not be scanned; the scan is incomplete, so it fails (exit 2; --allow-unscanned accepts it)';
const failLine = (n: number) => `keyless: ${n} files could not be scanned; the scan is incomplete, so it fails (exit 2; --allow-unscanned accepts it)`;
const WARN_ONE = 'keyless: warning: 1 file could not be scanned; the scan is incomplete (accepted with --allow-unscanned)';

/** Bytes of a deterministic pseudo-random "compressed" body: what real binaries look like. */
function noise(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('what cannot be scanned is never passed', { timeout: 240_000 }, () => {
  test('a stray NUL byte does not hide a secret: the file is scanned as text; real binary data is skipped and listed', () => {
    const root = hostileDir('stray-nul');
    put(root, 'nul.env', Buffer.concat([Buffer.from([0]), Buffer.from(`${planted.line}\n`)]));
    put(root, 'mid.txt', Buffer.concat([Buffer.from('first\0line\0\0\n'), Buffer.from(`${planted.line}\n`)]));
    put(root, 'script.sh', Buffer.concat([Buffer.from('#!/bin/sh\necho start\n'), Buffer.from([0, 0, 1, 2]), Buffer.from(`\n${planted.line}\n`)]));
    // A PNG signature, then data as an image holds it, then the secret: binary by its content.
    put(root, 'image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), noise(4000), Buffer.from(planted.line)]));
    const run = keyless(root, ['scan', '.', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('mid.txt', 2), plantedAt('nul.env', 1, SECRET_COLUMN + 1), plantedAt('script.sh', 4)]);
    const lines = stderrLines(run);
    assert.ok(lines.includes('keyless: skipped (binary): image.png'), run.stderr);
    assert.match(lines.at(-1)!, /^keyless: scanned 3 files .*; skipped 1 \(1 binary\); 3 findings in /);
  });

  test('a file keyless may not read (EACCES) is named and fails the scan with exit 2, even with no finding; --allow-unscanned makes it a warning', () => {
    const root = hostileDir('eacces');
    put(root, 'clean.txt', 'nothing here\n');
    put(root, 'locked.env', `${planted.line}\n`);
    chmodSync(join(root, 'locked.env'), 0o000);
    // As root, permissions are not enforced: run the CLI as "nobody" so EACCES really happens.
    const asUid = isRoot ? { asUid: 65534 } : {};
    try {
      const run = keyless(root, ['scan', '.', '--format', 'json'], asUid);
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(where(run), []);
      const lines = stderrLines(run);
      assert.ok(lines.includes('keyless: not scanned (unreadable: EACCES): locked.env'), run.stderr);
      assert.match(lines.at(-2)!, /^keyless: scanned 1 file .*; skipped 1 \(1 unreadable\); 0 findings in /);
      assert.equal(lines.at(-1), FAIL_ONE);

      const quiet = keyless(root, ['scan', '.', '--format', 'json', '--quiet'], asUid);
      assert.equal(quiet.status, 2);
      assert.deepEqual(stderrLines(quiet), [FAIL_ONE]);

      const allowed = keyless(root, ['scan', '.', '--format', 'json', '--allow-unscanned'], asUid);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.ok(stderrLines(allowed).includes('keyless: not scanned (unreadable: EACCES): locked.env'), allowed.stderr);
      assert.equal(stderrLines(allowed).at(-1), WARN_ONE);

      put(root, 'found.env', `${planted.line}\n`);
      chmodSync(join(root, 'found.env'), 0o644);
      const withFinding = keyless(root, ['scan', '.', '--format', 'json'], asUid);
      assert.equal(withFinding.status, 2, 'unscanned files fail the scan even when it has findings');
      assert.deepEqual(where(withFinding), [plantedAt('found.env')]);
      assert.equal(keyless(root, ['scan', '.', '--format', 'json', '--allow-unscanned'], asUid).status, 1);
    } finally {
      chmodSync(join(root, 'locked.env'), 0o644);
    }
  });

  test('paths too long to list or open (ENAMETOOLONG) are named and fail the scan', () => {
    const root = hostileDir('too-long');
    put(root, 'app.env', `${planted.line}\n`);
    // Directories nested (with relative mkdir/cd, as any process can) until the path is ~3900 bytes:
    // under it, a file and a directory whose own paths pass PATH_MAX.
    const names: string[] = [];
    let length = root.length;
    while (length + 251 <= PATH_MAX - 200) {
      names.push('d'.repeat(250));
      length += 251;
    }
    names.push('e'.repeat(PATH_MAX - 200 - length - 1));
    length = PATH_MAX - 200;
    const longFile = `${'f'.repeat(240)}.env`;
    const longDir = 'g'.repeat(250);
    assert.ok(length + 1 + longFile.length >= PATH_MAX && length + 1 + longDir.length >= PATH_MAX);
    const script = `${names.map((n) => `mkdir ${n} && cd ${n}`).join(' && ')} && printf '%s\\n' "$LINE" > ${longFile} && mkdir ${longDir} && printf '%s\\n' "$LINE" > ${longDir}/inner.env`;
    execFileSync('sh', ['-c', script], { cwd: root, env: { ...process.env, LINE: planted.line } });
    try {
      const run = keyless(root, ['scan', '.', '--format', 'json']);
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(where(run), [plantedAt('app.env')]);
      const deep = names.join('/');
      const lines = stderrLines(run);
      assert.ok(lines.includes(`keyless: not scanned (unreadable: ENAMETOOLONG): ${deep}/${longFile}`), run.stderr);
      assert.ok(lines.includes(`keyless: not scanned (unreadable: ENAMETOOLONG): ${deep}/${longDir}`), run.stderr);
      assert.equal(lines.at(-1), failLine(2));
    } finally {
      execFileSync('rm', ['-rf', join(root, names[0]!)]); // rm works below PATH_MAX; node's rmSync does not
    }
  });

  test('a file name that is not UTF-8 is scanned by its raw bytes and reported with \\xNN escapes', () => {
    const root = hostileDir('raw-name');
    putRawName(root, [0x6b, 0x65, 0x79, 0xff, 0xfe, 0x2e, 0x65, 0x6e, 0x76], `${planted.line}\n`);
    put(root, 'sub/.keep', '');
    putRawName(join(root, 'sub'), [0x63, 0x61, 0x66, 0xe9, 0x2e, 0x65, 0x6e, 0x76], `${planted.line}\n`); // latin1 "café.env"
    const run = keyless(root, ['scan', '.', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('key\\xff\\xfe.env'), plantedAt('sub/caf\\xe9.env')]);
  });

  test('a FIFO and a dangling symlink are skipped by policy without being opened: listed, exit by findings', () => {
    const root = hostileDir('special');
    put(root, 'clean.txt', 'nothing here\n');
    execFileSync('mkfifo', [join(root, 'pipe.env')]);
    symlinkSync('missing/target.env', join(root, 'dangling.env'));
    const run = keyless(root, ['scan', '.', '--format', 'json'], {});
    assert.equal(run.status, 0, run.stderr);
    const lines = stderrLines(run);
    assert.ok(lines.includes('keyless: skipped (not a regular file): pipe.env'), run.stderr);
    assert.match(lines.at(-1)!, /^keyless: scanned 1 file .*; skipped 2 \((1 symlink \(not followed\), 1 not a regular file|1 not a regular file, 1 symlink \(not followed\))\); 0 findings in /);
  });

  test('a tracked file matched by a .gitignore rule is still scanned; untracked ignored files are not', () => {
    const r = repo('tracked-ignored');
    put(r.dir, 'secret.env', `${planted.line}\n`);
    put(r.dir, 'build/app.env', `${planted.line}\n`);
    r.git('add', 'secret.env', 'build/app.env');
    r.git('commit', '-q', '-m', 'config');
    // The rules come after the files were committed; then one more file is force-added under one.
    put(r.dir, '.gitignore', 'secret.env\nbuild/\ndist/\n*.log\n');
    put(r.dir, 'dist/out.env', `${planted.line}\n`);
    r.git('add', '-f', 'dist/out.env');
    put(r.dir, 'debug.log', `${planted.line}\n`); // untracked and ignored: not part of the project
    put(r.dir, 'build/local.env', `${planted.line}\n`); // untracked under an ignored directory
    // Listing the tracked files reads the index: a repository's fsmonitor program must not run.
    const marker = join(r.dir, '..', 'fsmonitor-ran');
    const hook = put(r.dir, '../fsmonitor.sh', `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(hook, 0o755);
    r.git('config', 'core.fsmonitor', hook);
    const run = keyless(r.dir, ['scan', '.', '--format', 'json'], { env: r.env });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(where(run), [plantedAt('build/app.env'), plantedAt('dist/out.env'), plantedAt('secret.env')]);
    assert.equal(existsSync(marker), false, 'the repository fsmonitor program ran');
    if (isRoot) {
      // A checkout owned by another user (as in a CI container): git's "dubious ownership" refusal
      // does not turn into tracked files left unscanned, nor into a failed scan.
      const other = keyless(r.dir, ['scan', '.', '--format', 'json'], { env: r.env, asUid: 65534 });
      assert.equal(other.status, 1, other.stderr);
      assert.deepEqual(where(other), where(run));
      assert.equal(existsSync(marker), false, 'the repository fsmonitor program ran');
    }
    // The same from a subdirectory given as PATH: tracked paths relative to it.
    const sub = keyless(r.dir, ['scan', 'build', '--format', 'json'], { env: r.env });
    assert.ok(where(sub).includes(plantedAt('app.env')), sub.stdout);
  });

  test('an allowlist regex open to catastrophic backtracking is refused with one line, exit 2', () => {
    const root = hostileDir('allowlist-redos');
    put(root, 'app.env', `${planted.line}\n`);
    put(root, 'keyless.config.json', JSON.stringify({ allowlist: { values: ['^ci-fixture-', '(a+)+$'] } }));
    const run = keyless(root, ['scan', '.', '--format', 'json']);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    const lines = stderrLines(run);
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0]!, /^keyless: invalid config keyless\.config\.json: \/allowlist\/values\/1 can take super-linear time \(ReDoS, .*\); rewrite it/);
  });

  test('files over maxFileSize are listed with the setting and leave the exit code alone', () => {
    const root = hostileDir('max-size');
    put(root, 'keyless.config.json', JSON.stringify({ maxFileSize: 100 }));
    put(root, 'big.txt', `${'x'.repeat(150)}\n`);
    const run = keyless(root, ['scan', '.', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(stderrLines(run).includes('keyless: skipped (over the size limit of 100 B, maxFileSize): big.txt'), run.stderr);
  });

  test('git scans: a blob missing from the object store fails --history, --range and --staged with exit 2 unless --allow-unscanned', () => {
    const r = repo('missing-blob');
    const remove = (blob: string) => execFileSync('rm', [join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2))]);
    put(r.dir, 'a.env', `${planted.line}\n`);
    put(r.dir, 'b.txt', 'hello\n');
    // Older than the index, as on a slow machine: git never re-creates a.env's blob on its own.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(r.dir, 'a.env'), past, past);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'one');
    const lost = r.git('rev-parse', 'HEAD:a.env').trim();
    put(r.dir, 'c.env', `${planted.line}\n# changed\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'two');
    remove(lost);
    const missingLine = 'keyless: not scanned (object missing (partial or broken clone)): a.env';

    for (const cache of [['--no-cache'], [], []]) {
      // Twice with the cache: a cached re-scan still knows what it could not read.
      const run = keyless(r.dir, ['scan', '--history', '--format', 'json', ...cache], { env: r.env });
      assert.equal(run.status, 2, `${cache.join(' ')}\n${run.stderr}`);
      assert.deepEqual(where(run), [plantedAt('c.env')]);
      assert.ok(stderrLines(run).includes(missingLine), run.stderr);
      assert.equal(stderrLines(run).at(-1), FAIL_ONE);
    }
    const allowed = keyless(r.dir, ['scan', '--history', '--format', 'json', '--no-cache', '--allow-unscanned'], { env: r.env });
    assert.equal(allowed.status, 1, allowed.stderr);
    assert.equal(stderrLines(allowed).at(-1), WARN_ONE);

    // A pull request whose added file's blob is missing. Building the next commit's tree needs every
    // blob of the index, a.env's too: git re-creates it only when a.env is "racily clean" (written in
    // the same second as the index), so restore it here rather than depend on the clock.
    r.git('hash-object', '-w', 'a.env');
    put(r.dir, 'd.env', 'TOKEN=placeholder\n');
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'three');
    remove(r.git('rev-parse', 'HEAD:d.env').trim());
    const range = keyless(r.dir, ['scan', '--range', 'HEAD~1..HEAD', '--format', 'json'], { env: r.env });
    assert.equal(range.status, 2, range.stderr);
    assert.ok(stderrLines(range).includes('keyless: not scanned (object missing (partial or broken clone)): d.env'), range.stderr);
    assert.equal(keyless(r.dir, ['scan', '--range', 'HEAD~1..HEAD', '--format', 'json', '--allow-unscanned'], { env: r.env }).status, 0);

    // A staged file whose blob is gone before the pre-commit scan.
    put(r.dir, 'e.env', 'OTHER=placeholder\n');
    r.git('add', 'e.env');
    remove(r.git('rev-parse', ':e.env').trim());
    const staged = keyless(r.dir, ['scan', '--staged', '--format', 'json'], { env: r.env });
    assert.equal(staged.status, 2, staged.stderr);
    assert.ok(stderrLines(staged).includes('keyless: not scanned (object missing (partial or broken clone)): e.env'), staged.stderr);
  });
});
