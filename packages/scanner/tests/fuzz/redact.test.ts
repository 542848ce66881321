/**
 * Fuzzing the redactor (issue 6, item 3): for any secret, the redacted form shows at most a fifth
 * of it (a prefix), never the secret; redacting a text removes every occurrence of every secret,
 * including overlapping and repeated ones, and never throws.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { redactSecret, redactText } from '../../src/finding/redact.js';
import { check, reportRuns } from './fuzz-settings.js';

after(() => reportRuns('redact'));

/** Secrets over a small alphabet (so texts and secrets overlap often), without the mask character. */
const secret = fc.string({ unit: fc.constantFrom(...'abAB01+/=-_~.'), minLength: 8, maxLength: 40 });

describe('redaction', () => {
  test('redactSecret shows at most a fifth of the secret, as a prefix, and never the secret', () => {
    check(
      'redact-secret',
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = redactSecret(s);
        const shown = r.replace(/\*+$/, '');
        assert.ok(s.startsWith(shown), 'shown part is not a prefix');
        assert.ok(shown.length <= Math.floor(s.length / 5), `shows ${shown.length} of ${s.length}`);
        if (s.length >= 8 && !s.includes('*')) assert.ok(!r.includes(s));
      }),
    );
  });

  test('redactText removes every occurrence of every secret from any text', () => {
    check(
      'redact-text',
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), fc.array(fc.string({ unit: fc.constantFrom(...'abAB01 \n"='), maxLength: 10 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (secrets, fillers, picks) => {
        let text = '';
        for (const [i, f] of fillers.entries()) text += f + (picks[i] !== undefined ? secrets[picks[i]! % secrets.length] : '');
        text += secrets[0];
        const out = redactText(text, secrets);
        for (const s of secrets) assert.ok(!out.includes(s), `"${s}" survives in "${out}"`);
      }),
    );
  });
});
