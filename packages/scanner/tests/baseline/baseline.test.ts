/**
 * Baseline files: sorted unique entries without secrets, strict parsing with one-line errors, and
 * applying a baseline (fresh findings, stale and kept entries). Fingerprints ignore line and column.
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
import type { Finding } from '../../src/finding.js';
import { fingerprintOf } from '../../src/fingerprint.js';

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
    fingerprint: fingerprintOf(ruleId, path, secret),
  };
}

describe('baseline file', () => {
  test('entries are unique per fingerprint, sorted by path, rule, fingerprint, and hold no secret', () => {
    const findings = [
      finding('rule-b', 'z.txt', S1),
      finding('rule-a', 'a.txt', S2, 3),
      finding('rule-a', 'a.txt', S2, 9),
      finding('rule-b', 'a.txt', S1),
    ];
    const entries = entriesFromFindings(findings);
    assert.deepEqual(
      entries.map((e) => `${e.path} ${e.ruleId}`),
      ['a.txt rule-a', 'a.txt rule-b', 'z.txt rule-b'],
    );
    const text = serializeBaseline(entries);
    assert.ok(!text.includes(S1) && !text.includes(S2));
    assert.deepEqual(parseBaseline(text, 'b.json'), entries);
    assert.equal(serializeBaseline(entriesFromFindings([...findings].reverse())), text, 'order-independent');
    assert.ok(text.endsWith('}\n'));
  });

  test('the fingerprint ignores line and column', () => {
    assert.equal(finding('r', 'p', S1, 1, 1).fingerprint, finding('r', 'p', S1, 60, 17).fingerprint);
    assert.notEqual(finding('r', 'p', S1).fingerprint, finding('r', 'q', S1).fingerprint);
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
    const gone: BaselineEntry = { ruleId: 'r', path: 'old.txt', fingerprint: fingerprintOf('r', 'old.txt', S2) };
    const entries = entriesFromFindings([known]).concat(gone);
    const moved = finding('r', 'a.txt', S1, 50, 9);
    const fresh = finding('r', 'a.txt', S2, 51, 9);
    const result = applyBaseline([moved, fresh], entries);
    assert.deepEqual(result.fresh, [fresh]);
    assert.deepEqual(result.stale, [gone]);
    assert.deepEqual(result.kept.map((e) => e.fingerprint), [known.fingerprint]);
  });
});
