/** Reading a gate file as a commit holds it, and the two ends of a range (A..B, A...B). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readFileAtCommit } from '../../src/sources/git/file-at-commit.js';
import { rangeEnds } from '../../src/sources/git/range-ends.js';
import { TempRepo } from './git-fixture.js';

const repos: TempRepo[] = [];
after(() => {
  for (const r of repos) r.remove();
});

test('readFileAtCommit: the stored bytes, absent, or not a regular file (symlink, directory)', async () => {
  const repo = new TempRepo();
  repos.push(repo);
  const first = repo.commit('config', { 'keyless.config.json': '{ "exclude": [] }\n', 'dir/a.txt': 'a\n' });
  symlinkSync('/etc/passwd', join(repo.dir, 'link.json'));
  const second = repo.commit('link and edit', { 'keyless.config.json': '{}\n' });
  const read = await readFileAtCommit(repo.dir, first, 'keyless.config.json');
  assert.equal(read.kind, 'file');
  assert.equal(read.kind === 'file' ? read.bytes.toString('utf8') : '', '{ "exclude": [] }\n');
  assert.deepEqual(await readFileAtCommit(repo.dir, first, 'link.json'), { kind: 'absent' });
  assert.deepEqual(await readFileAtCommit(repo.dir, second, 'link.json'), { kind: 'not-a-file', mode: '120000' });
  assert.deepEqual(await readFileAtCommit(repo.dir, second, 'dir'), { kind: 'not-a-file', mode: '040000' });
  await assert.rejects(readFileAtCommit(repo.dir, 'HEAD', 'keyless.config.json'), /not a commit id: HEAD/);
});

test('rangeEnds: A..B is (A, B); A...B is (merge base, B); an empty side is HEAD', async () => {
  const repo = new TempRepo();
  repos.push(repo);
  const fork = repo.commit('fork point', { 'a.txt': '1\n' });
  repo.git('checkout', '-q', '-b', 'pr');
  const pr = repo.commit('pr', { 'b.txt': '1\n' });
  repo.git('checkout', '-q', 'main');
  const main = repo.commit('main moves on', { 'c.txt': '1\n' });
  assert.deepEqual(await rangeEnds(repo.dir, 'main..pr'), { base: main, head: pr });
  assert.deepEqual(await rangeEnds(repo.dir, 'main...pr'), { base: fork, head: pr });
  assert.deepEqual(await rangeEnds(repo.dir, 'pr..'), { base: pr, head: main });
  await assert.rejects(rangeEnds(repo.dir, 'nope..pr'), /^Error: invalid range "nope..pr": unknown revision 'nope'$/);
  await assert.rejects(rangeEnds(repo.dir, '--output=x..pr'), /invalid revision/);
});
