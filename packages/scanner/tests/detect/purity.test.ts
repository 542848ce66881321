/** src/detect (and every folder below it) runs in the ESLint plugin: no node:* imports, no Buffer, no process. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../../src/detect/', import.meta.url);

/** Source without comments and string literals (approximate, good enough for this check). */
function codeOnly(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

describe('detect folder purity', () => {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  test('has the detector modules', () => assert.ok(files.length >= 20));
  test('the check sees through strings and comments', () => {
    assert.equal(codeOnly("x = 'process.env.X'; // Buffer.from\n"), "x = ''; \n");
  });
  for (const f of files) {
    test(`${f} uses no node APIs`, () => {
      const src = readFileSync(new URL(f, dir), 'utf8');
      assert.doesNotMatch(src, /^\s*(?:import|export)\b[^;]*\bfrom\s*['"]node:/m);
      assert.doesNotMatch(codeOnly(src), /\brequire\(|\bBuffer\b|\bprocess\.|\bglobalThis\.process\b/);
    });
  }
});
