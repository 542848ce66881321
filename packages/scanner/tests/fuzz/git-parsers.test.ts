/**
 * Fuzzing the git stream parsers (issue 6, item 3): `git log --raw -z` (RawLogParser), `git diff
 * --raw -z` (parseRawDiff), `git cat-file --batch` (BatchParser) and the NUL splitter under them.
 * On arbitrary bytes they throw nothing but GitOutputError (issue 12: output they do not understand
 * is an error, exit 2 with one line, never "0 commits"); a well-formed stream that is cut short or has
 * a corrupted header is rejected; on well-formed streams cut into arbitrary chunks they yield exactly
 * what was encoded, whatever bytes the paths hold.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { BatchParser } from '../../src/sources/git/git-cat-file.js';
import { parseRawDiff } from '../../src/sources/changes/git-changes.js';
import { parseRawMeta, RawLogParser, type LoggedCommit } from '../../src/sources/git/git-log.js';
import { GitOutputError, NulSplitter } from '../../src/sources/git/git-process.js';
import { check, reportRuns } from './fuzz-settings.js';

after(() => reportRuns('git-parsers'));

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
function cut(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
const nonZeroSha = sha.filter((s) => !/^0+$/.test(s));
/** Path bytes: anything but NUL (git's -z paths), including newlines, quotes and invalid UTF-8. */
const pathBytes = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((a) => Buffer.from(a.map((b) => (b === 0 ? 0x5f : b))));
const chunkOffsets = fc.array(fc.nat(), { maxLength: 12 });

interface GenEntry {
  readonly mode: '100644' | '100755' | '160000' | '120000';
  readonly blob: string;
  readonly parent: string;
  readonly path: Buffer;
}
interface GenCommit {
  readonly sha: string;
  readonly parents: string[];
  readonly author: string;
  readonly email: string;
  readonly time: number;
  readonly entries: GenEntry[];
}

const entry = fc.record({
  mode: fc.constantFrom('100644' as const, '100755' as const, '160000' as const, '120000' as const),
  blob: nonZeroSha,
  parent: fc.oneof(sha, fc.constant('0'.repeat(40))),
  path: pathBytes,
});
const text = fc.string({ unit: fc.constantFrom(...'abc XYZ.-@éü'), maxLength: 12 });
const commit = fc.record({
  sha,
  parents: fc.array(sha, { maxLength: 1 }),
  author: text,
  email: text,
  time: fc.integer({ min: 0, max: 2 ** 31 }),
  entries: fc.array(entry, { maxLength: 5 }),
});

function encodeLog(commits: readonly GenCommit[]): Buffer {
  const parts: Buffer[] = [];
  for (const c of commits) {
    const date = new Date(c.time * 1000).toISOString();
    parts.push(Buffer.from(`\x01${c.sha}\0${c.parents.join(' ')}\0${c.author}\0${c.email}\0${date}\0${c.time}\0\n`));
    for (const e of c.entries) {
      const oldMode = /^0+$/.test(e.parent) ? '000000' : '100644';
      parts.push(Buffer.from(`:${oldMode} ${e.mode} ${e.parent} ${e.blob} M\0`), e.path, Buffer.from([0]));
    }
  }
  return Buffer.concat(parts);
}

describe('git stream parsers', () => {
  test('NulSplitter: tokens are independent of chunking', () => {
    check(
      'nul-splitter',
      fc.property(fc.uint8Array({ maxLength: 300 }), chunkOffsets, (bytes, offsets) => {
        const buf = Buffer.from(bytes);
        const tokens: string[] = [];
        const s = new NulSplitter((t) => tokens.push(t.toString('latin1')));
        for (const c of cut(buf, offsets)) s.push(c);
        s.end();
        const expected = buf.toString('latin1').split('\0');
        if (expected[expected.length - 1] === '') expected.pop();
        assert.deepEqual(tokens, expected);
      }),
    );
  });

  test('parseRawMeta never throws on arbitrary text', () => {
    check('raw-meta', fc.property(fc.string({ unit: fc.constantFrom(...': 0123456789abcdefMAD\n'), maxLength: 200 }), (s) => void parseRawMeta(s)));
  });

  test('RawLogParser: arbitrary bytes in arbitrary chunks throw only GitOutputError, and only well-formed commits come out', () => {
    const noise = fc.array(fc.oneof(fc.uint8Array({ maxLength: 30 }), fc.constantFrom(Buffer.from('\x01'), Buffer.from('\0'), Buffer.from(':100644 100644 '), Buffer.from('\n'))), { maxLength: 30 });
    check(
      'raw-log-noise',
      fc.property(noise, chunkOffsets, (parts, offsets) => {
        const seen: LoggedCommit[] = [];
        const p = new RawLogParser((c) => seen.push(c));
        const bytes = Buffer.concat(parts.map((x) => Buffer.from(x)));
        let threw = false;
        try {
          for (const c of cut(bytes, offsets)) p.push(c);
          p.end();
        } catch (e) {
          assert.ok(e instanceof GitOutputError, String(e));
          threw = true;
        }
        // Accepted output either held nothing but separators, or only commits with valid ids.
        if (!threw && seen.length === 0) assert.match(bytes.toString('latin1'), /^[\0\n]*$/);
        for (const c of seen) assert.match(c.info.commit, /^[0-9a-f]{40,64}$/);
      }),
    );
  });

  test('RawLogParser: a well-formed log cut short or with a corrupted header is rejected, never fewer commits', () => {
    check(
      'raw-log-damaged',
      fc.property(fc.array(commit, { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean(), (commits, at, truncate) => {
        const log = encodeLog(commits);
        // Damage: cut the stream inside the last commit's header, or overwrite one byte of a header id.
        const lastHeader = encodeLog(commits.slice(0, -1)).length;
        const damaged = truncate
          ? log.subarray(0, lastHeader + 1 + (at % 40))
          : Buffer.concat([log.subarray(0, lastHeader + 1 + (at % 40)), Buffer.from('Z'), log.subarray(lastHeader + 2 + (at % 40))]);
        const p = new RawLogParser(() => undefined);
        assert.throws(() => {
          p.push(damaged);
          p.end();
        }, GitOutputError);
      }),
    );
  });

  test('RawLogParser: well-formed logs yield exactly their commits, blobs and paths, however chunked', () => {
    check(
      'raw-log-exact',
      fc.property(fc.array(commit, { maxLength: 5 }), chunkOffsets, (commits, offsets) => {
        const seen: LoggedCommit[] = [];
        const p = new RawLogParser((c) => seen.push(c));
        for (const c of cut(encodeLog(commits), offsets)) p.push(c);
        p.end();
        assert.equal(seen.length, commits.length);
        commits.forEach((c, i) => {
          const got = seen[i]!;
          assert.equal(got.info.commit, c.sha);
          assert.deepEqual(got.parents, c.parents);
          assert.equal(got.info.author, c.author);
          assert.equal(got.time, c.time);
          const blobs = c.entries.filter((e) => e.mode === '100644' || e.mode === '100755');
          assert.deepEqual(
            got.blobs.map((b) => [b.blob, b.path, b.parentBlobs]),
            blobs.map((e) => [e.blob, e.path.toString('utf8'), [/^0+$/.test(e.parent) ? '' : e.parent]]),
          );
          assert.equal(got.skipped.length, c.entries.length - blobs.length);
        });
      }),
    );
  });

  test('parseRawDiff: well-formed diffs yield their changes; noise throws only GitOutputError', () => {
    check(
      'raw-diff',
      fc.property(fc.array(entry, { maxLength: 8 }), fc.uint8Array({ maxLength: 100 }), (entries, noise) => {
        const parts: Buffer[] = [];
        for (const e of entries) parts.push(Buffer.from(`:100644 ${e.mode} ${e.parent} ${e.blob} M\0`), e.path, Buffer.from([0]));
        const changes = parseRawDiff(Buffer.concat(parts));
        const kept = entries.filter((e) => e.mode === '100644' || e.mode === '100755');
        assert.deepEqual(
          changes.map((c) => [c.path, c.blob, c.baseBlobs]),
          kept.map((e) => [e.path.toString('utf8'), e.blob, [/^0+$/.test(e.parent) ? '' : e.parent]]),
        );
        try {
          parseRawDiff(Buffer.from(noise));
        } catch (e) {
          assert.ok(e instanceof GitOutputError, String(e));
        }
      }),
    );
  });

  test('BatchParser: blobs (empty, binary, containing newlines) and missing objects come back intact, however chunked', () => {
    const obj = fc.oneof(
      fc.record({ id: nonZeroSha, body: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) }),
      fc.record({ id: nonZeroSha, body: fc.constant(undefined) }),
    );
    check(
      'cat-file-batch',
      fc.property(fc.array(obj, { maxLength: 8 }), chunkOffsets, (objs, offsets) => {
        const parts: Buffer[] = [];
        for (const o of objs) {
          if (o.body === undefined) parts.push(Buffer.from(`${o.id} missing\n`));
          else parts.push(Buffer.from(`${o.id} blob ${o.body.length}\n`), o.body, Buffer.from('\n'));
        }
        const got: [string, string | undefined][] = [];
        const p = new BatchParser((id, bytes) => got.push([id, bytes?.toString('hex')]));
        for (const c of cut(Buffer.concat(parts), offsets)) p.push(c);
        assert.deepEqual(got, objs.map((o) => [o.id, o.body?.toString('hex')]));
      }),
    );
  });

  test(
    'BatchParser: arbitrary bytes (including non-numeric and negative sizes) throw only GitOutputError',
    () => {
    const noise = fc.array(fc.oneof(fc.uint8Array({ maxLength: 30 }).map((a) => Buffer.from(a)), fc.constantFrom(Buffer.from(' blob 5\n'), Buffer.from(' missing\n'), Buffer.from(' blob 9999999\n'), Buffer.from(' blob -1\n'), Buffer.from(' blob x\n'))), { maxLength: 20 });
    check(
      'cat-file-noise',
      fc.property(noise, chunkOffsets, (parts, offsets) => {
        const p = new BatchParser(() => undefined);
        try {
          for (const c of cut(Buffer.concat(parts), offsets)) p.push(c);
          p.end();
        } catch (e) {
          assert.ok(e instanceof GitOutputError, String(e));
        }
      }),
    );
    },
  );
});
