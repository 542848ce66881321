/**
 * `allowlist.fingerprints`: a reviewed finding (e.g. a fake key that stays in old commits) is suppressed
 * by its fingerprint, and only that secret under that rule: other secrets still report. The
 * fingerprint has no path (the same secret in a renamed file stays accepted); an entry of the older
 * form (rule, path, secret) still matches, at its path only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import type { KeylessConfig } from '../../src/config/types.js';
import { findingFingerprint, legacyFingerprintOf } from '../../src/finding/fingerprint.js';
import { scanFileText } from '../../src/pipeline/scan-file.js';

const detectors: KeylessConfig['detectors'] = [{ id: 'demo-token', pattern: 'demo_(?<secret>[a-z0-9]{12})', keywords: ['demo_'] }];
const token = (n: number): string => `demo_${['k3j9x7q2m8w4', 'p5t1z6r0v9b2'][n - 1]}`;
const text = `a = "${token(1)}"\nb = "${token(2)}"\n`;

test('a fingerprint in allowlist.fingerprints suppresses exactly that finding', () => {
  const before = scanFileText(text, 'src/app.txt', createScanContext({ detectors })).findings;
  assert.deepEqual(before.map((f) => [f.line, f.column]), [[1, 11], [2, 11]]);
  const accepted = findingFingerprint(before[0]!);

  const ctx = createScanContext({ detectors, allowlist: { fingerprints: [accepted] } });
  assert.deepEqual(scanFileText(text, 'src/app.txt', ctx).findings.map((f) => [f.line, f.column, f.suppressed]), [
    [1, 11, 'allowlist'],
    [2, 11, undefined],
  ]);
  // No path in the fingerprint: the same secret in a renamed or copied file stays accepted.
  assert.deepEqual(scanFileText(text, 'src/renamed.txt', ctx).findings.map((f) => [f.line, f.suppressed]), [[1, 'allowlist'], [2, undefined]]);
});

test('an allowlisted fingerprint of the older form (rule, path, secret) still matches, at its path only', () => {
  const old = legacyFingerprintOf('demo-token', 'src/app.txt', token(1).slice('demo_'.length));
  const ctx = createScanContext({ detectors, allowlist: { fingerprints: [old] } });
  assert.deepEqual(scanFileText(text, 'src/app.txt', ctx).findings.map((f) => [f.line, f.suppressed]), [[1, 'allowlist'], [2, undefined]]);
  assert.deepEqual(scanFileText(text, 'src/other.txt', ctx).findings.map((f) => [f.line, f.suppressed]), [[1, undefined], [2, undefined]]);
});
