/**
 * Baseline files: sorted unique entries without secrets, strict parsing with one-line errors, and
 * applying a baseline (fresh findings, stale and kept entries; entries of the older fingerprint form
 * still match and come back rewritten). Fingerprints ignore line, column and path.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyBaseline,
  entriesFromFindings,
  parseBaseline,
  serializeBaseline,
  type BaselineEntry,
} from '../../src/filters/baseline.js';
import type { Finding } from '../../src/finding/finding.js';
import { findingFingerprint, legacyFingerprintOf } from '../../src/finding/fingerprint.js';

const S1 = ['k', 'Q7', 'zP', '3m', 'X9', 'vL'].join('');
const S2 = ['w', 'E4', 'rT', '6y', 'U8', 'iO'].join('');

function finding(ruleId: string, path: string, secret: string, line = 1, column = 1): Finding {
  return {
    ruleId,
    title: ruleId,
    severity: 'high',
    confidence: 'high',
    path,
    line,
    column,
    endLine: line,
    endColumn: column + secret.length,
    secret,
    lineText: secret,
  };
}

describe('baseline file', () => {
  test('entries are unique per fingerprint, sorted by path, rule, fingerprint, and hold no secret', () => {
    const findings = [
      finding('rule-b', 'z.txt', S1),
      finding('rule-a', 'a.txt', S2, 3),
      finding('rule-a', 'a.txt', S2, 9),
      finding('rule-b', 'a.txt', S1),
      finding('rule-c', 'z.txt', S1),
    ];
    const entries = entriesFromFindings(findings);
    // rule-b's S1 in a.txt and in z.txt is one secret under one rule: one entry (its first path).
    assert.deepEqual(
      entries.map((e) => `${e.path} ${e.ruleId}`),
      ['a.txt rule-a', 'a.txt rule-b', 'z.txt rule-c'],
    );
    const text = serializeBaseline(entries);
    assert.ok(!text.includes(S1) && !text.includes(S2));
    assert.deepEqual(parseBaseline(text, 'b.json'), entries);
    assert.equal(serializeBaseline(entriesFromFindings([...findings].reverse())), text, 'order-independent');
    assert.ok(text.endsWith('}\n'));
  });

  test('the fingerprint ignores line, column and path, not the rule or the secret', () => {
    const fp = (f: Finding) => findingFingerprint(f);
    assert.equal(fp(finding('r', 'p', S1, 1, 1)), fp(finding('r', 'p', S1, 60, 17)));
    assert.equal(fp(finding('r', 'p', S1)), fp(finding('r', 'q/renamed.txt', S1)));
    assert.notEqual(fp(finding('r', 'p', S1)), fp(finding('r2', 'p', S1)));
    assert.notEqual(fp(finding('r', 'p', S1)), fp(finding('r', 'p', S2)));
  });

  const bad: [string, string][] = [
    ['{', "baseline b.json is not valid JSON; regenerate it with 'keyless baseline --output b.json'"],
    ['[]', `baseline b.json has no "findings" array; regenerate it with 'keyless baseline --output b.json'`],
    ['{"findings": []}', 'baseline b.json has unsupported version undefined (expected 1)'],
    ['{"version": 1, "findings": [{"ruleId": "r", "path": "p", "fingerprint": "SECRET"}]}', 'baseline b.json: /findings/0 must have string ruleId, path and a hex fingerprint'],
  ];
  for (const [text, message] of bad) {
    test(`rejects ${text.slice(0, 30)}`, () => {
      assert.throws(() => parseBaseline(text, 'b.json'), { name: 'BaselineError', message });
    });
  }
});

describe('applyBaseline', () => {
  test('splits findings into fresh ones and entries into stale and kept', () => {
    const known = finding('r', 'a.txt', S1);
    const gone: BaselineEntry = { ruleId: 'r', path: 'old.txt', fingerprint: findingFingerprint(finding('r', 'old.txt', S2 + 'x')) };
    const entries = entriesFromFindings([known]).concat(gone);
    const moved = finding('r', 'renamed/a.txt', S1, 50, 9);
    const fresh = finding('r', 'a.txt', S2, 51, 9);
    const result = applyBaseline([moved, fresh], entries);
    assert.deepEqual(result.fresh, [fresh]);
    assert.deepEqual(result.stale, [gone]);
    assert.deepEqual(result.kept.map((e) => e.fingerprint), [findingFingerprint(known)]);
    assert.deepEqual(result.legacy, []);
  });

  test('an entry of the older form (rule, path, SHA-256 of the secret) still matches, and comes back rewritten', () => {
    const f = finding('r', 'a.txt', S1, 4, 2);
    const old: BaselineEntry = { ruleId: 'r', path: 'a.txt', fingerprint: legacyFingerprintOf('r', 'a.txt', S1) };
    const oldElsewhere: BaselineEntry = { ruleId: 'r', path: 'b.txt', fingerprint: legacyFingerprintOf('r', 'b.txt', S2) };
    const result = applyBaseline([f, finding('r', 'c.txt', S2)], [old, oldElsewhere]);
    assert.deepEqual(result.fresh.map((x) => x.path), ['c.txt'], 'the older form keeps its path: S2 at c.txt is not b.txt');
    assert.deepEqual(result.legacy, [old]);
    assert.deepEqual(result.stale, [oldElsewhere]);
    assert.deepEqual(result.kept, [{ ruleId: 'r', path: 'a.txt', fingerprint: findingFingerprint(f) }]);
    assert.notEqual(findingFingerprint(f), old.fingerprint);
  });
});
