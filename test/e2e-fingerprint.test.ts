/**
 * Fingerprints end to end (design.md §2: hash(rule, scrypt(secret)), no path): the same in two
 * clones at different paths, kept by a `git mv`, never a fast hash of the secret in a baseline
 * file; a baseline of the older form (rule, path, SHA-256 of the secret) still matches and
 * `--prune` rewrites it. The dictionary attack on a committed baseline: the older form gives a weak
 * password away to one SHA-256 per guess; the current one leaves nothing but scrypt to try.
 */
import assert from 'node:assert/strict';
import { createHash, scryptSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { removeTempDirs, SandboxRepo, tempDir, type RunResult } from './helpers/sandbox-repo.js';

after(removeTempDirs);

const RULE = 'test-token';
const CONFIG = JSON.stringify({
  detectors: [{ id: RULE, title: 'Test token', pattern: 'tt_(?<secret>[a-z0-9]{32})', keywords: ['tt_'] }],
});
const token = (seed: string) => ['tt', '_'].join('') + seed.repeat(32).slice(0, 32);
const SECRET = token('q4w8e1');

/** A weak password as people pick them, and a dictionary that holds it. */
const WEAK = ['Summer', '2024', '!'].join('');
const DICTIONARY = ['password', 'Password1', 'letmein', 'Winter2023!', 'Spring2024!', WEAK, 'qwerty123'];

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** The current fingerprint, computed here from design.md §2 and the documented scrypt parameters. */
function expectedFingerprint(ruleId: string, secret: string): string {
  const slow = scryptSync(Buffer.from(secret, 'utf8'), 'keyless-fingerprint-v2', 32, { N: 8192, r: 8, p: 1 }).toString('hex');
  return sha256(`keyless-fp-v2\0${ruleId}\0${slow}`);
}
/** The older form, as keyless wrote it before: sha256(rule \0 path \0 sha256(secret)). */
const legacyFingerprint = (ruleId: string, path: string, secret: string) => sha256(`${ruleId}\0${path}\0${sha256(secret)}`);

interface BaselineFile {
  version: number;
  findings: { ruleId: string; path: string; fingerprint: string }[];
}
const readBaseline = (repo: SandboxRepo, name: string) => JSON.parse(readFileSync(join(repo.dir, name), 'utf8')) as BaselineFile;
const out = (r: RunResult) => r.stdout + r.stderr;

function jsonFindings(r: RunResult): { path: string; fingerprint: string; commit?: string }[] {
  return (JSON.parse(r.stdout) as { findings: { path: string; fingerprint: string; commit?: string }[] }).findings;
}

function repoWith(prefix: string, files: Record<string, string>): SandboxRepo {
  const repo = SandboxRepo.create(prefix);
  repo.commit('initial', { 'keyless.config.json': CONFIG, ...files });
  return repo;
}

describe('fingerprints end to end', () => {
  test('two clones at different paths write the same baseline, and JSON and SARIF carry the same fingerprint', () => {
    const origin = repoWith('fp-origin', { 'config/app.env': `TOKEN=${SECRET}\n` });
    const clones = ['fp-clone-a', 'fp-clone-b'].map((prefix) => {
      const dir = join(tempDir(prefix), 'deeper', 'checkout');
      origin.git('clone', '-q', origin.dir, dir);
      return origin.at(dir);
    });
    const texts = clones.map((c) => {
      const r = c.keyless('baseline', '--history', '--output', 'bl.json');
      assert.equal(r.status, 0, out(r));
      return readFileSync(join(c.dir, 'bl.json'), 'utf8');
    });
    assert.equal(texts[0], texts[1]);
    const want = expectedFingerprint(RULE, SECRET.slice(3));
    assert.deepEqual(JSON.parse(texts[0]!).findings, [{ ruleId: RULE, path: 'config/app.env', fingerprint: want }]);
    for (const c of clones) {
      assert.deepEqual(jsonFindings(c.keyless('scan', '--format', 'json')).map((f) => f.fingerprint), [want]);
      const sarif = JSON.parse(c.keyless('scan', '--format', 'sarif').stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
      assert.deepEqual(sarif.runs[0]!.results.map((r) => r.partialFingerprints), [{ 'keyless/v2': want }]);
    }
  });

  test('git mv keeps the baseline entry: the renamed file is not reported, in the tree or in the history', () => {
    const repo = repoWith('fp-rename', { 'old/settings.env': `TOKEN=${SECRET}\n` });
    assert.equal(repo.keyless('baseline', '--history', '--output', '.keyless-baseline.json').status, 0);
    repo.git('mv', 'old', 'new');
    repo.git('commit', '-q', '-m', 'rename');
    for (const mode of [[], ['--history']]) {
      const r = repo.keyless('scan', ...mode, '--baseline', '.keyless-baseline.json', '--format', 'json');
      assert.equal(r.status, 0, out(r));
      assert.deepEqual(jsonFindings(r), []);
      assert.doesNotMatch(r.stderr, /stale/);
    }
    // Without the baseline the history reports it at both paths (per path, one fingerprint).
    const all = jsonFindings(repo.keyless('scan', '--history', '--format', 'json'));
    assert.deepEqual(all.map((f) => f.path), ['new/settings.env', 'old/settings.env']);
    assert.equal(new Set(all.map((f) => f.fingerprint)).size, 1);
    // A second secret in the renamed file is still reported.
    repo.write('new/settings.env', `TOKEN=${SECRET}\nOTHER=${token('z7x5c3')}\n`);
    const fresh = repo.keyless('scan', '--baseline', '.keyless-baseline.json', '--format', 'json');
    assert.equal(fresh.status, 1, out(fresh));
    assert.deepEqual(jsonFindings(fresh).map((f) => f.path), ['new/settings.env']);
  });

  test('a baseline of the older form still matches; --prune rewrites it to the current form', () => {
    const repo = repoWith('fp-legacy', { 'a/app.env': `TOKEN=${SECRET}\n`, 'b.env': `KEY=${token('m3n5b7')}\n` });
    const old: BaselineFile = {
      version: 1,
      findings: [
        { ruleId: RULE, path: 'a/app.env', fingerprint: legacyFingerprint(RULE, 'a/app.env', SECRET.slice(3)) },
        { ruleId: RULE, path: 'b.env', fingerprint: legacyFingerprint(RULE, 'b.env', token('m3n5b7').slice(3)) },
        { ruleId: RULE, path: 'gone.env', fingerprint: legacyFingerprint(RULE, 'gone.env', token('g0n3e1').slice(3)) },
      ],
    };
    writeFileSync(join(repo.dir, 'bl.json'), JSON.stringify(old));
    const matched = repo.keyless('scan', '--baseline', 'bl.json', '--format', 'json');
    assert.equal(matched.status, 0, out(matched));
    assert.deepEqual(jsonFindings(matched), []);
    assert.match(matched.stderr, /^keyless: 2 baseline entries use the older fingerprint form \(rule, path, secret\); run with --prune to rewrite in the current form$/m);
    assert.match(matched.stderr, /stale baseline entry \w{12} \(test-token in gone\.env\) matches nothing; run with --prune to drop it/);
    assert.deepEqual(JSON.parse(readFileSync(join(repo.dir, 'bl.json'), 'utf8')), old, 'not rewritten without --prune');

    const pruned = repo.keyless('scan', '--baseline', 'bl.json', '--prune');
    assert.equal(pruned.status, 0, out(pruned));
    assert.match(pruned.stderr, /2 baseline entries use the older fingerprint form \(rule, path, secret\); rewritten in the current form/);
    assert.deepEqual(readBaseline(repo, 'bl.json').findings, [
      { ruleId: RULE, path: 'a/app.env', fingerprint: expectedFingerprint(RULE, SECRET.slice(3)) },
      { ruleId: RULE, path: 'b.env', fingerprint: expectedFingerprint(RULE, token('m3n5b7').slice(3)) },
    ]);
    // The rewritten entries now survive a rename, and say nothing more.
    repo.git('mv', 'a', 'moved');
    const again = repo.keyless('scan', '--baseline', 'bl.json');
    assert.equal(again.status, 0, out(again));
    assert.doesNotMatch(again.stderr, /older fingerprint form|stale/);
  });

  test('a dictionary attack on a committed baseline: the older form gives a weak password away, the current one holds no fast hash', () => {
    const repo = repoWith('fp-dictionary', {
      'appsettings.json': JSON.stringify({ ConnectionStrings: { Db: `Server=tcp:db.example.net;Database=app;User ID=app;Password=${WEAK};` } }, null, 2),
    });
    const scan = repo.keyless('scan', '--format', 'json');
    assert.equal(scan.status, 1, out(scan));
    const ruleId = (JSON.parse(scan.stdout) as { findings: { ruleId: string }[] }).findings[0]!.ruleId;
    assert.equal(repo.keyless('baseline', '--output', 'bl.json').status, 0);
    const text = readFileSync(join(repo.dir, 'bl.json'), 'utf8');
    const entry = (JSON.parse(text) as BaselineFile).findings[0]!;
    assert.equal(entry.fingerprint, expectedFingerprint(ruleId, WEAK));

    // The attack on the older form: one SHA-256 per guess recovers the password.
    const oldEntry = legacyFingerprint(ruleId, entry.path, WEAK);
    assert.deepEqual(DICTIONARY.filter((guess) => legacyFingerprint(ruleId, entry.path, guess) === oldEntry), [WEAK]);
    // The same attack on the file keyless writes now: no fast hash of any guess appears in it ...
    const fast = (s: string) => ['sha1', 'sha256', 'sha512', 'md5'].flatMap((alg) => [createHash(alg).update(s).digest('hex'), createHash(alg).update(s).digest('base64')]);
    for (const guess of DICTIONARY) {
      for (const h of [...fast(guess), legacyFingerprint(ruleId, entry.path, guess), sha256(`keyless-fp-v2\0${ruleId}\0${sha256(guess)}`)]) {
        assert.ok(!text.includes(h), `a fast hash of '${guess}' is in the baseline`);
      }
    }
    assert.ok(!text.includes(WEAK), 'the secret itself is not in the baseline');
    // ... and only the slow hash finds it: each guess costs one scrypt with these parameters (the
    // bench measures the milliseconds: `node bench/run.mjs fingerprint`).
    assert.deepEqual(DICTIONARY.filter((guess) => expectedFingerprint(ruleId, guess) === entry.fingerprint), [WEAK]);
  });

  test('the history cache remembers the slow hashes by location, holding no secret and no fast hash of one', () => {
    const repo = repoWith('fp-cache', { 'cfg/app.env': `TOKEN=${SECRET}\n` });
    repo.commit('more', { 'cfg/other.env': `KEY=${token('h4j6k8')}\n` });
    const first = repo.keyless('scan', '--history', '--format', 'json');
    assert.equal(first.status, 1, out(first));
    const want = [expectedFingerprint(RULE, SECRET.slice(3)), expectedFingerprint(RULE, token('h4j6k8').slice(3))];
    assert.deepEqual(jsonFindings(first).map((f) => f.fingerprint), want);

    const cacheDir = join(repo.home, '.cache', 'keyless', 'history');
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1);
    const readCache = () => readFileSync(join(cacheDir, files[0]!), 'utf8');
    const text = readCache();
    const memo = (JSON.parse(text) as { slowHashes: Record<string, string> }).slowHashes;
    const slow = (s: string) => scryptSync(Buffer.from(s, 'utf8'), 'keyless-fingerprint-v2', 32, { N: 8192, r: 8, p: 1 }).toString('hex');
    assert.deepEqual(Object.values(memo).sort(), [slow(SECRET.slice(3)), slow(token('h4j6k8').slice(3))].sort());
    for (const key of Object.keys(memo)) assert.match(key, /^[0-9a-f]{32}$/);
    for (const s of [SECRET, token('h4j6k8')].map((t) => t.slice(3))) {
      assert.ok(!text.includes(s), 'a secret in the cache');
      for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) assert.ok(!text.includes(createHash(alg).update(s).digest('hex')), `${alg} of a secret in the cache`);
      assert.ok(!text.includes(legacyFingerprint(RULE, 'cfg/app.env', s)) && !text.includes(expectedFingerprint(RULE, s)), 'a fingerprint in the cache');
    }
    // A cached text scan computes no fingerprint and keeps the memo; a cached JSON scan gives the same fingerprints.
    assert.equal(repo.keyless('scan', '--history').status, 1);
    assert.deepEqual((JSON.parse(readCache()) as { slowHashes: Record<string, string> }).slowHashes, memo);
    assert.deepEqual(jsonFindings(repo.keyless('scan', '--history', '--format', 'json')).map((f) => f.fingerprint), want);
  });
});
