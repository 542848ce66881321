/** src/detectors is bundled into the ESLint plugin: no node:* imports, no Buffer, no process. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../../src/detectors/', import.meta.url);

describe('detectors folder purity', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  test('has the detector modules', () => assert.ok(files.length >= 20));
  for (const f of files) {
    test(`${f} uses no node APIs`, () => {
      const src = readFileSync(new URL(f, dir), 'utf8');
      assert.doesNotMatch(src, /from ['"]node:|\brequire\(|\bBuffer\.(?:from|alloc)|new Buffer\b|(?<!['"`\w.])process\.(?:env|argv|cwd|exit)/);
    });
  }
});
