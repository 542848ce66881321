/**
 * The engine's keyword prefilter (Aho-Corasick over ASCII): every occurrence of every keyword, with
 * overlapping and nested ones, ASCII case-insensitively, never across a non-ASCII character; it finds
 * exactly what a case-insensitive regex search stepping one character at a time finds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeywordScanner } from '../../src/detect/keyword-scan.js';
import { createPrng } from '../../src/detect/examples/prng.js';

function hits(keywords: readonly string[], text: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  createKeywordScanner(keywords).scan(text, (k, start, end) => out.push([keywords[k]!, start, end]));
  return out;
}

/** The reference: each keyword searched alone, case-insensitively, at every position. */
function naive(keywords: readonly string[], text: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (let end = 1; end <= text.length; end++) {
    for (const k of keywords) if (end >= k.length && lower.slice(end - k.length, end) === k) out.push([k, end - k.length, end]);
  }
  return out;
}

const sorted = (xs: [string, number, number][]) => [...xs].sort((a, b) => a[2] - b[2] || a[1] - b[1] || (a[0] < b[0] ? -1 : 1));

describe('keyword prefilter', () => {
  test('nested and overlapping keywords are all reported, by end position', () => {
    assert.deepEqual(hits(['accountkey', 'key', 'pass', 'password', 'sword'], 'AccountKey=1; PassWord=2'), [
      ['accountkey', 0, 10],
      ['key', 7, 10],
      ['pass', 14, 18],
      ['password', 14, 22],
      ['sword', 17, 22],
    ]);
  });

  test('a non-ASCII character breaks a keyword; ASCII-only case folding', () => {
    assert.deepEqual(hits(['token'], 'to\u00e9ken tok\u212aen TOKEN'), [['token', 14, 19]]);
  });

  test('agrees with a naive search on random texts', () => {
    const keywords = ['ab', 'abc', 'bca', 'c', 'aab', 'xo-', '-x', 'zz'];
    const rng = createPrng(7);
    for (let i = 0; i < 200; i++) {
      const text = rng.chars('abcABCxo-zZ\u00e9 ', 40);
      assert.deepEqual(sorted(hits(keywords, text)), sorted(naive(keywords, text)), text);
    }
  });

  test('rejects keywords it could never match', () => {
    assert.throws(() => createKeywordScanner(['Token']), /lower-case printable ASCII/);
    assert.throws(() => createKeywordScanner(['cl\u00e9']), /lower-case printable ASCII/);
  });
});
