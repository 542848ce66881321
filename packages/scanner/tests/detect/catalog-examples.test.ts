/**
 * The generic catalog test (gitleaks/trufflehog style): every detector carries positive and negative
 * examples; positives yield exactly one finding of that detector at the right offsets and contain one
 * of its keywords; negatives yield none from it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allDetectors as catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import type { AssignmentDetector, PatternDetector } from '../../src/detect/types.js';

const engine = createEngine(catalog);

describe('catalog', () => {
  test('ids are unique kebab-case', () => {
    const ids = catalog.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const d of catalog.filter((x): x is PatternDetector => x.kind === 'pattern')) {
    describe(d.id, () => {
      const ex = d.examples();
      test('has positive and negative examples', () => {
        assert.ok(ex.positive.length >= 1, 'no positive example');
        assert.ok(ex.negative.length >= 1, 'no negative example');
      });
      test('pattern is global and has a secret group', () => {
        assert.ok(d.pattern.flags.includes('g'));
        assert.ok(d.pattern.source.includes('(?<secret>'));
      });
      ex.positive.forEach((text, i) => {
        test(`positive #${i} is found exactly once, at the secret`, () => {
          const lower = text.toLowerCase();
          assert.ok(d.keywords.some((k) => lower.includes(k.toLowerCase())), 'no keyword in the example');
          const all = engine.scanText(text);
          const mine = all.filter((m) => m.detector.id === d.id);
          assert.equal(mine.length, 1, `found: ${JSON.stringify(all.map((m) => m.detector.id))}`);
          const m = mine[0]!;
          // A secret its syntax percent-encodes is reported decoded, at the written span.
          const written = text.slice(m.start, m.end);
          assert.equal(m.encoding === 'percent' ? decodeURIComponent(written) : written, m.secret);
          // `credential-username` (audit tier) reports the account beside a password on another line: a
          // companion of the password's own finding, not a competing report of the same secret.
          const others = all.filter((x) => x === m || !(x.detector.kind === 'pattern' && x.detector.companionWithin !== undefined));
          assert.equal(others.length, 1, `other detectors also reported: ${others.map((x) => x.detector.id).join(', ')}`);
        });
      });
      ex.negative.forEach((text, i) => {
        test(`negative #${i} is not reported by it`, () => {
          const mine = engine.scanText(text).filter((m) => m.detector.id === d.id);
          assert.deepEqual(mine.map((m) => m.secret), []);
        });
      });
    });
  }

  for (const d of catalog.filter((x): x is AssignmentDetector => x.kind === 'assignment')) {
    describe(d.id, () => {
      const ex = d.examples();
      test('has positive and negative examples', () => {
        assert.ok(ex.positive.length >= 1);
        assert.ok(ex.negative.length >= 1);
      });
      ex.positive.forEach(({ key, value }, i) => {
        test(`positive #${i} (${key}) is judged a secret`, () => {
          assert.equal(engine.judgeAssignment(key, value)?.id, d.id);
        });
      });
      ex.negative.forEach(({ key, value }, i) => {
        test(`negative #${i} (${key}) is not`, () => {
          assert.notEqual(engine.judgeAssignment(key, value)?.id, d.id, `value ${JSON.stringify(value)}`);
        });
      });
    });
  }
});
