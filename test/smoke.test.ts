import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintOf } from '@keyless/scanner';

test('fingerprint depends on the rule and the secret only', () => {
  assert.equal(fingerprintOf('r', 's'), fingerprintOf('r', 's'));
  assert.notEqual(fingerprintOf('r', 's'), fingerprintOf('r2', 's'));
  assert.notEqual(fingerprintOf('r', 's'), fingerprintOf('r', 't'));
});
