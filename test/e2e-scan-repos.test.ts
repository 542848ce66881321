/**
 * `keyless scan-repos LIST` end to end: 20 local repositories with generated histories, one entry
 * broken (a directory that is not a repository). 19 are mirrored and scanned, the broken one is
 * reported on stderr and in the report's `notScanned`, and the exit code is 2 (fail closed) unless
 * --allow-unscanned, then 1 (findings). Each finding names its repository and equals what
 * `keyless scan --history` reports for that repository. A second run fetches the mirrors instead
 * of cloning them and gives the same report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GIT_ENV, generatedRepo } from './helpers/sharded-history.js';
import { KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

function keyless(cwd: string, cache: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, KEYLESS_CACHE_DIR: cache }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Report = {
  findings: Record<string, unknown>[];
  repositories: { repository: string; commits: number }[];
  notScanned?: { repository: string; error: string }[];
};

describe('keyless scan-repos', () => {
  let parent: string;
  let repos: string[];
  let broken: string;
  before(async () => {
    parent = tempDir('scan-repos');
    repos = [];
    for (let i = 0; i < 19; i++) repos.push(await generatedRepo({ commits: 8 + i, paths: 6, seed: 100 + i }, parent));
    broken = join(parent, 'not-a-repository');
    mkdirSync(broken);
    // Paths relative to the list's directory, comments and blank lines.
    const lines = repos.map((r) => r.slice(parent.length + 1));
    lines.splice(7, 0, 'not-a-repository');
    writeFileSync(join(parent, 'repos.txt'), `# the organisation\n\n${lines.join('\n')}\n`);
  });

  test('19 of 20 scanned, the broken one reported; exit 2, or 1 with --allow-unscanned', () => {
    const cache = tempDir('cache');
    const workdir = join(tempDir('workdir'), 'mirrors');
    const r = keyless(parent, cache, 'scan-repos', 'repos.txt', '--workdir', workdir, '--jobs', '3', '--output', join(parent, 'report.json'));
    assert.equal(r.code, 2, r.stderr);
    const error = `fatal: repository '${broken}' does not exist`;
    assert.ok(r.stderr.includes(`keyless: not scanned: ${broken}: `), r.stderr);
    assert.match(r.stderr, /^keyless: scanned 19 of 20 repositories; \d+ findings$/m);
    assert.match(r.stderr, /^keyless: 1 repository was not scanned; the report is incomplete, so it fails \(exit 2; --allow-unscanned accepts it\)$/m);
    assert.equal(readdirSync(workdir).filter((d) => d.endsWith('.git')).length, 19);

    const report = JSON.parse(readFileSync(join(parent, 'report.json'), 'utf8')) as Report;
    assert.deepEqual(report.repositories.map((s) => s.repository), [...repos].sort());
    assert.deepEqual(report.repositories.map((s) => s.commits), [...repos].sort().map((repo) => 8 + repos.indexOf(repo)));
    assert.equal(report.notScanned?.length, 1);
    assert.equal(report.notScanned![0]!.repository, broken);
    assert.ok([error, `fatal: '${broken}' does not appear to be a git repository`].includes(report.notScanned![0]!.error), report.notScanned![0]!.error);

    // Each repository's findings are those of its own history scan, named by repository.
    let total = 0;
    for (const repo of repos) {
      const own = keyless(repo, tempDir('cache'), 'scan', '--history', '--no-cache', '--format', 'json', '--quiet', '.');
      const expected = (JSON.parse(own.stdout) as Report).findings;
      const got = report.findings.filter((f) => f['repository'] === repo).map(({ repository: _r, ...f }) => f);
      assert.deepEqual(got, expected, repo);
      total += expected.length;
    }
    assert.ok(total > 19, `${total} findings`);
    assert.equal(report.findings.length, total);

    // Again: the mirrors are fetched, the caches used; the same report, now accepted.
    const again = keyless(parent, cache, 'scan-repos', 'repos.txt', '--workdir', workdir, '--allow-unscanned');
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stderr, /: fetched, \d+ findings?$/m);
    assert.match(again.stderr, /^keyless: warning: 1 repository was not scanned; the report is incomplete \(accepted with --allow-unscanned\)$/m);
    assert.deepEqual(JSON.parse(again.stdout), report);
  });

  test('bad lists and options: one line, exit 2', () => {
    const cache = tempDir('cache');
    writeFileSync(join(parent, 'dup.txt'), `${repos[0]}\n${repos[0]}\n`);
    writeFileSync(join(parent, 'option.txt'), '--upload-pack=touch\n');
    writeFileSync(join(parent, 'empty.txt'), '# nothing\n');
    const cases: [string[], string][] = [
      [['dup.txt'], `dup.txt:2: ${repos[0]} is listed twice (line 1)`],
      [['option.txt'], "option.txt:1: not a clone URL or a path: '--upload-pack=touch'"],
      [['empty.txt'], 'empty.txt lists no repository'],
      [['missing.txt'], 'cannot read missing.txt (ENOENT)'],
      [['repos.txt', '--jobs', '0'], "--jobs must be a number from 1 to 64 (got '0')"],
      [['repos.txt', '--format', 'github'], "--format must be one of json, sarif, text (got 'github')"],
    ];
    for (const [args, message] of cases) {
      const r = keyless(parent, cache, 'scan-repos', ...args, '--workdir', join(cache, 'w'));
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.split('\n')[0], `keyless: ${message}`);
    }
  });
});
