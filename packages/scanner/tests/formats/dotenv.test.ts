import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dotenvReader } from '../../src/formats/dotenv.js';
import { readerFor } from '../../src/formats/index.js';
import { at, fake, scan } from './helpers.js';

const pw = fake(21);
const pw2 = fake(22);

describe('dotenv reader', () => {
  test('reads .env, .env.*, *.env and not .envrc', () => {
    for (const p of ['.env', 'app/.env.local', 'config/prod.env']) assert.equal(readerFor(p, '').name, 'dotenv', p);
    assert.equal(readerFor('.envrc', '').name, 'text');
  });

  test('KEY=value, export, quotes, inline comments', () => {
    const text = `# database
DB_PASSWORD=${pw} # rotated monthly
export API_SECRET='${pw2}'
HASH_IN_VALUE_PWD="${pw}#tail"
EMPTY_PASSWORD=
`;
    assert.deepEqual(scan('.env', text).findings, [
      at('test-password', 'DB_PASSWORD', pw, 2, 13),
      at('test-password', 'API_SECRET', pw2, 3, 20),
      at('test-password', 'HASH_IN_VALUE_PWD', `${pw}#tail`, 4, 20),
    ]);
  });

  test('multi-line double-quoted value with escapes is one transformed candidate', () => {
    const text = `FIRST=1\nCERT_SECRET="line1\\n${pw}\nline3"\nLAST=2\n`;
    const { candidates } = dotenvReader.read(text, '.env');
    assert.deepEqual(
      candidates.map((c) => [c.key, c.value, c.start, c.end, c.transformed === true]),
      [
        ['FIRST', '1', 6, 7, false],
        ['CERT_SECRET', `line1\n${pw}\nline3`, 21, 21 + 7 + pw.length + 6, true],
        ['LAST', '2', 21 + 7 + pw.length + 6 + 7, 21 + 7 + pw.length + 6 + 8, false],
      ],
    );
  });

  test('CRLF line endings', () => {
    const text = `A=1\r\nDB_PASSWORD=${pw}\r\n`;
    assert.deepEqual(scan('.env', text).findings, [at('test-password', 'DB_PASSWORD', pw, 2, 13)]);
  });

  test('a line that is not an assignment falls back to text with a warning', () => {
    const text = `DB_PASSWORD=${pw}\nthis is not dotenv\n`;
    assert.deepEqual(scan('.env', text), {
      findings: [at('test-password', 'DB_PASSWORD', pw, 1, 13)],
      warning: '.env: could not be read as dotenv (expected KEY=value at line 2, column 1); scanned as plain text',
    });
  });

  test('an unterminated quote throws with its position', () => {
    assert.throws(() => dotenvReader.read(`A=1\nDB_PASSWORD="${pw}\n`, '.env'), /^Error: unterminated " quote for DB_PASSWORD at line 2, column 13$/);
  });
});
