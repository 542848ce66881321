/**
 * Every catalog pattern is linear-time according to recheck (ReDoS checker). Before the fixes
 * recheck flagged 1 pattern (azure-sas-token: `=` inside the repeated class let `sig=sig=...`
 * backtrack polynomially).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { catalog } from '../../src/detectors/catalog.js';
import type { PatternDetector } from '../../src/detectors/types.js';

const require = createRequire(import.meta.url);
const { checkSync } = require('recheck') as {
  checkSync: (source: string, flags: string) => { status: string; attack?: { pattern?: string } };
};

describe('ReDoS (recheck)', { timeout: 300_000 }, () => {
  for (const d of catalog.filter((x): x is PatternDetector => x.kind === 'pattern')) {
    test(`${d.id} is safe`, () => {
      const r = checkSync(d.pattern.source, d.pattern.flags.replace(/[gdy]/g, ''));
      assert.equal(r.status, 'safe', `attack: ${r.attack?.pattern ?? '?'}`);
    });
  }
});
