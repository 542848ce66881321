/**
 * Lint/scan parity: every catalog detector's positive example, placed in a string literal, is
 * reported by `keyless/no-hardcoded-credentials` under that detector's id, at the offsets the
 * scanner's engine gives; its negative examples are not reported under its id. An assignment
 * detector's examples are reported under its id, or under the pattern detector that the scanner
 * would prefer for that value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Linter } from 'eslint';
import plugin from '@keyless/eslint-plugin';
import { catalog, createEngine } from '@keyless/scanner/detectors';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  { files: ['**/*.js'], plugins: { keyless: plugin }, rules: { 'keyless/no-hardcoded-credentials': 'error' } },
];
const engine = createEngine(catalog);
const PREFIX = 'const value = ';

function lintIds(code: string): { id: string; line: number; column: number }[] {
  return linter.verify(code, config, { filename: 'parity.js' }).map((m) => {
    assert.equal(m.fatal, undefined, m.message);
    const id = /keyless ([a-z0-9-]+)\)/.exec(m.message)?.[1] ?? '?';
    return { id, line: m.line, column: m.column };
  });
}

describe('lint/scan parity over the catalog', () => {
  test('the catalog is not empty', () => {
    assert.ok(catalog.length > 20, `only ${catalog.length} detectors`);
  });

  for (const d of catalog) {
    test(`${d.id}: positive examples are reported, negatives are not`, () => {
      if (d.kind === 'pattern') {
        const { positive, negative } = d.examples();
        assert.ok(positive.length > 0, 'no positive example');
        for (const text of positive) {
          const literal = JSON.stringify(text);
          const found = lintIds(`${PREFIX}${literal};`);
          assert.ok(found.some((f) => f.id === d.id), `not reported in ${literal.slice(0, 60)}…: ${JSON.stringify(found)}`);
          // Where the literal has no escapes, the column is the scanner engine's offset.
          if (literal.length === text.length + 2) {
            const match = engine.scanText(text).find((m) => m.detector.id === d.id)!;
            assert.ok(found.some((f) => f.id === d.id && f.line === 1 && f.column === PREFIX.length + 2 + match.start));
          }
        }
        for (const text of negative) {
          const found = lintIds(`${PREFIX}${JSON.stringify(text)};`);
          assert.ok(!found.some((f) => f.id === d.id), `negative reported: ${JSON.stringify(text).slice(0, 60)}`);
        }
      } else {
        const { positive, negative } = d.examples();
        assert.ok(positive.length > 0, 'no positive example');
        for (const { key, value } of positive) {
          const found = lintIds(`const config = { ${JSON.stringify(key)}: ${JSON.stringify(value)} };`);
          // As in the scanner, a pattern detector that recognises the value itself takes precedence.
          const patternIds: string[] = engine.scanText(value).map((m) => m.detector.id);
          const expected: string[] = patternIds.length > 0 ? patternIds : [d.id];
          assert.deepEqual(found.map((f) => f.id), expected, `${key}: ${JSON.stringify(found)}`);
        }
        for (const { key, value } of negative) {
          const found = lintIds(`const config = { ${JSON.stringify(key)}: ${JSON.stringify(value)} };`);
          assert.ok(!found.some((f) => f.id === d.id), `${key}: negative reported`);
        }
      }
    });
  }
});
