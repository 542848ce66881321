/**
 * Shard listings (sources/history/shard-listing.ts): the whole listing is routed byte for byte, every
 * commit header to every shard and each raw entry (meta and path, combined merge entries and paths
 * with newlines included) to its path's shard; each file reads back, by the parser of git's output,
 * as every commit with only its shard's entries; a file for other refs, another shard, or cut short
 * is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openShardListing, ShardListingError, writeShardListings } from '../../src/sources/history/shard-listing.js';
import { shardListingFile, SLOTS, type ShardSplit } from '../../src/sources/history/shard.js';
import type { LoggedCommit } from '../../src/sources/git/git-log.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const Z = '0'.repeat(40);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const header1 = `\x01${C}\0${A} ${B}\0Ann\0ann@x.test\x002024-01-01T00:00:00Z\x00100\0\0`;
const merge = `::100644 100644 100644 ${A} ${B} ${C} MM\0dir/evil.txt\0`;
const header2 = `\x01${B}\0\0Bob\0bob@x.test\x002023-01-01T00:00:00Z\x0050\0`;
const added = `\n:000000 100644 ${Z} ${A} A\0odd\nname.txt\0`;
const deleted = `:100644 000000 ${B} ${Z} D\0deleted.txt\0`;
const LISTING = header1 + merge + header2 + added + deleted;

/** Two shards: `dir/evil.txt` and `deleted.txt` placed on 1, every hashed path (the slots) on 2. */
const SPLIT: ShardSplit = { count: 2, placed: new Map([['dir/evil.txt', 1], ['deleted.txt', 1]]), slots: [0, SLOTS] };
const TIPS = { commits: [C], boundary: 'd'.repeat(64) };

function planned(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-listing-'));
  dirs.push(dir);
  const whole = join(dir, 'whole.tmp');
  writeFileSync(whole, LISTING, 'latin1');
  return { dir, files: writeShardListings(whole, dir, SPLIT, TIPS, 2) };
}

async function read(file: string, index: number, tips = TIPS): Promise<LoggedCommit[]> {
  const commits: LoggedCommit[] = [];
  await openShardListing(file, { index, count: 2 }, tips).read((c) => commits.push(c));
  return commits;
}

describe('shard listings', () => {
  test('every commit header goes to every shard, each raw entry to its path shard, byte for byte', () => {
    const { dir, files } = planned();
    assert.deepEqual(files, [shardListingFile(dir, { index: 1, count: 2 }), shardListingFile(dir, { index: 2, count: 2 })]);
    const bodies = files.map((f) => {
      const bytes = readFileSync(f);
      const nl = bytes.indexOf(0x0a);
      return { header: JSON.parse(bytes.subarray(0, nl).toString('utf8').replace(/^keyless-shard-listing 1 /, '')) as Record<string, unknown>, body: bytes.subarray(nl + 1).toString('latin1') };
    });
    assert.equal(bodies[0]!.body, header1 + merge + header2 + deleted);
    assert.equal(bodies[1]!.body, header1 + header2 + added);
    assert.deepEqual(bodies[1]!.header, {
      shard: { index: 2, count: 2 },
      tips: [C],
      boundary: TIPS.boundary,
      split: { placed: [['deleted.txt', 1], ['dir/evil.txt', 1]], slots: [0, SLOTS] },
      commits: 2,
      bytes: Buffer.byteLength(header1 + header2 + added, 'latin1'),
    });
  });

  test('each file reads back as every commit with its own entries only', async () => {
    const { files } = planned();
    const shape = (cs: LoggedCommit[]) => cs.map((c) => [c.info.commit, c.blobs.map((b) => b.path)]);
    assert.deepEqual(shape(await read(files[0]!, 1)), [[C, ['dir/evil.txt']], [B, []]]);
    assert.deepEqual(shape(await read(files[1]!, 2)), [[C, []], [B, ['odd\nname.txt']]]);
  });

  test('refused: other refs, another shard, cut short, not a listing', async () => {
    const { files } = planned();
    const refused = async (file: string, index: number, message: string, tips = TIPS) => {
      await assert.rejects(async () => read(file, index, tips), (e: unknown) => e instanceof ShardListingError && e.message === message);
    };
    await refused(files[0]!, 1, `${files[0]} was planned from other refs or another shallow boundary than this repository has now; run keyless plan-shards again`, { commits: [B], boundary: TIPS.boundary });
    await refused(files[0]!, 1, `${files[0]} was planned from other refs or another shallow boundary than this repository has now; run keyless plan-shards again`, { commits: [C], boundary: 'e'.repeat(64) });
    await refused(files[0]!, 2, `${files[0]} is the listing of shard 1/2, not of 2/2`);
    const bytes = readFileSync(files[1]!);
    writeFileSync(files[1]!, bytes.subarray(0, bytes.length - 1));
    await refused(files[1]!, 2, `${files[1]} is cut short or has grown (its listing should be ${Buffer.byteLength(header1 + header2 + added, 'latin1')} bytes); copy it again from the plan`);
    // A commit header dropped with the length adjusted: the commit count tells.
    const text = bytes.toString('latin1');
    const body = text.slice(text.indexOf('\n') + 1).replace(header1, '');
    const head = JSON.parse(text.slice('keyless-shard-listing 1 '.length, text.indexOf('\n'))) as Record<string, unknown>;
    writeFileSync(files[1]!, `keyless-shard-listing 1 ${JSON.stringify({ ...head, bytes: Buffer.byteLength(body, 'latin1') })}\n${body}`, 'latin1');
    await refused(files[1]!, 2, `${files[1]} lists 1 commits, its header 2`);
    writeFileSync(files[1]!, '{}\n');
    await refused(files[1]!, 2, `${files[1]} is not a shard listing of keyless plan-shards`);
  });

  test('a symbolic link planted at a file name is not written through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyless-listing-'));
    dirs.push(dir);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep\n');
    symlinkSync(victim, `${shardListingFile(dir, { index: 1, count: 2 })}.part`);
    const whole = join(dir, 'whole.tmp');
    writeFileSync(whole, LISTING, 'latin1');
    assert.throws(() => writeShardListings(whole, dir, SPLIT, TIPS, 2), (e: NodeJS.ErrnoException) => e.code === 'ELOOP');
    assert.equal(readFileSync(victim, 'utf8'), 'keep\n');
  });
});
