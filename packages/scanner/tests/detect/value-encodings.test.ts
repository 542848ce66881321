/**
 * The value decoders behind encoded-secret detection (detect/value-encodings.ts): what each one
 * accepts and refuses, its map back to encoded offsets, the depth and length bounds, and that every
 * regular expression of the module is linear-time (recheck).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  decodedLayers,
  decodeHexEscapes,
  decodeHtmlEntities,
  decodePercent,
  decodeWholeBase64,
  ENCODING_PATTERNS,
  MAX_ENCODED_VALUE,
} from '../../src/detect/value-encodings.js';
import { decodeEscapes } from '../../src/detect/escapes.js';
import { REVEALED_TEXT_PATTERNS } from '../../src/detect/revealed-text.js';
import { fake, prng } from '../formats/helpers.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** The encoded span of decoded [s, e). */
const span = (map: Int32Array, s: number, e: number) => [map[s], map[e]];

describe('base64: the whole value, printable text only', () => {
  test('standard, URL-safe and unpadded base64 of text decode; the map is the whole value', () => {
    const text = `Password=${fake(1, 14)};`;
    for (const encoded of [b64(text), b64(text).replace(/=+$/, ''), Buffer.from(text + '??>>').toString('base64url')]) {
      const d = decodeWholeBase64(encoded);
      assert.ok(d, encoded);
      assert.equal(d.encoding, 'base64');
      assert.ok(d.value.startsWith(text));
      assert.deepEqual([d.rawOffset[9], d.rawOffset[d.value.length]], [0, encoded.length]);
    }
  });
  test('random bytes, images, too short, other characters, too long: not decoded', () => {
    assert.equal(decodeWholeBase64(Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 97 + 13) & 0xff)).toString('base64')), undefined);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString('base64');
    assert.equal(decodeWholeBase64(png), undefined);
    assert.equal(decodeWholeBase64(b64('short')), undefined);
    assert.equal(decodeWholeBase64(`${b64('some printable text')} `), undefined);
    assert.equal(decodeWholeBase64(`data:${b64('some printable text')}`), undefined);
    assert.equal(decodeWholeBase64(b64('x'.repeat(MAX_ENCODED_VALUE))), undefined);
    assert.equal(decodeWholeBase64(`${b64('some printable text')}===`), undefined);
  });
  test('plain identifiers and hex strings are not base64 of text', () => {
    for (const v of ['ThisIsAnIdentifierName', 'abcdef0123456789abcdef0123456789', 'ConnectionStrings', 'productionDatabase']) {
      assert.equal(decodeWholeBase64(v), undefined, v);
    }
  });
});

describe('percent-encoding', () => {
  test('%XX runs decode as UTF-8 and map back to their % signs', () => {
    const d = decodePercent('a%40b%2Fc%C3%A9d');
    assert.ok(d);
    assert.equal(d.value, 'a@b/céd');
    assert.deepEqual(Array.from(d.rawOffset), [0, 1, 4, 5, 8, 9, 15, 16]);
    assert.deepEqual(span(d.rawOffset, 1, 4), [1, 8]);
  });
  test('no %XX, broken UTF-8 or control characters: not decoded', () => {
    assert.equal(decodePercent('100% sure'), undefined);
    assert.equal(decodePercent('%PATH%'), undefined);
    assert.equal(decodePercent('a%C3b'), undefined);
    assert.equal(decodePercent('a%00b'), undefined);
  });
});

describe('\\u and \\x escapes', () => {
  test('decoded with a map to each escape', () => {
    const d = decodeHexEscapes('\\u0041b\\x43');
    assert.ok(d);
    assert.equal(d.value, 'AbC');
    assert.deepEqual(Array.from(d.rawOffset), [0, 6, 7, 11]);
  });
  test('values with only simple escapes or none are left alone', () => {
    assert.equal(decodeHexEscapes('a\\nb\\"c'), undefined);
    assert.equal(decodeHexEscapes('plain'), undefined);
    assert.equal(decodeHexEscapes('\\u00zz'), undefined);
  });
});

describe('HTML / XML character references', () => {
  test('hex, decimal and named references', () => {
    const d = decodeHtmlEntities('&#x41;&#66;c&amp;d');
    assert.ok(d);
    assert.equal(d.value, 'ABc&d');
    assert.deepEqual(Array.from(d.rawOffset), [0, 6, 11, 12, 17, 18]);
  });
  test('a bare & or an unknown name is text, not a reference', () => {
    assert.equal(decodeHtmlEntities('a & b'), undefined);
    assert.equal(decodeHtmlEntities('a&unknown;b'), undefined);
    assert.equal(decodeHtmlEntities('&#x110000;'), undefined);
  });
});

describe('layers', () => {
  test('two deep at most: base64 of a percent-encoded text, placed at the whole value', () => {
    const inner = `pw=${'a%40b'}${fake(2, 10)}`;
    const outer = b64(inner);
    const layers = decodedLayers(outer);
    assert.deepEqual(layers.map((l) => l.encodings), [['base64'], ['base64', 'percent']]);
    const two = layers[1]!;
    assert.equal(two.value, `pw=a@b${fake(2, 10)}`);
    assert.deepEqual(layers.map((l) => l.exact), [false, false]);
  });
  test('a third encoding is not undone', () => {
    const three = b64(b64(`p%40${fake(3, 16)}`));
    assert.deepEqual(decodedLayers(three).map((l) => l.encodings), [['base64'], ['base64', 'base64']]);
  });
  test('most values decode to nothing', () => {
    for (const v of ['hello', 'https://contoso.com/a?b=c', fake(4, 40), 'C:\\path\\file']) assert.deepEqual(decodedLayers(v), [], v);
  });
});

describe('hostile values', () => {
  test('random mixes of every marker: no throw, maps in bounds and in order, exact spans re-decode alike', () => {
    const alphabet = ['%', '%4', '%41', '%C3', '%A9', '\\', '\\u', '\\x', '00', '4', '1', 'F', 'g', '&', '&#', '&#x', ';', 'amp', 'A', 'b', '=', '+', '/', '-', ' ', '\n', '\u0000'];
    const next = prng(7);
    for (let n = 0; n < 3000; n++) {
      let value = '';
      const parts = 1 + Math.floor(next() * 40);
      for (let i = 0; i < parts; i++) value += alphabet[Math.floor(next() * alphabet.length)];
      for (const layer of decodedLayers(value)) {
        const map = layer.rawOffset;
        assert.equal(map.length, layer.value.length + 1, value);
        assert.equal(map[layer.value.length], value.length, value);
        for (let i = 1; i < map.length; i++) assert.ok(map[i - 1]! <= map[i]! && map[i]! <= value.length, value);
        if (layer.exact && layer.encodings.length === 1) {
          // Any decoded range [s, e) came from value[map[s], map[e]): decoding that slice gives it back.
          const s = Math.floor(next() * layer.value.length);
          const e = s + 1 + Math.floor(next() * (layer.value.length - s));
          const slice = value.slice(map[s], map[e]);
          const encoding = layer.encodings[0];
          const again =
            encoding === 'escape' ? decodeEscapes(slice).value : ((encoding === 'percent' ? decodePercent(slice) : decodeHtmlEntities(slice))?.value ?? slice);
          if (!/[\uD800-\uDFFF]/.test(layer.value)) assert.equal(again, layer.value.slice(s, e), `${JSON.stringify(value)} [${s}, ${e})`);
        }
      }
    }
  });
});

describe('ReDoS (recheck)', { timeout: 120_000 }, () => {
  const { checkSync } = createRequire(import.meta.url)('recheck') as {
    checkSync: (source: string, flags: string, params?: Record<string, unknown>) => { status: string };
  };
  for (const re of [...ENCODING_PATTERNS, ...REVEALED_TEXT_PATTERNS]) {
    test(`${re.source} is safe`, () => {
      assert.equal(checkSync(re.source, re.flags, { checker: 'automaton', timeout: 10_000 }).status, 'safe');
    });
  }
});
