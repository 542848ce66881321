import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintOf } from '@keyless/scanner';

test('fingerprint ignores nothing but rule, path and secret', () => {
  assert.equal(fingerprintOf('r', 'a.txt', 's'), fingerprintOf('r', 'a.txt', 's'));
  assert.notEqual(fingerprintOf('r', 'a.txt', 's'), fingerprintOf('r', 'b.txt', 's'));
});
