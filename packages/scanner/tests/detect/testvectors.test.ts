/**
 * Cross-check against keys made by an independent implementation (tests/fixtures/testvectors, a
 * copy of the shared vectors): every valid key is found and validates; every one-character
 * look-alike fails the checksum and is not reported by the identifiable detector.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { isValidEntraSecret } from '../../src/detect/checksums/entra-checksum.js';
import { familyByName, identifiableSeedOf, isValidIdentifiableKey } from '../../src/detect/checksums/identifiable-keys.js';

interface Vectors {
  readonly note: string;
  readonly identifiable: Record<string, { signature: string; bytes: number; seeds: string[]; valid: string[]; invalid: string[] }>;
  readonly aadClientSecret: { valid8Q: string[]; invalid8Q: string[] };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/testvectors/azure-identifiable-keys.json', import.meta.url), 'utf8'),
) as Vectors;
const engine = createEngine(catalog);

describe('shared identifiable-key test vectors', () => {
  test('the copied file says its keys are synthetic', () => {
    assert.match(vectors.note, /SYNTHETIC/);
  });

  test('every family of design.md §3.1 is covered', () => {
    assert.equal(Object.keys(vectors.identifiable).length, 14);
  });

  for (const [name, fam] of Object.entries(vectors.identifiable)) {
    const f = familyByName(name);
    test(`${name}: family metadata agrees (signature, bytes, seeds)`, () => {
      assert.equal(f.signature, fam.signature);
      assert.equal(f.keyBytes, fam.bytes);
      for (const s of fam.seeds) assert.ok(f.seeds.includes(s), `seed ${s}`);
    });
    test(`${name}: ${fam.valid.length} valid keys validate and are found by ${f.id}`, () => {
      for (const key of fam.valid) {
        assert.ok(isValidIdentifiableKey(key, f), key);
        assert.ok(fam.seeds.includes(identifiableSeedOf(key, f)!));
        const text = `value = "${key}"`;
        const found = engine.scanText(text);
        assert.deepEqual(
          found.map((m) => [m.detector.id, m.start, m.end]),
          [[f.id, 9, 9 + key.length]],
        );
      }
    });
    test(`${name}: ${fam.invalid.length} look-alikes fail the checksum and are not reported by ${f.id}`, () => {
      for (const key of fam.invalid) {
        assert.equal(isValidIdentifiableKey(key, f), false, key);
        assert.deepEqual(engine.scanText(`value = "${key}"`).filter((m) => m.detector.id === f.id), []);
      }
    });
  }

  test('Entra 8Q~ secrets: valid ones validate and are found; look-alikes are not', () => {
    for (const s of vectors.aadClientSecret.valid8Q) {
      assert.ok(isValidEntraSecret(s), s);
      const found = engine.scanText(`"ClientSecret": "${s}"`);
      assert.deepEqual(found.map((m) => [m.detector.id, m.secret]), [['azure-entra-client-secret', s]]);
    }
    for (const s of vectors.aadClientSecret.invalid8Q) {
      assert.equal(isValidEntraSecret(s), false, s);
      assert.deepEqual(engine.scanText(`"ClientSecret": "${s}"`).filter((m) => m.detector.id === 'azure-entra-client-secret'), []);
    }
  });
});
