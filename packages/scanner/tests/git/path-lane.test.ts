/**
 * History scan lanes: a lane reads the versions of the paths it takes through its own git process
 * and scans each against the one before it. Its results must equal those of scanning the same
 * versions directly (the lane reuses two buffers for the bodies), missing and oversized objects are
 * reported unread, and lanes on worker threads give what a lane on this thread gives.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import type { KeylessConfig } from '../../src/config/types.js';
import { createKeywordGate } from '../../src/pipeline/blob-scan.js';
import { runPathLane, type LaneResult, type PathGroup } from '../../src/sources/history/path-lane.js';
import { pathGroupList, scanPathGroups } from '../../src/sources/history/path-lane-pool.js';
import { PathVersionScanner } from '../../src/sources/history/path-version-scan.js';
import { fakeToken, TempRepo, testConfig } from './git-fixture.js';

/** Versions of different sizes (so the lane's buffers grow and are reused), a secret in some. */
function versionsOf(seed: number, token: string): string[] {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `line ${seed} ${i} ${'x'.repeat(i % 50)}`).join('\n') + '\n';
  // New lines at the top and in the middle too: a version read over the one before would hide them.
  return [
    filler(2000),
    `TOKEN = "${token}"\n${filler(2000)}`,
    filler(300),
    `${filler(150)}other = "${token}"\n${filler(150)}`,
    `${filler(3000)}third = "${token}"\n${filler(3000)}`,
  ];
}

describe('history scan lanes', () => {
  let repo: TempRepo;
  let config: KeylessConfig;
  const groups: PathGroup[] = [];
  const contents = new Map<number, { path: string; text: string; last: boolean }>();
  const missing = 'f'.repeat(40);

  before(async () => {
    repo = new TempRepo();
    config = { ...(await testConfig()), maxFileSize: 300_000 };
    let id = 0;
    for (const path of ['a.sh', 'b.txt', 'c.py']) {
      const texts = versionsOf(path.length + id, fakeToken());
      if (path === 'b.txt') texts.push(`${'y'.repeat(400_000)}\n`); // over the size limit
      const blobs = texts.map((t) => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: t, encoding: 'utf8' }).trim());
      const ids = texts.map(() => id++);
      texts.forEach((text, i) => contents.set(ids[i]!, { path, text, last: i === texts.length - 1 }));
      groups.push({ path, blobs, ids });
    }
    groups.push({ path: 'gone.txt', blobs: [missing], ids: [id++] });
  });
  after(() => repo.remove());

  /** What scanning each path's versions directly gives, by id (none for the oversized one). */
  function direct(): Map<number, LaneResult> {
    const ctx = createScanContext(config);
    const scanner = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
    const out = new Map<number, LaneResult>();
    for (const [id, v] of contents) {
      if (v.text.length > 300_000) continue;
      out.set(id, { id, verdict: scanner.scan(v.path, Buffer.from(v.text), v.last), size: Buffer.byteLength(v.text) });
    }
    return out;
  }

  test('a lane on this thread: every version once, in order, as scanning it directly gives', async () => {
    const got: LaneResult[] = [];
    const queue = [...groups];
    // One path per request, whatever is asked for: each request is answered.
    await runPathLane(repo.dir, createScanContext(config), () => queue.splice(0, 1), (r) => got.push(r));
    assert.deepEqual(
      got.map((r) => r.id),
      groups.flatMap((g) => g.ids),
    );
    const expected = direct();
    for (const r of got) {
      const c = contents.get(r.id);
      if (!c) assert.deepEqual(r, { id: r.id, unread: 'missing' });
      else if (c.text.length > 300_000) assert.deepEqual(r, { id: r.id, unread: 'too-large' });
      else assert.deepEqual(r, expected.get(r.id));
    }
    const lines = got.flatMap((r) => ('verdict' in r && r.verdict.kind === 'scanned' ? r.verdict.perPath[0]!.findings.map((f) => `${contents.get(r.id)!.path}:${f.line}`) : []));
    // Each path's token: new at the top of version 2, gone in 3, new in the middle of 4 and 5.
    assert.deepEqual(lines, ['a.sh:1', 'a.sh:151', 'a.sh:3001', 'b.txt:1', 'b.txt:151', 'b.txt:3001', 'c.py:1', 'c.py:151', 'c.py:3001']);
  });

  test('lanes on two worker threads give the results of one lane on this thread', async () => {
    const collect = async (workers: number) => {
      const got: LaneResult[] = [];
      await scanPathGroups(repo.dir, config, createScanContext(config), pathGroupList(groups), workers, (r) => got.push(r));
      return got.sort((a, b) => a.id - b.id);
    };
    const inline = await collect(0);
    assert.equal(inline.length, contents.size + 1);
    assert.deepEqual(await collect(2), inline);
  });

  test('many one-version paths, handed out several at a time: each version once, on two workers as on this thread', async () => {
    const blob = groups[0]!.blobs[1]!; // a.sh's second version: a token on line 1
    const many: PathGroup[] = Array.from({ length: 900 }, (_, i) => ({ path: `many/${i}.sh`, blobs: [blob], ids: [i] }));
    const collect = async (workers: number) => {
      const got: LaneResult[] = [];
      await scanPathGroups(repo.dir, config, createScanContext(config), pathGroupList(many), workers, (r) => got.push(r));
      return got.sort((a, b) => a.id - b.id);
    };
    const inline = await collect(0);
    assert.deepEqual(inline.map((r) => r.id), many.map((g) => g.ids[0]));
    assert.ok(inline.every((r) => 'verdict' in r && r.verdict.kind === 'scanned' && r.verdict.perPath[0]!.findings.length === 1));
    assert.deepEqual(await collect(2), inline);
  });

  test('a lane outside a repository fails with git\'s one-line message', async () => {
    const notRepo = new TempRepo(undefined, false);
    try {
      const queue = [...groups];
      await assert.rejects(runPathLane(notRepo.dir, createScanContext(config), () => queue.splice(0, 1), () => undefined), (err: Error) => {
        assert.match(err.message, /^not a git repository/);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    } finally {
      notRepo.remove();
    }
  });
});
