/** Generators: deterministic, valid for every checksummed family, distinct across seeds. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as g from '../../src/detect/examples/generate.js';
import { isValidDevOpsPat } from '../../src/detect/checksums/devops-pat-checksum.js';
import { isValidEntraSecret } from '../../src/detect/checksums/entra-checksum.js';
import { IDENTIFIABLE_FAMILIES, identifiableSeedOf } from '../../src/detect/checksums/identifiable-keys.js';
import { hasValidBase62Checksum } from '../../src/detect/checksums/token-checksum.js';

describe('generators', () => {
  test('identifiable keys: every family and seed, valid, deterministic', () => {
    for (const f of IDENTIFIABLE_FAMILIES) {
      for (const seed of f.seeds) {
        const key = g.generateIdentifiableKey(f.name, 5, seed);
        assert.equal(identifiableSeedOf(key, f), seed, `${f.name}/${seed}`);
        assert.equal(g.generateIdentifiableKey(f.id, 5, seed), key);
      }
      assert.notEqual(g.generateIdentifiableKey(f.name, 1), g.generateIdentifiableKey(f.name, 2));
    }
    assert.throws(() => g.generateIdentifiableKey('nope'), /unknown identifiable key family/);
  });

  test('search keys are base62 only', () => {
    for (let s = 1; s < 30; s++) assert.match(g.generateIdentifiableKey('search', s), /^[A-Za-z0-9]{52}$/);
  });

  test('Entra, DevOps, GitHub, npm: valid checksums', () => {
    for (let s = 1; s < 30; s++) {
      const e = g.generateEntraClientSecret(s);
      assert.equal(e.length, 40);
      assert.ok(isValidEntraSecret(e));
      assert.ok(isValidDevOpsPat(g.generateDevOpsPat(s)));
      assert.ok(hasValidBase62Checksum(g.generateGithubToken('gho', s)));
      assert.ok(hasValidBase62Checksum(g.generateNpmToken(s)));
    }
  });

  test('shapes of the non-checksummed generators', () => {
    assert.match(g.generateEntraLegacySecret(1), /^[A-Za-z0-9]{3}7Q~[A-Za-z0-9_~.-]{34}$/);
    assert.match(g.generateCommonAnnotatedKey('AZEG', 1), /^[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}AZEG[A-Za-z0-9]{4}$/);
    assert.match(g.generateLegacyAccountKey(1), /^[A-Za-z0-9+/]{86}==$/);
    assert.match(g.generateAwsAccessKeyId(1), /^AKIA[A-Z2-7]{16}$/);
    assert.match(g.generateSendGridKey(1), /^SG\.[\w-]{22}\.[\w-]{43}$/);
    assert.match(g.generateJwt(1), /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{43}$/);
    assert.match(g.generatePem(1), /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/);
    assert.equal(g.generatePassword(1, 20).length, 20);
  });

  test('same seed, same value; different seed, different value', () => {
    assert.equal(g.generateEntraClientSecret(7), g.generateEntraClientSecret(7));
    assert.notEqual(g.generateEntraClientSecret(7), g.generateEntraClientSecret(8));
    assert.equal(g.generateStorageConnectionString(3), g.generateStorageConnectionString(3));
  });
});
