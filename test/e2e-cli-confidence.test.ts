/**
 * Confidence tiers end to end: the default gate reports a strong secret but not a weak password;
 * `--confidence low` (or config `minConfidence: "low"`) adds the weak password; `--confidence high`
 * keeps only high-confidence detectors; a bad level is a usage error (exit 2, one line). A provider
 * token's JSON remediation is the provider's revocation steps, not managed-identity advice.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPrng, ALPHABETS, generatePassword } from '@keyless/scanner/detectors';
import { KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repo(): { root: string; strong: string; weak: string; groq: string } {
  const root = tempDir('confidence');
  const strong = generatePassword(31, 18);
  const weak = ['sword', 'fish'].join('');
  const groq = `gsk_${createPrng(33).chars(ALPHABETS.base62, 52)}`;
  writeFileSync(join(root, '.env'), `DB_PASSWORD=${strong}\nFTP_PASSWORD=${weak}\nDATABASE_HOST=db\n`);
  writeFileSync(join(root, 'deploy.sh'), `#!/bin/sh\ncurl -H "Authorization: Bearer ${groq}" https://api.groq.com/openai/v1/models\n`);
  return { root, strong, weak, groq };
}

const rules = (stdout: string): [string, string, number][] =>
  (JSON.parse(stdout) as { findings: { ruleId: string; path: string; line: number }[] }).findings.map((f) => [f.ruleId, f.path, f.line]);

test('default gate: strong password and provider token, not the weak password', () => {
  const { root, groq } = repo();
  const run = keyless(['scan', '--format', 'json'], root);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(rules(run.stdout), [
    ['generic-secret-assignment', '.env', 1],
    ['groq-api-key', 'deploy.sh', 2],
  ]);
  const groqFinding = (JSON.parse(run.stdout) as { findings: { ruleId: string; remediation: string }[] }).findings[1]!;
  assert.match(groqFinding.remediation, /Revoke the Groq token/);
  assert.match(groqFinding.remediation, /https:\/\/console\.groq\.com\/keys/);
  assert.doesNotMatch(groqFinding.remediation, /ManagedIdentityCredential/);
  assert.ok(!run.stdout.includes(groq), 'token leaked');
});

test('--confidence low adds the weak password; config minConfidence does the same; --confidence high drops medium rules', () => {
  const { root } = repo();
  const low = keyless(['scan', '--format', 'json', '--confidence', 'low'], root);
  assert.equal(low.code, 1, low.stderr);
  assert.deepEqual(rules(low.stdout), [
    ['generic-secret-assignment', '.env', 1],
    ['weak-password-assignment', '.env', 2],
    ['groq-api-key', 'deploy.sh', 2],
  ]);
  writeFileSync(join(root, 'keyless.config.json'), JSON.stringify({ minConfidence: 'low' }));
  assert.deepEqual(rules(keyless(['scan', '--format', 'json'], root).stdout), rules(low.stdout));
  const high = keyless(['scan', '--format', 'json', '--confidence', 'high'], root);
  assert.deepEqual(rules(high.stdout), [['groq-api-key', 'deploy.sh', 2]]);
});

test('a bad --confidence or minConfidence is a one-line error, exit 2', () => {
  const { root } = repo();
  const bad = keyless(['scan', '--confidence', 'extreme'], root);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--confidence must be one of low, medium, high \(got 'extreme'\)/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
  writeFileSync(join(root, 'keyless.config.json'), JSON.stringify({ minConfidence: 'sometimes' }));
  const badConfig = keyless(['scan'], root);
  assert.equal(badConfig.code, 2);
  assert.match(badConfig.stderr, /minConfidence/);
});
