/**
 * Issue 12, item 3: git is a data source, never a program runner. A repository whose `.git/config`
 * (and, separately, a user whose global git config) names a program for every hook git offers —
 * fsmonitor, gpg verification with log.showSignature on a commit that carries a signature header,
 * pagers, external diff, a textconv driver and a clean/smudge filter bound by `.gitattributes`,
 * core.hooksPath hooks, askpass/ssh — each a script that leaves a marker file. After `scan`,
 * `scan --staged`, `scan --range`, `scan --history` (with and without the cache) no marker exists and
 * the findings and exit codes equal those of the same repository without that config.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { plantedSecret } from './helpers/planted-secret.js';
import { KEYLESS_BIN, removeTempDirs, SandboxRepo, shq } from './helpers/sandbox-repo.js';

after(() => removeTempDirs());

const planted = plantedSecret();

/** Every program a config below names: a script that records its own name, then acts as cat. */
const PROGRAMS = [
  'fsmonitor', 'gpg', 'gpg-ssh', 'gpg-x509', 'pager', 'pager-log', 'pager-diff', 'pager-show', 'ext-diff', 'textconv',
  'diff-command', 'clean', 'smudge', 'askpass', 'ssh', 'editor', 'alternate-refs',
];
const HOOKS = ['reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-checkout', 'pre-commit', 'post-rewrite'];

/** The hostile config text (the same for `.git/config` and for a global config file). */
function hostileConfig(bin: string, hooks: string): string {
  const p = (name: string) => shq(join(bin, name)).replace(/'/g, '"');
  return [
    '[core]',
    `\tfsmonitor = ${p('fsmonitor')}`,
    `\tpager = ${p('pager')}`,
    `\thooksPath = ${JSON.stringify(hooks)}`,
    `\taskPass = ${p('askpass')}`,
    `\tsshCommand = ${p('ssh')}`,
    `\teditor = ${p('editor')}`,
    `\talternateRefsCommand = ${p('alternate-refs')}`,
    '\tuntrackedCache = true',
    '[pager]',
    `\tlog = ${p('pager-log')}`,
    `\tdiff = ${p('pager-diff')}`,
    `\tshow = ${p('pager-show')}`,
    '[log]',
    '\tshowSignature = true',
    '\tdecorate = full',
    '[gpg]',
    `\tprogram = ${p('gpg')}`,
    '[gpg "ssh"]',
    `\tprogram = ${p('gpg-ssh')}`,
    '[gpg "x509"]',
    `\tprogram = ${p('gpg-x509')}`,
    '[diff]',
    `\texternal = ${p('ext-diff')}`,
    '[diff "x"]',
    `\ttextconv = ${p('textconv')}`,
    `\tcommand = ${p('diff-command')}`,
    '[filter "x"]',
    `\tclean = ${p('clean')}`,
    `\tsmudge = ${p('smudge')}`,
    '[color]',
    '\tui = always',
    '',
  ].join('\n');
}

interface Fixture {
  readonly repo: SandboxRepo;
  readonly markers: string;
  readonly bin: string;
  readonly hooks: string;
  readonly base: string;
  /** `.git/config` as `git init` wrote it. */
  readonly cleanConfig: string;
}

/**
 * A repository with `.gitattributes` binding every path to the `x` diff and filter drivers, three
 * commits (the last one carrying a PGP signature header) adding the planted secret in two files,
 * and a fourth file with it staged. The marker scripts are written beside it, not configured yet.
 */
function fixture(): Fixture {
  const repo = SandboxRepo.create('hostile-config');
  const base = join(repo.dir, '..');
  const markers = join(base, 'markers');
  const bin = join(base, 'bin');
  const hooks = join(base, 'hooks');
  for (const d of [markers, bin, hooks]) mkdirSync(d, { recursive: true });
  const script = (file: string, name: string) => {
    writeFileSync(file, `#!/bin/sh\ntouch ${shq(join(markers, name))}\nif [ -f "$1" ]; then cat "$1"; else cat; fi\n`);
    chmodSync(file, 0o755);
  };
  for (const name of PROGRAMS) script(join(bin, name), name);
  for (const name of HOOKS) script(join(hooks, name), `hook-${name}`);

  repo.commit('attributes and a first secret', { '.gitattributes': '* diff=x filter=x\n', 'a.env': `${planted.line}\n` });
  repo.commit('plain', { 'b.txt': 'hello\n' });
  repo.commit('second secret', { 'c.env': `# c\n${planted.line}\n` });
  // Re-write the last commit with a signature header (as `git commit -S` would): verifying it is
  // what runs gpg.program when log.showSignature is on.
  const raw = repo.git('cat-file', 'commit', 'HEAD');
  const signature = ['-----BEGIN PGP SIGNATURE-----', '', 'iQEzBAABCAAdFiEEfakefakefakefakefakefakefakefakeFAKE=', '=FAKE', '-----END PGP SIGNATURE-----'];
  const signed = raw.replace(/^(committer .*\n)/m, `$1gpgsig ${signature.join('\n ')}\n`);
  assert.notEqual(signed, raw);
  const file = join(base, 'signed-commit');
  writeFileSync(file, signed);
  const id = repo.git('hash-object', '-t', 'commit', '-w', file).trim();
  repo.git('update-ref', 'refs/heads/main', id);
  repo.write('d.env', `${planted.line}\n`);
  repo.git('add', 'd.env');
  return { repo, markers, bin, hooks, base, cleanConfig: readFileSync(join(repo.dir, '.git', 'config'), 'utf8') };
}

const SCANS: readonly (readonly string[])[] = [
  ['scan', '--format', 'json'],
  ['scan', '--staged', '--format', 'json'],
  ['scan', '--range', 'HEAD~2..HEAD', '--format', 'json'],
  ['scan', '--history', '--no-cache', '--format', 'json'],
  ['scan', '--history', '--format', 'json'],
  // Again: built on the cache the run before wrote.
  ['scan', '--history', '--format', 'json'],
];

interface Outcome {
  readonly args: string;
  readonly status: number | null;
  readonly findings: unknown;
}

/** Runs every scan with `env` (a fresh cache dir per round) and returns exit codes and findings. */
function scanAll(f: Fixture, env: NodeJS.ProcessEnv, round: string): Outcome[] {
  return SCANS.map((args) => {
    const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], {
      cwd: f.repo.dir,
      env: { ...env, KEYLESS_CACHE_DIR: join(f.base, `cache-${round}`) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')} (${round}): exit ${r.status}\n${r.stderr}`);
    assert.ok(!r.stdout.includes(planted.secret) && !r.stderr.includes(planted.secret), 'full secret in the output');
    const findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
    return { args: args.join(' '), status: r.status, findings };
  });
}

function markersLeft(f: Fixture): string[] {
  return readdirSync(f.markers).sort();
}

function clearMarkers(f: Fixture): void {
  for (const m of markersLeft(f)) rmSync(join(f.markers, m));
}

describe('hostile git config (issue 12, item 3)', { timeout: 240_000 }, () => {
  const f = fixture();
  const clean = scanAll(f, f.repo.env, 'clean');

  test('the clean repository: every scan finds the planted secret where it was added', () => {
    assert.deepEqual(
      clean.map((o) => [o.args, o.status, (o.findings as unknown[]).length]),
      [
        ['scan --format json', 1, 3],
        ['scan --staged --format json', 1, 1],
        ['scan --range HEAD~2..HEAD --format json', 1, 1],
        ['scan --history --no-cache --format json', 1, 2],
        ['scan --history --format json', 1, 2],
        ['scan --history --format json', 1, 2],
      ],
    );
    assert.deepEqual(markersLeft(f), []);
  });

  test('programs named by .git/config never run, and the findings are those of the clean repository', () => {
    writeFileSync(join(f.repo.dir, '.git', 'config'), `${f.cleanConfig}\n${hostileConfig(f.bin, f.hooks)}`);
    // The config is live: git itself runs the programs it names (here the textconv driver).
    const probe = spawnSync('git', ['log', '-p', '-1', '--format=%H', '--', 'c.env'], { cwd: f.repo.dir, env: f.repo.env, encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.ok(markersLeft(f).includes('textconv'), `git did not run the hostile textconv driver: ${markersLeft(f).join(', ')}`);
    clearMarkers(f);

    const hostile = scanAll(f, f.repo.env, 'repo-config');
    assert.deepEqual(markersLeft(f), [], 'programs run by keyless');
    assert.deepEqual(hostile, clean);
  });

  test('programs named by the user-level (global) git config never run either', () => {
    writeFileSync(join(f.repo.dir, '.git', 'config'), f.cleanConfig);
    const global = join(f.base, 'global.gitconfig');
    writeFileSync(global, hostileConfig(f.bin, f.hooks));
    clearMarkers(f);
    const hostile = scanAll(f, { ...f.repo.env, GIT_CONFIG_GLOBAL: global }, 'global-config');
    assert.deepEqual(markersLeft(f), [], 'programs run by keyless');
    assert.deepEqual(hostile, clean);
  });

});

describe('partial clone (issue 12, item 3)', { timeout: 120_000 }, () => {
  test('missing blobs are never fetched and never passed: exit 2 with one line naming how many', () => {
    const origin = SandboxRepo.create('partial-origin');
    origin.commit('one', { 'a.env': `${planted.line}\n`, 'b.txt': 'hello\n' });
    origin.commit('two', { 'c.env': `# c\n${planted.line}\n` });
    origin.git('config', 'uploadpack.allowFilter', 'true');
    const dir = join(origin.dir, '..', 'clone');
    origin.git('clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin.dir}`, dir);
    const clone = origin.at(dir);
    const packs = () => readdirSync(join(dir, '.git', 'objects', 'pack')).sort();
    const before = packs();
    for (const args of [['scan', '--history', '--no-cache'], ['scan', '--history'], ['scan', '--range', 'HEAD~1..HEAD']]) {
      const run = clone.keyless(...args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      const lines = run.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /^keyless: partial clone: \d+ blobs? (is|are) missing from this repository and not scanned /);
      assert.equal(run.stdout, '');
    }
    const history = clone.keyless('scan', '--history', '--no-cache');
    assert.match(history.stderr, /^keyless: partial clone: 3 blobs are missing/);
    assert.deepEqual(packs(), before, 'keyless fetched objects into the repository it scans');
  });
});
