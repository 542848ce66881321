import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { directivesIn, isIgnoredInline } from '../../src/filters/inline-ignore.js';
import { at, fake, fakeToken, scan } from '../formats/helpers.js';

const pw = fake(71);
const tok = fakeToken(72);
const tok2 = fakeToken(73);

describe('directivesIn: comment syntaxes', () => {
  const lines: [string, boolean][] = [
    [`x = "v" // keyless-ignore`, false],
    [`x = "v"  # keyless-ignore`, false],
    [`x = "v" /* keyless-ignore */`, false],
    [`<add key="k" value="v" /> <!-- keyless-ignore -->`, false],
    [`password = v ; keyless-ignore`, false],
    [`SELECT 1 -- keyless-ignore`, false],
    [`x = "v" ' keyless-ignore`, false],
    [`REM keyless-ignore-next-line`, true],
    [`:: keyless-ignore-next-line`, true],
    [`% keyless-ignore`, false],
    [` * keyless-ignore-next-line`, true],
    [`{/* keyless-ignore-next-line */}`, true],
    [`#keyless-ignore`, false],
  ];
  for (const [line, next] of lines) {
    test(line, () => assert.deepEqual(directivesIn(line), [{ nextLine: next, rules: [] }]));
  }

  test('rule ids and a reason', () => {
    assert.deepEqual(directivesIn(`x = "v" // keyless-ignore test-token -- fixture for parser tests`), [{ nextLine: false, rules: ['test-token'] }]);
    assert.deepEqual(directivesIn(`# keyless-ignore-next-line test-token, test-password -- rotated`), [
      { nextLine: true, rules: ['test-token', 'test-password'] },
    ]);
    assert.deepEqual(directivesIn(`<!-- keyless-ignore -- sample config -->`), [{ nextLine: false, rules: [] }]);
  });

  test('not fooled by the word inside a value or a string', () => {
    for (const line of [
      `password = "${pw}keyless-ignore"`,
      `password = "${pw}#keyless-ignore"`,
      `password = "${pw} # keyless-ignore"`,
      `password: '${pw} // keyless-ignore'`,
      `password = ${pw}//keyless-ignore`,
      `const s = \`-- keyless-ignore\`;`,
      `keyless-ignore`,
      `x = 1 // keyless-ignored`,
      `x = 1 // keyless-ignore-nextline`,
    ]) {
      assert.deepEqual(directivesIn(line), [], line);
    }
  });
});

describe('inline ignores in the pipeline: exactly one finding silenced', () => {
  test('same-line directive silences only its own line', () => {
    const text = `const a = "${tok}"; // keyless-ignore\nconst b = "${tok2}";\n`;
    assert.deepEqual(scan('a.ts', text).findings, [at('test-token', undefined, tok2, 2, 12)]);
  });

  test('next-line directive silences only the next line', () => {
    const text = `# keyless-ignore-next-line\nA=${tok}\nB=${tok2}\n`;
    assert.deepEqual(scan('run.sh', text).findings, [at('test-token', undefined, tok2, 3, 3)]);
  });

  test('a named rule silences only that rule on the line', () => {
    const text = `password = "${pw}"; token = "${tok}" // keyless-ignore test-token -- fixture\n`;
    assert.deepEqual(scan('a.py', text).findings, [at('test-password', 'password', pw, 1, 13)]);
    const other = `password = "${pw}"; token = "${tok}" // keyless-ignore test-password\n`;
    assert.deepEqual(scan('a.py', other).findings, [at('test-token', 'token', tok, 1, 25 + pw.length)]);
  });

  test('YAML, XML and dotenv comments', () => {
    assert.deepEqual(scan('ci.yml', `env:\n  # keyless-ignore-next-line\n  DB_PASSWORD: ${pw}\n  API_SECRET: ${pw}\n`).findings, [
      at('test-password', 'env:API_SECRET', pw, 4, 15),
    ]);
    assert.deepEqual(scan('web.config', `<c>\n<!-- keyless-ignore-next-line -->\n<add key="DbPassword" value="${pw}" />\n</c>\n`).findings, []);
    assert.deepEqual(scan('.env', `DB_PASSWORD=${pw} # keyless-ignore\n`).findings, []);
  });

  test('the directive word inside the secret value silences nothing', () => {
    const text = `password = "${pw}#keyless-ignore"\n`;
    assert.deepEqual(scan('a.py', text).findings, [at('test-password', 'password', `${pw}#keyless-ignore`, 1, 13)]);
  });

  test('isIgnoredInline checks the previous line only for next-line directives', () => {
    assert.equal(isIgnoredInline('x', '// keyless-ignore', 'r'), false);
    assert.equal(isIgnoredInline('x', '// keyless-ignore-next-line', 'r'), true);
    assert.equal(isIgnoredInline('x // keyless-ignore-next-line', undefined, 'r'), false);
    assert.equal(isIgnoredInline('x // keyless-ignore other-rule', undefined, 'r'), false);
  });
});
