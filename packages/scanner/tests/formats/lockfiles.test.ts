import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readerFor } from '../../src/formats/index.js';
import { lockfileReader } from '../../src/formats/lockfiles.js';
import { at, fakeToken, scan } from './helpers.js';

const hidden = fakeToken(81);
const leaked = fakeToken(82);

describe('lockfile reader', () => {
  test('lockfiles are recognised by name, before the JSON/YAML readers', () => {
    for (const p of ['package-lock.json', 'web/pnpm-lock.yaml', 'yarn.lock', 'Cargo.lock', 'composer.lock', 'poetry.lock'])
      assert.equal(readerFor(p, '').name, 'lockfile', p);
  });

  test('package-lock.json: integrity and resolved are skipped; a resolved URL with credentials is not', () => {
    const text = `{
  "packages": {
    "node_modules/a": {
      "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz#${hidden}",
      "integrity": "sha512-${hidden}"
    },
    "node_modules/b": {
      "resolved": "https://user:${leaked}@npm.pkg.example.test/b/-/b-1.0.0.tgz"
    }
  }
}`;
    assert.deepEqual(scan('package-lock.json', text).findings, [at('test-token', undefined, leaked, 8, 33)]);
    assert.equal(lockfileReader.read(text, 'package-lock.json').skipRanges.length, 2);
    // The same text in an ordinary JSON file is reported in full.
    assert.equal(scan('other.json', text).findings.length, 3);
  });

  test('pnpm-lock.yaml, yarn.lock, Cargo.lock and composer.lock hashes', () => {
    const files: [string, string][] = [
      ['pnpm-lock.yaml', `packages:\n  a@1.0.0:\n    resolution: {integrity: sha512-${hidden}}\n`],
      ['yarn.lock', `a@^1.0.0:\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#${hidden}"\n  integrity sha512-${hidden}\n`],
      ['Cargo.lock', `[[package]]\nname = "a"\nchecksum = "${hidden}"\n`],
      ['composer.lock', `{"packages": [{"dist": {"reference": "${hidden}", "shasum": "${hidden}"}}]}`],
    ];
    for (const [path, text] of files) {
      assert.deepEqual(scan(path, text).findings, [], path);
      assert.ok(scan(`not-a-lockfile-${path}.txt`, text).findings.length > 0, path);
    }
  });

  test('a lockfile yields no key/value candidates (package names are not secret names)', () => {
    const text = `{"packages": {"node_modules/js-tokens": {"version": "4.0.0"}}, "dependencies": {"secret-handshake": "1.0.0"}}`;
    assert.deepEqual(lockfileReader.read(text, 'package-lock.json').candidates, []);
  });

  test('a large lockfile is read in linear time', () => {
    const entry = (i: number) => `  /pkg-${i}@1.0.${i}:\n    resolution: {integrity: sha512-${fakeToken(i)}AAAA==}\n    dev: true\n`;
    const text = `lockfileVersion: '9.0'\npackages:\n${Array.from({ length: 20_000 }, (_, i) => entry(i)).join('')}`;
    const started = performance.now();
    const { skipRanges } = lockfileReader.read(text, 'pnpm-lock.yaml');
    assert.equal(skipRanges.length, 20_000);
    assert.ok(performance.now() - started < 2000);
  });
});
