/**
 * Fuzzing the checksum code (issue 6, item 3): Marvin32 and CRC-32 agree with straightforward
 * reference implementations written here from the spec (design.md §3.1, zlib's CRC-32) on
 * arbitrary bytes and seeds; every validator returns a boolean on arbitrary strings (never
 * throws); generated keys validate, and a one-character change in their data breaks the checksum.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { crc32 } from '../../src/detect/checksums/crc32.js';
import { isValidDevOpsPat } from '../../src/detect/checksums/devops-pat-checksum.js';
import { decodeBase32, decodeBase64 } from '../../src/detect/encoding.js';
import { isValidEntraSecret } from '../../src/detect/checksums/entra-checksum.js';
import { generateEntraClientSecret, generateIdentifiableKey } from '../../src/detect/examples/generate.js';
import { IDENTIFIABLE_FAMILIES, isValidIdentifiableKey } from '../../src/detect/checksums/identifiable-keys.js';
import { marvin32 } from '../../src/detect/checksums/marvin32.js';
import { hasValidBase62Checksum } from '../../src/detect/checksums/token-checksum.js';
import { check, reportRuns } from './fuzz-settings.js';

after(() => reportRuns('checksums'));

/** Marvin32 straight from design.md §3.1, with BigInt arithmetic mod 2^32. */
function referenceMarvin32(data: Uint8Array, seedLow: number, seedHigh: number): number {
  const M = 0xffffffffn;
  const rotl = (x: bigint, n: bigint) => ((x << n) | (x >> (32n - n))) & M;
  let p0 = BigInt(seedLow) & M;
  let p1 = BigInt(seedHigh) & M;
  const mix = () => {
    p1 ^= p0;
    p0 = rotl(p0, 20n);
    p0 = (p0 + p1) & M;
    p1 = rotl(p1, 9n);
    p1 ^= p0;
    p0 = rotl(p0, 27n);
    p0 = (p0 + p1) & M;
    p1 = rotl(p1, 19n);
  };
  const full = data.length - (data.length % 4);
  for (let i = 0; i < full; i += 4) {
    const w = BigInt(data[i]!) | (BigInt(data[i + 1]!) << 8n) | (BigInt(data[i + 2]!) << 16n) | (BigInt(data[i + 3]!) << 24n);
    p0 = (p0 + w) & M;
    mix();
  }
  const r = data.length % 4;
  const b = (k: number) => BigInt(data[full + k] ?? 0);
  const final = r === 0 ? 0x80n : r === 1 ? 0x8000n | b(0) : r === 2 ? 0x800000n | b(0) | (b(1) << 8n) : 0x80000000n | b(0) | (b(1) << 8n) | (b(2) << 16n);
  p0 = (p0 + final) & M;
  mix();
  mix();
  return Number(p0 ^ p1);
}

/** Bitwise CRC-32 (reflected, polynomial 0xEDB88320), without a table. */
function referenceCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Strings shaped like tokens: the secret alphabets plus separators, padding and junk. */
const tokenish = fc.string({ unit: fc.constantFrom(...`${B64}-_~.=%Q8 \u0000é`), maxLength: 130 });

describe('checksums', () => {
  test('marvin32 equals the reference on arbitrary bytes and seeds', () => {
    check(
      'marvin32',
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (data, lo, hi) => {
        const got = marvin32(data, [lo, hi]);
        assert.ok(Number.isInteger(got) && got >= 0 && got <= 0xffffffff);
        assert.equal(got, referenceMarvin32(data, lo, hi));
      }),
    );
  });

  test('crc32 equals the bitwise reference on arbitrary bytes', () => {
    check('crc32', fc.property(fc.uint8Array({ maxLength: 200 }), (data) => assert.equal(crc32(data), referenceCrc32(data))));
  });

  test('validators and decoders never throw and return the right type on arbitrary strings', () => {
    check(
      'validators',
      fc.property(tokenish, (s) => {
        for (const f of IDENTIFIABLE_FAMILIES) assert.equal(typeof isValidIdentifiableKey(s, f), 'boolean');
        assert.equal(typeof isValidEntraSecret(s), 'boolean');
        assert.equal(typeof isValidDevOpsPat(s), 'boolean');
        assert.equal(typeof hasValidBase62Checksum(s), 'boolean');
        const b64 = decodeBase64(s);
        assert.ok(b64 === undefined || b64 instanceof Uint8Array);
        const b32 = decodeBase32(s);
        assert.ok(b32 === undefined || b32 instanceof Uint8Array);
      }),
    );
  });

  test('generated identifiable keys validate; changing one data character breaks the checksum', () => {
    check(
      'identifiable-mutation',
      fc.property(fc.constantFrom(...IDENTIFIABLE_FAMILIES), fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.nat(), (family, seed, at, by) => {
        const key = generateIdentifiableKey(family, seed);
        assert.ok(isValidIdentifiableKey(key, family));
        const sigAt = key.indexOf(family.signature);
        const i = at % Math.max(1, sigAt - 1); // a character of the random data before the signature
        const alphabet = family.layout === 'b62-39' ? B64.slice(0, 62) : family.layout === 'b64url-40' ? B64.slice(0, 62) + '-_' : B64;
        const current = alphabet.indexOf(key[i]!);
        const replacement = alphabet[(current + 1 + (by % (alphabet.length - 1))) % alphabet.length]!;
        const mutated = key.slice(0, i) + replacement + key.slice(i + 1);
        assert.equal(isValidIdentifiableKey(mutated, family), false, `${family.name}: ${i}`);
      }),
      500,
    );
  });

  test('generated Entra secrets validate; changing one character before the checksum breaks it', () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    check(
      'entra-mutation',
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.nat(), (seed, at, by) => {
        const secret = generateEntraClientSecret(seed);
        assert.ok(isValidEntraSecret(secret));
        let i = at % (secret.length - 3);
        if (i >= 3 && i < 6) i = 0; // keep the `8Q~` marker
        const current = chars.indexOf(secret[i]!);
        const replacement = chars[(Math.max(0, current) + 1 + (by % (chars.length - 1))) % chars.length]!;
        if (replacement === secret[i]) return;
        assert.equal(isValidEntraSecret(secret.slice(0, i) + replacement + secret.slice(i + 1)), false);
      }),
    );
  });
});
