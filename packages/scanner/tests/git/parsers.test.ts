import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProgress, formatProgress } from '../../src/cli/progress.js';
import { BatchParser } from '../../src/sources/git/git-cat-file.js';
import { parseRawDiff } from '../../src/sources/changes/git-changes.js';
import { parseRawMeta, RawLogParser, type LoggedCommit } from '../../src/sources/git/git-log.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const Z = '0'.repeat(40);

describe('RawLogParser', () => {
  test('parses commits, combined merge entries and paths with newlines, whatever the chunking', () => {
    const stream = Buffer.concat([
      Buffer.from(`\x01${C}\0${A} ${B}\0Ann\0ann@x.test\x002024-01-01T00:00:00Z\x00100\0\0`),
      Buffer.from(`::100644 100644 100644 ${A} ${B} ${C} MM\0dir/evil.txt\0`),
      Buffer.from(`\x01${B}\0\0Bob\0bob@x.test\x002023-01-01T00:00:00Z\x0050\0\n`),
      Buffer.from(`:000000 100644 ${Z} ${A} A\0odd\nname.txt\0`),
      Buffer.from(`:100644 000000 ${B} ${Z} D\0deleted.txt\0`),
      Buffer.from(`:000000 160000 ${Z} ${C} A\0vendor/sub\0`),
    ]);
    for (const size of [1, 7, 64, stream.length]) {
      const commits: LoggedCommit[] = [];
      const p = new RawLogParser((c) => commits.push(c));
      for (let i = 0; i < stream.length; i += size) p.push(stream.subarray(i, i + size));
      p.end();
      assert.deepEqual(
        commits.map((c) => [c.info.commit, c.parents, c.info.author, c.time, c.blobs, c.skipped]),
        [
          [C, [A, B], 'Ann', 100, [{ blob: C, path: 'dir/evil.txt', parentBlobs: [A, B] }], []],
          [B, [], 'Bob', 50, [{ blob: A, path: 'odd\nname.txt', parentBlobs: [''] }], [{ path: 'vendor/sub', reason: 'submodule (not scanned)' }]],
        ],
        `chunk size ${size}`,
      );
    }
  });
});

describe('parseRawMeta', () => {
  test('reads modes and ids of plain and combined entries; a zero id is no parent blob', () => {
    assert.deepEqual(parseRawMeta(`:100644 100755 ${A} ${B} M`), { newMode: '100755', newBlob: B, parentBlobs: [A] });
    assert.deepEqual(parseRawMeta(`:000000 100644 ${Z} ${A} A`), { newMode: '100644', newBlob: A, parentBlobs: [''] });
    assert.deepEqual(parseRawMeta(`::100644 100644 120000 ${A} ${Z} ${C} MA`), { newMode: '120000', newBlob: C, parentBlobs: [A, ''] });
    const sha256 = 'd'.repeat(64);
    assert.deepEqual(parseRawMeta(`:100644 100644 ${sha256} ${sha256} M`), { newMode: '100644', newBlob: sha256, parentBlobs: [sha256] });
  });

  test('rejects anything else', () => {
    for (const bad of [
      `100644 100644 ${A} ${B} M`, // no colon
      `:100644 100644 ${A} ${B}`, // no status
      `:100644 1006440 ${A} ${B} M`, // a mode of seven digits
      `:100644 100648 ${A} ${B} M`, // not octal
      `:100644  100644 ${A} ${B} M`, // two spaces
      `:100644 100644 ${A.slice(1)} ${B} M`, // an id of 39 digits
      `:100644 100644 ${A.toUpperCase()} ${B} M`, // upper case
      `:100644 100644 ${'e'.repeat(65)} ${B} M`, // an id of 65 digits
      `::100644 100644 ${A} ${B} M`, // a combined entry missing a parent's mode
      ':',
    ]) assert.equal(parseRawMeta(bad), undefined, bad);
  });
});

describe('BatchParser', () => {
  test('splits cat-file --batch output into blobs across chunk boundaries, missing objects included', () => {
    const stream = Buffer.from(`${A} blob 5\nhello\n${B} missing\n${C} blob 0\n\n${A} blob 3\na\nb\n`);
    for (const size of [1, 3, stream.length]) {
      const got: [string, string | undefined][] = [];
      const p = new BatchParser((id, bytes) => got.push([id, bytes?.toString()]));
      for (let i = 0; i < stream.length; i += size) p.push(stream.subarray(i, i + size));
      assert.deepEqual(got, [
        [A, 'hello'],
        [B, undefined],
        [C, ''],
        [A, 'a\nb'],
      ]);
    }
  });
});

describe('parseRawDiff', () => {
  test('keeps added and modified files, drops deletions, gitlinks and symlinks', () => {
    const out = Buffer.from(
      `:000000 100644 ${Z} ${A} A\0new.txt\0:100644 100644 ${B} ${C} M\0mod.txt\0:100644 000000 ${B} ${Z} D\0gone.txt\0` +
        `:000000 120000 ${Z} ${A} A\0link\0:000000 160000 ${Z} ${A} A\0sub\0`,
    );
    assert.deepEqual(parseRawDiff(out), [
      { path: 'new.txt', blob: A, baseBlobs: [''] },
      { path: 'mod.txt', blob: C, baseBlobs: [B] },
    ]);
  });
});

describe('progress', () => {
  test('formats done/total and rate', () => {
    assert.equal(formatProgress('history', 150, 300, 'commits', 2000), 'history: 150/300 commits, 75/s');
    assert.equal(formatProgress('history: listing', 42, 0, 'commits', 0), 'history: listing: 42 commits, 0/s');
  });

  test('draws on a TTY (throttled), clears at the end; silent when not a TTY or disabled', () => {
    let t = 0;
    const tty: string[] = [];
    const p = createProgress({ enabled: true, stream: { isTTY: true, write: (s: string) => tty.push(s) }, now: () => t });
    p.phase('history', 10, 'commits');
    t = 1000;
    p.update(1);
    t = 1050;
    p.update(2); // within the redraw interval: skipped
    t = 2000;
    p.update(10);
    p.finish();
    assert.deepEqual(tty, ['\r\x1b[2Khistory: 1/10 commits, 1/s', '\r\x1b[2Khistory: 10/10 commits, 5/s', '\r\x1b[2K']);
    for (const opts of [{ enabled: true, isTTY: false }, { enabled: false, isTTY: true }]) {
      const out: string[] = [];
      const q = createProgress({ enabled: opts.enabled, stream: { isTTY: opts.isTTY, write: (s: string) => out.push(s) } });
      q.phase('x', 1, 'commits');
      q.update(1);
      q.finish();
      assert.deepEqual(out, []);
    }
  });
});
