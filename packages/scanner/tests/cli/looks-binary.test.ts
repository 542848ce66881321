/** Binary or text: a file is binary only when its first 8 KiB look binary as a whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, looksBinary } from '../../src/pipeline/decode.js';
import { nameFromBytes } from '../../src/sources/tree/raw-name.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

test('text with a few NULs is text; the NULs stay in the decoded text as separators', () => {
  assert.equal(looksBinary(bytes([0], 'key = value\n')), false);
  assert.equal(looksBinary(bytes('a\0b\0c\n', 'x'.repeat(20))), false);
  assert.equal(decodeText(bytes([0], 'k=v')), '\0k=v');
  assert.equal(looksBinary(bytes('plain text, no NUL at all \x01\x02\x03')), false);
});

test('data that is mostly not text is binary: controls, bytes outside UTF-8, BOM-less UTF-16', () => {
  assert.equal(looksBinary(bytes(Array.from({ length: 64 }, (_, i) => i % 8), 'tail text')), true);
  assert.equal(looksBinary(Buffer.from('key = value\n', 'utf16le')), true);
  // High bytes that are not UTF-8 count; well-formed UTF-8 does not.
  assert.equal(looksBinary(bytes([0], [0xff, 0xfe, 0xfd, 0x80].flatMap((b) => [b, b, b]), 'ab')), true);
  assert.equal(looksBinary(bytes([0], 'é'.repeat(40))), false);
});

test('the share is taken over the first 8 KiB: the limit is 30% of the sample', () => {
  const at = (controls: number) => bytes(Array.from({ length: controls }, () => 1), [0], 'x'.repeat(999 - controls));
  assert.equal(looksBinary(at(299)), false); // 300 non-text bytes of 1000: not more than 30%
  assert.equal(looksBinary(at(300)), true);
  // Text beyond the sample does not dilute a binary start, nor does binary beyond it taint text.
  assert.equal(looksBinary(bytes(Array.from({ length: 8192 }, () => 0), 'x'.repeat(100_000))), true);
  assert.equal(looksBinary(bytes([0], 'x'.repeat(8191), Array.from({ length: 100_000 }, () => 0))), false);
});

test('UTF-16 with a byte order mark is text, and decoded', () => {
  const le = bytes([0xff, 0xfe], [...Buffer.from('k=v', 'utf16le')]);
  assert.equal(looksBinary(le), false);
  assert.equal(decodeText(le), 'k=v');
});

test('names that are not UTF-8: each stray byte as \\xNN, the rest decoded', () => {
  assert.equal(nameFromBytes(Buffer.from('plain.env')), 'plain.env');
  assert.equal(nameFromBytes(Buffer.from([0x6b, 0xff, 0xfe, 0x2e])), 'k\\xff\\xfe.');
  assert.equal(nameFromBytes(bytes('caf', [0xe9], '-é')), 'caf\\xe9-é');
  assert.equal(nameFromBytes(Buffer.from([0xe2, 0x82])), '\\xe2\\x82'); // a cut sequence
});
