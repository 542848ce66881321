/**
 * Sharded history scans and `keyless merge` end to end, on generated histories (helpers/sharded-
 * history.ts: secrets in many paths and commits, renames, one secret repeated across paths, inline
 * ignores, a merged side branch, commits sharing a committer time). The N shards run as separate
 * processes; their merged report must equal the unsharded scan's report, JSON and SARIF, with a
 * cold cache and with each shard's incremental cache after new commits. JSON and SARIF reports
 * have no timing fields, so they are compared whole.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appendHistory, GIT_ENV, generatedRepo } from './helpers/sharded-history.js';
import { KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function keyless(cwd: string, cache: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, KEYLESS_CACHE_DIR: cache }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One process per shard, all started at once; resolves with the report files. */
async function shards(root: string, cache: string, count: number, format: string, out: string, extra: string[] = []): Promise<string[]> {
  const files = Array.from({ length: count }, (_, i) => join(out, `shard-${i + 1}-of-${count}.${format}`));
  const codes = await Promise.all(
    files.map(
      (file, i) =>
        new Promise<number | null>((resolve) => {
          const args = [KEYLESS_BIN, 'scan', '--history', '--shard', `${i + 1}/${count}`, '--format', format, '--output', file, '--quiet', ...extra, root];
          const child = spawn(process.execPath, args, { env: { ...GIT_ENV, KEYLESS_CACHE_DIR: cache }, stdio: 'ignore' });
          child.on('close', resolve);
        }),
    ),
  );
  // Each shard alone: 1 when it has findings, 0 when not; never an error.
  for (const c of codes) assert.ok(c === 0 || c === 1, `a shard exited ${c}`);
  return files;
}

const parse = (text: string) => JSON.parse(text) as Record<string, unknown> & { findings: Record<string, unknown>[] };

describe('keyless scan --history --shard I/N and keyless merge', () => {
  let repo: string;
  before(async () => {
    repo = await generatedRepo({ commits: 200, paths: 50, seed: 7 }, tempDir('shard-repos'));
  });

  test('4 shards as separate processes, merged (JSON), equal the unsharded scan: findings, commits, counts', async () => {
    const out = tempDir('shard-out');
    const full = keyless(repo, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.');
    assert.equal(full.code, 1, full.stderr);
    const expected = parse(full.stdout);
    assert.ok(expected.findings.length > 100, `${expected.findings.length} findings`);
    assert.ok(expected.findings.some((f) => (f['occurrences'] as number) > 1));
    assert.ok(expected.findings.some((f) => /-moved\d+\./.test(f['path'] as string)), 'renamed paths have findings');
    assert.deepEqual(expected['scan'], { kind: 'history', repository: repo, commits: 200, unscanned: 0 });
    const orders = expected.findings.map((f) => f['commitOrder'] as number);
    assert.ok(orders.every((o) => Number.isInteger(o) && o >= 0 && o < 200));

    const files = await shards(repo, tempDir('cache'), 4, 'json', out);
    const reports = files.map((f) => parse(readFileSync(f, 'utf8')));
    // Each shard lists every commit, scans its own paths only (no overlap), says which shard it is.
    // ... and names the split of the paths it planned from the listing: the same in every shard.
    const split = (reports[0]!['scan'] as { shard: { split: string } }).shard.split;
    assert.match(split, /^[0-9a-f]{16}$/);
    reports.forEach((r, i) => assert.deepEqual(r['scan'], { kind: 'history', repository: repo, shard: { index: i + 1, count: 4, split }, commits: 200, unscanned: 0 }));
    const pathsOf = (r: (typeof reports)[number]) => new Set(r.findings.map((f) => f['path'] as string));
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) for (const p of pathsOf(reports[a]!)) assert.ok(!pathsOf(reports[b]!).has(p), p);
    assert.ok(reports.filter((r) => r.findings.length > 0).length >= 3);

    const merged = keyless(out, tempDir('cache'), 'merge', ...files);
    assert.equal(merged.code, 1, merged.stderr);
    assert.deepEqual(parse(merged.stdout), expected);
    assert.match(merged.stderr, new RegExp(`^keyless: merged 4 reports: ${expected.findings.length} findings in 1 repository\n$`));
  });

  test('3 shards merged as SARIF equal the unsharded SARIF log', async () => {
    const out = tempDir('shard-out');
    const full = keyless(repo, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'sarif', '--quiet', '.');
    assert.equal(full.code, 1, full.stderr);
    const files = await shards(repo, tempDir('cache'), 3, 'sarif', out, ['--no-cache']);
    const merged = keyless(out, tempDir('cache'), 'merge', '--output', join(out, 'merged.sarif'), ...files);
    assert.equal(merged.code, 1, merged.stderr);
    const log = JSON.parse(readFileSync(join(out, 'merged.sarif'), 'utf8')) as { runs: { results: unknown[]; properties: unknown }[] };
    assert.deepEqual(log, JSON.parse(full.stdout));
    assert.ok(log.runs[0]!.results.length > 100);
    assert.deepEqual(log.runs[0]!.properties, { keyless: { kind: 'history', repository: repo, commits: 200, unscanned: 0 } });
  });

  test("each shard's incremental cache stays its own and exact after new commits", async () => {
    const work = await generatedRepo({ commits: 120, paths: 30, seed: 11 }, tempDir('shard-repos'));
    const cache = tempDir('cache');
    const out1 = tempDir('shard-out');
    await shards(work, cache, 3, 'json', out1);
    const files = readdirSync(join(cache, 'history')).sort();
    assert.equal(files.length, 3, files.join(' '));
    assert.deepEqual(
      files.map((f) => f.replace(/^[0-9a-f]{32}/, '')),
      ['.shard-1-of-3.json', '.shard-2-of-3.json', '.shard-3-of-3.json'],
    );
    // New commits re-add old secrets at their paths (same generator seed) and add new ones.
    await appendHistory(work, { commits: 60, paths: 30, seed: 11 }, 1_800_000_000);
    const out2 = tempDir('shard-out');
    const warm = await shards(work, cache, 3, 'json', out2);
    const merged = keyless(out2, tempDir('cache'), 'merge', ...warm);
    const full = keyless(work, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.');
    assert.equal(full.code, 1, full.stderr);
    assert.deepEqual(parse(merged.stdout), parse(full.stdout));
    // Nothing new: the shards re-use their caches' orders and counts, still exact.
    const again = await shards(work, cache, 3, 'json', tempDir('shard-out'));
    assert.deepEqual(parse(keyless(out2, tempDir('cache'), 'merge', ...again).stdout), parse(full.stdout));
    // The unsharded scan's own cache is another file; with it, a re-scan equals the full scan too.
    const unsharded = keyless(work, cache, 'scan', '--history', '--format', 'json', '--quiet', '.');
    assert.deepEqual(parse(unsharded.stdout), parse(full.stdout));
    assert.equal(readdirSync(join(cache, 'history')).length, 4);
  });

  test('plan-shards: shards started from its listings, merged, equal the unsharded scan, with the split of shards that list themselves', async () => {
    const out = tempDir('shard-out');
    const plan = join(tempDir('shard-plan'), 'plan');
    const full = keyless(repo, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.');
    assert.equal(full.code, 1, full.stderr);
    const planned = keyless(repo, tempDir('cache'), 'plan-shards', '4', '.', '--out', plan);
    assert.equal(planned.code, 0, planned.stderr);
    assert.equal(planned.stdout, '');
    assert.match(planned.stderr, new RegExp(`^keyless: planned 4 shards of 200 commits and \\d+ path versions in [\\d.]+ s; listings in ${plan}\n$`));
    assert.deepEqual(readdirSync(plan).sort(), [1, 2, 3, 4].map((i) => `shard-${i}-of-4.listing`));
    // Each listing holds every commit's header but only its own shard's raw entries.
    const listings = [1, 2, 3, 4].map((i) => readFileSync(join(plan, `shard-${i}-of-4.listing`)));
    for (const l of listings) assert.equal(l.toString('latin1').split('\x01').length - 1, 200);
    const entries = listings.map((l) => (l.toString('latin1').match(/[\0\n]:\d/g) ?? []).length);
    assert.ok(entries.every((n) => n > 0), entries.join(' '));

    const files = await shards(repo, tempDir('cache'), 4, 'json', out, ['--no-cache', '--plan', plan]);
    const reports = files.map((f) => parse(readFileSync(f, 'utf8')));
    const listed = await shards(repo, tempDir('cache'), 4, 'json', tempDir('shard-out'), ['--no-cache']);
    const split = (parse(readFileSync(listed[0]!, 'utf8'))['scan'] as { shard: { split: string } }).shard.split;
    reports.forEach((r, i) => assert.deepEqual(r['scan'], { kind: 'history', repository: repo, shard: { index: i + 1, count: 4, split }, commits: 200, unscanned: 0 }));
    const merged = keyless(out, tempDir('cache'), 'merge', ...files);
    assert.equal(merged.code, 1, merged.stderr);
    assert.deepEqual(parse(merged.stdout), parse(full.stdout));
    // A planned shard listed from the plan with the listing of shards that list themselves: they mix.
    const mixed = keyless(out, tempDir('cache'), 'merge', files[0]!, listed[1]!, files[2]!, listed[3]!);
    assert.deepEqual(parse(mixed.stdout), parse(full.stdout));
  });

  test('a planned shard writes its cache, and a later run without --plan re-scans from it exactly', async () => {
    const work = await generatedRepo({ commits: 60, paths: 20, seed: 13 }, tempDir('shard-repos'));
    const cache = tempDir('cache');
    const plan = tempDir('shard-plan');
    assert.equal(keyless(work, cache, 'plan-shards', '3', '.', '--out', plan, '--quiet').code, 0);
    await shards(work, cache, 3, 'json', tempDir('shard-out'), ['--plan', plan]);
    assert.equal(readdirSync(join(cache, 'history')).length, 3);
    await appendHistory(work, { commits: 20, paths: 20, seed: 13 }, 1_800_000_000);
    const warm = await shards(work, cache, 3, 'json', tempDir('shard-out'));
    const full = keyless(work, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.');
    assert.deepEqual(parse(keyless(work, cache, 'merge', ...warm).stdout), parse(full.stdout));
  });

  test('a shard refuses a listing of other refs, of another shard, cut short, altered or not a listing: one line, exit 2', async () => {
    const work = await generatedRepo({ commits: 40, paths: 10, seed: 17 }, tempDir('shard-repos'));
    const cache = tempDir('cache');
    const plan = tempDir('shard-plan');
    assert.equal(keyless(work, cache, 'plan-shards', '2', '.', '--out', plan, '--quiet').code, 0);
    const first = join(plan, 'shard-1-of-2.listing');
    const second = join(plan, 'shard-2-of-2.listing');
    const good = readFileSync(first);
    const refuse = (args: string[], message: string) => {
      const r = keyless(work, cache, 'scan', '--history', '--no-cache', '--quiet', ...args, '.');
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `keyless: ${message}\n`);
    };
    const ok = keyless(work, cache, 'scan', '--history', '--no-cache', '--quiet', '--shard', '1/2', '--plan', plan, '.');
    assert.ok(ok.code === 0 || ok.code === 1, ok.stderr);
    refuse(['--shard', '1/3', '--plan', plan], `shard listing ${join(plan, 'shard-1-of-3.listing')} could not be read (ENOENT)`);
    writeFileSync(first, readFileSync(second));
    refuse(['--shard', '1/2', '--plan', plan], `${first} is the listing of shard 2/2, not of 1/2`);
    writeFileSync(first, good.subarray(0, good.length - 7));
    refuse(['--shard', '1/2', '--plan', plan], `${first} is cut short or has grown (its listing should be ${good.length - good.indexOf(0x0a) - 1} bytes); copy it again from the plan`);
    const altered = Buffer.from(good);
    // The first raw entry's leading colon (a NUL or newline before it; the dates' colons follow digits).
    altered[good.toString('latin1').search(/[\0\n]:\d/) + 1] = 0x78;
    writeFileSync(first, altered);
    const r = keyless(work, cache, 'scan', '--history', '--no-cache', '--quiet', '--shard', '1/2', '--plan', plan, '.');
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^keyless: ${first} is not a valid shard listing \\(unexpected output from git log \\(.*\\)\n$`));
    writeFileSync(first, 'not a listing\n');
    refuse(['--shard', '1/2', '--plan', plan], `${first} is not a shard listing of keyless plan-shards`);
    writeFileSync(first, good);
    await appendHistory(work, { commits: 2, paths: 10, seed: 18 }, 1_800_000_000);
    refuse(['--shard', '1/2', '--plan', plan], `${first} was planned from other refs or another shallow boundary than this repository has now; run keyless plan-shards again`);

    const usage = (args: string[], command: string, message: string) => {
      const u = keyless(work, cache, ...args);
      assert.equal(u.code, 2, args.join(' '));
      assert.equal(u.stderr, `keyless: ${message}\nkeyless: run 'keyless ${command} --help' for usage\n`);
    };
    usage(['scan', '--history', '--plan', plan, '.'], 'scan', '--plan needs --shard I/N with N of at least 2 (the plan of keyless plan-shards N)');
    usage(['plan-shards', '1', '.', '--out', plan], 'plan-shards', "N must be a number from 2 to 1024 (got '1')");
    usage(['plan-shards', '.', '--out', plan], 'plan-shards', "N must be a number from 2 to 1024 (got '.')");
    usage(['plan-shards', '2', '.'], 'plan-shards', 'plan-shards needs --out DIR (where the shard listings are written)');
  });

  test('bad --shard values and --shard outside --history: one line, exit 2', () => {
    const cache = tempDir('cache');
    const cases: [string[], string][] = [
      [['--history', '--shard', '0/4'], "--shard must be I/N with 1 <= I <= N <= 1024 (got '0/4')"],
      [['--history', '--shard', '5/4'], "--shard must be I/N with 1 <= I <= N <= 1024 (got '5/4')"],
      [['--history', '--shard', 'x'], "--shard must be I/N with 1 <= I <= N <= 1024 (got 'x')"],
      [['--history', '--shard', '1/0'], "--shard must be I/N with 1 <= I <= N <= 1024 (got '1/0')"],
      [['--shard', '1/4'], '--shard needs --history (a history scan is split by path; other scans are not)'],
      [['--staged', '--shard', '1/4'], '--shard needs --history (a history scan is split by path; other scans are not)'],
      [['--range', 'main~1..main', '--shard', '1/4'], '--shard needs --history (a history scan is split by path; other scans are not)'],
    ];
    for (const [args, message] of cases) {
      const r = keyless(repo, cache, 'scan', ...args, '.');
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `keyless: ${message}\nkeyless: run 'keyless scan --help' for usage\n`);
    }
  });

  test('merge refuses incomplete, overlapping and mixed sets (exit 2), and --allow-partial lists what is missing', async () => {
    const out = tempDir('shard-out');
    const cache = tempDir('cache');
    const four = await shards(repo, cache, 4, 'json', out);
    const two = await shards(repo, cache, 2, 'json', tempDir('shard-out'));
    const sarif = await shards(repo, cache, 2, 'sarif', tempDir('shard-out'));
    const refuse = (args: string[], message: string) => {
      const r = keyless(out, cache, 'merge', ...args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n')[0], `keyless: ${message}`);
    };
    refuse([four[0]!, four[1]!, four[2]!], `repository ${repo}: shard 4/4 is missing (have 1/4, 2/4, 3/4); merge all 4, or pass --allow-partial`);
    refuse([four[1]!, four[3]!], `repository ${repo}: shards 1/4, 3/4 are missing (have 2/4, 4/4); merge all 4, or pass --allow-partial`);
    refuse([...four, four[1]!], `repository ${repo}: shard 2/4 is in both ${four[1]} and ${four[1]}`);
    refuse([...four, two[0]!], `repository ${repo}: shards of different splits (${four.map((f, i) => `${i + 1}/4 in ${f}`).join(', ')}, 1/2 in ${two[0]})`);
    // A shard that split the paths otherwise (its cache came from another listing) does not merge.
    const otherSplit = join(out, 'other-split.json');
    const moved = JSON.parse(readFileSync(four[3]!, 'utf8')) as { scan: { shard: { split: string } } };
    const planned = moved.scan.shard.split;
    moved.scan.shard.split = 'ffffffffffffffff';
    writeFileSync(otherSplit, JSON.stringify(moved));
    refuse(
      [four[0]!, four[1]!, four[2]!, otherSplit],
      `repository ${repo}: the shards split the paths differently (1/4 split ${planned}, 2/4 split ${planned}, 3/4 split ${planned}, 4/4 split ffffffffffffffff); ` +
        'a shard whose cache came from another run splits as that run did: run every shard with --no-cache, or with the caches of one run',
    );
    refuse([four[0]!, sarif[0]!], `the reports mix JSON (${four[0]}) and SARIF (${sarif[0]}); merge reports of one format`);
    writeFileSync(join(out, 'tree.json'), JSON.stringify({ findings: [] }));
    refuse([join(out, 'tree.json')], `${join(out, 'tree.json')}: it does not say what was scanned (no 'scan' block): merge reports of 'keyless scan --history' or 'keyless scan-repos'`);
    refuse([join(out, 'missing.json')], `cannot read ${join(out, 'missing.json')} (ENOENT)`);
    refuse(['--format', 'sarif', ...four], '--format sarif needs SARIF reports (these are JSON)');

    const partial = keyless(out, cache, 'merge', '--allow-partial', four[0]!, four[2]!);
    assert.equal(partial.code, 1, partial.stderr);
    assert.deepEqual(parse(partial.stdout)['scan'], { kind: 'history', repository: repo, commits: 200, unscanned: 0, missingShards: ['2/4', '4/4'] });
    assert.match(partial.stderr, /keyless: warning: .*: shards 2\/4, 4\/4 are missing \(accepted with --allow-partial\)/);
  });

  test('shards of different commits are refused: their commit orders do not compare', async () => {
    const work = await generatedRepo({ commits: 40, paths: 10, seed: 3 }, tempDir('shard-repos'));
    const cache = tempDir('cache');
    const [first] = await shards(work, cache, 2, 'json', tempDir('shard-out'));
    await appendHistory(work, { commits: 5, paths: 10, seed: 4 }, 1_800_000_000);
    const [, second] = await shards(work, cache, 2, 'json', tempDir('shard-out'));
    const r = keyless(work, cache, 'merge', first!, second!);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n')[0], `keyless: repository ${work}: the reports scanned different histories (40 and 45 commits: ${first}, ${second}); run every shard on the same commits`);
  });

  test('reports of two repositories are merged side by side, never into each other; exit codes follow --fail-on', async () => {
    const parent = tempDir('shard-repos');
    // Two repositories with the same history: the same secrets at the same paths.
    const a = await generatedRepo({ commits: 30, paths: 8, seed: 5 }, parent);
    const b = await generatedRepo({ commits: 30, paths: 8, seed: 5 }, parent);
    const cache = tempDir('cache');
    const out = tempDir('shard-out');
    const ra = join(out, 'a.json');
    const rb = await shards(b, cache, 2, 'json', out);
    assert.equal(keyless(a, cache, 'scan', '--history', '--format', 'json', '--output', ra, '--quiet', '.').code, 1);
    const one = parse(readFileSync(ra, 'utf8'));
    const r = keyless(out, cache, 'merge', ra, ...rb);
    assert.equal(r.code, 1, r.stderr);
    const merged = parse(r.stdout);
    const [first, second] = [a, b].sort();
    assert.deepEqual(merged['repositories'], [first, second].map((repository) => ({ kind: 'history', repository, commits: 30, unscanned: 0 })));
    assert.equal(merged.findings.length, 2 * one.findings.length);
    assert.deepEqual(
      merged.findings.filter((f) => f['repository'] === a).map(({ repository: _r, ...f }) => f),
      one.findings,
    );
    assert.deepEqual(merged.findings.map((f) => f['repository']), [...one.findings.map(() => first), ...one.findings.map(() => second)]);

    assert.equal(keyless(out, cache, 'merge', '--fail-on', 'critical', ra).code, 0);
    assert.equal(keyless(out, cache, 'merge', '--fail-on', 'none', ra).code, 0);
    assert.equal(keyless(out, cache, 'merge', '--exit-code', '3', ra).code, 3);
    const text = keyless(out, cache, 'merge', '--format', 'text', '--quiet', ra);
    assert.equal(text.stdout.split('\n').length - 1, one.findings.length);
    assert.match(text.stdout.split('\n')[0]!, /^[^ ]+:\d+:\d+ {2}high {2}e2e-token {2}[0-9a-f]{12}$/);
  });
});
