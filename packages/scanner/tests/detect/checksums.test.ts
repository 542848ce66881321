/** Checksum primitives against the design.md vectors and public reference values. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, crc32Latin1, latin1Bytes } from '../../src/detect/checksums/crc32.js';
import { isValidDevOpsPat } from '../../src/detect/checksums/devops-pat-checksum.js';
import {
  BASE66_ALPHABET,
  decodeBase32,
  decodeBase64,
  encodeBase32Lower,
  encodeBase64,
  encodeNumber,
} from '../../src/detect/encoding.js';
import { entraChecksumString, isValidEntraSecret } from '../../src/detect/checksums/entra-checksum.js';
import { generateDevOpsPat, generateGithubToken, generateNpmToken } from '../../src/detect/examples/generate.js';
import { familyByName, identifiableSeedOf, isValidIdentifiableKey } from '../../src/detect/checksums/identifiable-keys.js';
import { marvin32Ascii, seedFromAscii } from '../../src/detect/checksums/marvin32.js';
import { hasValidBase62Checksum } from '../../src/detect/checksums/token-checksum.js';

describe('marvin32', () => {
  test('seed is the 8 ASCII chars as a big-endian 64-bit number, split [low, high]', () => {
    // "Default0" = 0x44656661756c7430
    assert.deepEqual(seedFromAscii('Default0'), [0x756c7430, 0x44656661]);
    assert.throws(() => seedFromAscii('short'), /8 ASCII characters/);
  });

  test('design.md §3.1 vectors: storage (Default0) and Service Bus (Send0000)', () => {
    const storage = 'a'.repeat(76) + '+ASt5mnCaw==';
    const bus = 'a'.repeat(33) + '+ASbHpHeAI=';
    assert.equal(isValidIdentifiableKey(storage, familyByName('storage')), true);
    assert.equal(identifiableSeedOf(storage, familyByName('storage')), 'Default0');
    assert.equal(identifiableSeedOf(bus, familyByName('servicebus')), 'Send0000');
    // The stored checksum is the little-endian uint32 of the last 4 bytes.
    const bytes = decodeBase64(storage)!;
    const stored = (bytes[60]! | (bytes[61]! << 8) | (bytes[62]! << 16) | (bytes[63]! << 24)) >>> 0;
    assert.equal(marvin32Ascii(bytes.subarray(0, 60), 'Default0'), stored);
  });

  test('a one-character change breaks the checksum', () => {
    assert.equal(isValidIdentifiableKey('b' + 'a'.repeat(75) + '+ASt5mnCaw==', familyByName('storage')), false);
    assert.equal(isValidIdentifiableKey('a'.repeat(33) + '+ASbHpHfAI=', familyByName('servicebus')), false);
  });

  test('tails of 0..3 bytes give different results (each tail branch is used)', () => {
    const results = new Set([0, 1, 2, 3].map((n) => marvin32Ascii(new Uint8Array(4 + n).fill(7), 'Default0')));
    assert.equal(results.size, 4);
    assert.ok([...results].every((r) => Number.isInteger(r) && r >= 0 && r <= 0xffffffff));
  });
});

describe('entra 8Q~ checksum (base 66)', () => {
  test('design.md §3.2 vector: "zzz8Q~" + 31 z -> blPTrp', () => {
    const body = 'zzz8Q~' + 'z'.repeat(31);
    assert.equal(entraChecksumString(body), 'blPTrp');
    assert.equal(isValidEntraSecret(body + 'blP'), true);
    assert.equal(isValidEntraSecret(body + 'blQ'), false);
  });

  test('base 66 digits are most significant first, left-padded with "a"', () => {
    assert.equal(encodeNumber(0, BASE66_ALPHABET, 6), 'aaaaaa');
    assert.equal(encodeNumber(65, BASE66_ALPHABET, 6), 'aaaaa~');
    assert.equal(encodeNumber(66, BASE66_ALPHABET, 6), 'aaaaba');
    assert.equal(encodeNumber(0xffffffff, BASE66_ALPHABET, 6).length, 6);
  });
});

describe('crc32', () => {
  test('the standard check value', () => {
    assert.equal(crc32Latin1('123456789'), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.equal(crc32Latin1('The quick brown fox jumps over the lazy dog'), 0x414fa339);
  });
});

describe('base64 / base32', () => {
  test('base64 and base64url decode, padded or not; invalid input is rejected', () => {
    assert.equal(String.fromCharCode(...decodeBase64('Zm9vYmFy')!), 'foobar');
    assert.deepEqual([...decodeBase64('-_8')!], [0xfb, 0xff]);
    assert.deepEqual([...decodeBase64('+/8=')!], [0xfb, 0xff]);
    assert.equal(decodeBase64('Zm9v!'), undefined);
    assert.equal(decodeBase64('Z'), undefined);
    assert.equal(encodeBase64(new Uint8Array([0xfb, 0xff]), true, false), '-_8');
  });

  test('RFC 4648 base32 vectors (case-insensitive)', () => {
    const bytes = (s: string): number[] => [...latin1Bytes(s)];
    assert.deepEqual([...decodeBase32('MZXW6YTBOI')!], bytes('foobar'));
    assert.deepEqual([...decodeBase32('mzxw6ytboi======')!], bytes('foobar'));
    assert.deepEqual([...decodeBase32('MZXW6')!], bytes('foo'));
    assert.equal(decodeBase32('MZXW1'), undefined);
    assert.equal(encodeBase32Lower(latin1Bytes('foobar')), 'mzxw6ytboi');
  });
});

describe('Azure DevOps legacy PAT checksum', () => {
  // No real PAT was available: these vectors are built from the algorithm in design.md §3.3 itself.
  test('generated PATs validate with either XOR constant', () => {
    for (let seed = 1; seed <= 20; seed++) {
      assert.equal(isValidDevOpsPat(generateDevOpsPat(seed, 0)), true);
      assert.equal(isValidDevOpsPat(generateDevOpsPat(seed, 1)), true);
    }
  });
  test('a changed token byte or checksum byte fails', () => {
    const pat = generateDevOpsPat(3);
    const swap = (i: number): string => pat.slice(0, i) + (pat[i] === 'a' ? 'b' : 'a') + pat.slice(i + 1);
    assert.equal(isValidDevOpsPat(swap(0)), false);
    assert.equal(isValidDevOpsPat(swap(36)), false); // inside byte 22 (checksum LSB)
    assert.equal(isValidDevOpsPat(pat.slice(0, 51)), false);
  });
});

describe('GitHub / npm base62 CRC32 checksum', () => {
  test('generated tokens validate; a changed char fails', () => {
    const t = generateGithubToken('ghp', 9);
    assert.equal(hasValidBase62Checksum(t), true);
    assert.equal(hasValidBase62Checksum(generateNpmToken(9)), true);
    assert.equal(hasValidBase62Checksum(t.slice(0, 10) + (t[10] === 'A' ? 'B' : 'A') + t.slice(11)), false);
  });
  test('GitHub documentation placeholder tokens do not validate', () => {
    assert.equal(hasValidBase62Checksum('ghp_' + 'x'.repeat(36)), false);
  });
});
