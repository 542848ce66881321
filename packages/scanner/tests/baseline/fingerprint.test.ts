/**
 * The fingerprint's definition (design.md §2) and its cost to a dictionary attack, asserted through
 * the KDF's parameters (timing belongs to the bench: `node bench/run.mjs fingerprint`); it is
 * computed lazily (a text report never pays for it); the history cache's memo is keyed by location
 * and holds neither the secret nor a fast hash of it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, scryptSync } from 'node:crypto';
import { recallSlowHashes, slowHashMemoOf } from '../../src/sources/history/fingerprint-memo.js';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import type { Finding } from '../../src/finding/finding.js';
import { findingFingerprint, fingerprintOf, hasSlowHash, legacyFingerprintOf, prepareFingerprints, SLOWHASH_PARAMS } from '../../src/finding/fingerprint.js';
import { renderJson, renderText } from '../../src/report/index.js';
import { scanFileText } from '../../src/pipeline/scan-file.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const detectors = [{ id: 'demo-token', pattern: 'demo_(?<secret>[a-z0-9]{12})', keywords: ['demo_'] }];
const token = (seed: string) => `demo_${seed.repeat(12).slice(0, 12)}`;

describe('fingerprint definition', () => {
  test('the slow hash is scrypt with fixed parameters: N=2^13, r=8, p=1 (8 MiB per guess), a fixed salt', () => {
    assert.deepEqual({ ...SLOWHASH_PARAMS }, { algorithm: 'scrypt', salt: 'keyless-fingerprint-v2', N: 8192, r: 8, p: 1, keyLength: 32 });
    // What a dictionary attacker pays per guess, besides time: 128·N·r bytes of memory.
    assert.equal(128 * SLOWHASH_PARAMS.N * SLOWHASH_PARAMS.r, 8 * 1024 * 1024);
    assert.ok(Object.isFrozen(SLOWHASH_PARAMS));
  });

  test('fingerprint = sha256("keyless-fp-v2", rule, scrypt(secret)), recomputed here independently', () => {
    const secret = 'correct horse battery staple';
    const slow = scryptSync(secret, 'keyless-fingerprint-v2', 32, { N: 8192, r: 8, p: 1 }).toString('hex');
    assert.equal(fingerprintOf('demo-rule', secret), sha256(`keyless-fp-v2\0demo-rule\0${slow}`));
    // Pinned: the value every clone, machine and version must compute (committed baselines depend on it).
    assert.equal(fingerprintOf('demo-rule', secret), '38844febf98670bef3519433ef1cedf0ece927a054ef39f9bfa8c6c7257aab5a');
    assert.notEqual(fingerprintOf('demo-rule', secret), legacyFingerprintOf('demo-rule', 'a.txt', secret));
    assert.equal(legacyFingerprintOf('r', 'p', 's'), sha256(`r\0p\0${sha256('s')}`));
  });

  test('lazy: a scan and its text report compute no slow hash; JSON does, once per distinct secret', () => {
    const secret = token('lz7q');
    const text = `a = "${secret}"\nb = "${secret}"\n`;
    const findings = scanFileText(text, 'app.txt', createScanContext({ detectors })).findings;
    assert.equal(findings.length, 2);
    const rc = { rules: new Map(), redact: true, toolVersion: '0', color: false };
    renderText(findings, rc);
    assert.equal(hasSlowHash(secret.slice(5)), false, 'the text report must not pay for fingerprints');
    const json = JSON.parse(renderJson(findings, rc)) as { findings: { fingerprint: string }[] };
    assert.equal(hasSlowHash(secret.slice(5)), true);
    assert.deepEqual(json.findings.map((f) => f.fingerprint), [fingerprintOf('demo-token', secret.slice(5)), fingerprintOf('demo-token', secret.slice(5))]);
  });

  test('an empty fingerprint allowlist computes nothing; a listed one matches in both forms', () => {
    const secret = token('al9w');
    const text = `x = "${secret}"\n`;
    assert.equal(scanFileText(text, 'x.txt', createScanContext({ detectors, allowlist: { fingerprints: [] } })).findings.length, 1);
    assert.equal(hasSlowHash(secret.slice(5)), false);
    const old = legacyFingerprintOf('demo-token', 'x.txt', secret.slice(5));
    const listed = scanFileText(text, 'x.txt', createScanContext({ detectors, allowlist: { fingerprints: [old] } })).findings;
    assert.deepEqual(listed.map((f) => f.suppressed), ['allowlist']);
    assert.equal(hasSlowHash(secret.slice(5)), false, 'the older form matched first, without a slow hash');
  });
});

describe('history cache memo of slow hashes', () => {
  function historyFinding(secret: string, line: number): Finding {
    return {
      ruleId: 'demo-token',
      title: 'demo',
      severity: 'high',
      confidence: 'high',
      path: 'cfg/app.env',
      line,
      column: 7,
      endLine: line,
      endColumn: 7 + secret.length,
      secret,
      lineText: `TOKEN=${secret}`,
      commit: { commit: 'c'.repeat(40), author: 'A', email: 'a@example.com', date: '2024-01-01T00:00:00Z' },
    };
  }

  test('is keyed by location, holds slow hashes only, and gives them back', async () => {
    const secrets = ['Winter2024!', 'hunter2'];
    const findings = secrets.map((s, i) => historyFinding(s, i + 1));
    assert.deepEqual(slowHashMemoOf(findings), {}, 'only known slow hashes are stored; none is computed for the memo');
    await prepareFingerprints(findings);
    const memo = slowHashMemoOf(findings);
    assert.equal(Object.keys(memo).length, 2);
    const stored = JSON.stringify(memo);
    for (const s of secrets) {
      assert.ok(!stored.includes(s));
      for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) assert.ok(!stored.includes(createHash(alg).update(s).digest('hex')), `${alg} of a secret`);
      assert.ok(!stored.includes(sha256(`keyless-fp-v2\0demo-token\0${sha256(s)}`)));
    }
    // Keys: a hash of commit, path, position and rule, the same for any secret at that place.
    const where = (f: Finding) => sha256([f.commit!.commit, f.path, f.line, f.column, f.endLine, f.endColumn, f.ruleId].join('\0')).slice(0, 32);
    assert.deepEqual(Object.keys(memo).sort(), findings.map(where).sort());
    assert.equal(memo[where(findings[0]!)], scryptSync(secrets[0]!, 'keyless-fingerprint-v2', 32, { N: 8192, r: 8, p: 1 }).toString('hex'));

    // Recalled for a finding at the same place: the fingerprint comes from the memo (a planted value proves it).
    const other = historyFinding('never-hashed-before', 9);
    assert.equal(hasSlowHash(other.secret), false);
    recallSlowHashes([other], { [where(other)]: 'ab'.repeat(32) });
    assert.equal(findingFingerprint(other), sha256(`keyless-fp-v2\0demo-token\0${'ab'.repeat(32)}`));
  });
});
