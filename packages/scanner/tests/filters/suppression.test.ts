/** Suppressed findings: split from active ones, counted by cause, described in the summary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countSuppressions, describeSuppressions, disabledRuleCount, splitSuppressed, suppressedBy } from '../../src/filters/suppression.js';
import type { Finding } from '../../src/finding/finding.js';

function finding(path: string): Finding {
  return {
    ruleId: 'test-token',
    title: 'Test token',
    severity: 'high',
    confidence: 'high',
    path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 5,
    secret: 'abcd',
    lineText: 'abcd',
  };
}

test('splitSuppressed keeps order on both sides and returns the same array when nothing is suppressed', () => {
  const plain = [finding('a'), finding('b')];
  assert.equal(splitSuppressed(plain).findings, plain);
  assert.deepEqual(splitSuppressed(plain).suppressed, []);
  const mixed = [finding('a'), suppressedBy(finding('b'), 'inline-ignore'), finding('c'), suppressedBy(finding('d'), 'allowlist')];
  const split = splitSuppressed(mixed);
  assert.deepEqual(split.findings.map((f) => f.path), ['a', 'c']);
  assert.deepEqual(split.suppressed.map((f) => [f.path, f.suppressed]), [['b', 'inline-ignore'], ['d', 'allowlist']]);
});

test('counts by cause, and the summary names only the causes that occurred', () => {
  const suppressed = [
    suppressedBy(finding('a'), 'inline-ignore'),
    suppressedBy(finding('b'), 'inline-ignore'),
    suppressedBy(finding('c'), 'baseline'),
  ];
  const counts = countSuppressions(suppressed, 3, disabledRuleCount({ rules: { 'jwt-token': 'off', 'aws-access-key': 'low', x: 'on' } }));
  assert.deepEqual(counts, { inlineIgnore: 2, allowlist: 0, baseline: 1, excludedPaths: 3, disabledRules: 1 });
  assert.equal(describeSuppressions(counts), '2 inline ignores, 1 in baseline, 3 excluded paths, 1 disabled rule');
  assert.equal(describeSuppressions(countSuppressions([], 0, 0)), '');
});
