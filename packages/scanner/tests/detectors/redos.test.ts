/**
 * Every catalog pattern is linear-time according to recheck (ReDoS checker). Before the fixes
 * recheck flagged 3 patterns: azure-sas-token (`=` inside the repeated class let `sig=sig=...`
 * backtrack polynomially), twilio-auth-token (lazy `twilio[...]{0,30}?` before the key suffix) and
 * jwt-token (a trailing lookahead after three bounded runs; flagged only in some fuzzing runs).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { catalog } from '../../src/detectors/catalog.js';
import type { PatternDetector } from '../../src/detectors/types.js';

const require = createRequire(import.meta.url);
const { checkSync } = require('recheck') as {
  checkSync: (source: string, flags: string, params?: Record<string, unknown>) => { status: string; attack?: { pattern?: string } };
};

describe('ReDoS (recheck)', { timeout: 300_000 }, () => {
  for (const d of catalog.filter((x): x is PatternDetector => x.kind === 'pattern')) {
    test(`${d.id} is safe`, () => {
      // A fixed seed makes recheck's fuzzing deterministic (it was flaky on a loaded machine).
      const r = checkSync(d.pattern.source, d.pattern.flags.replace(/[gdy]/g, ''), { randomSeed: 1, timeout: 120_000 });
      assert.equal(r.status, 'safe', `attack: ${r.attack?.pattern ?? '?'}`);
    });
  }
});
