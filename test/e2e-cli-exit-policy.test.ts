/**
 * `keyless scan --fail-on SEVERITY` and `--exit-code N`, end to end on a temporary repository: the
 * report still lists every finding; only the exit code follows the policy; bad values are one-line
 * usage errors (exit 2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateJwt } from '@keyless/scanner/detectors';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { SandboxRepo, removeTempDirs } from './helpers/sandbox-repo.js';

let planted: PlantedSecret;
let repo: SandboxRepo;

before(() => {
  planted = plantedSecret();
  repo = SandboxRepo.create('exit-policy');
  repo.write('medium/token.txt', `token: ${generateJwt(5)}\n`);
  repo.write('critical/settings.txt', `${planted.line}\n`);
});
after(removeTempDirs);

const jsonSeverities = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { severity: string; ruleId: string }[] }).findings.map((f) => `${f.ruleId} ${f.severity}`).sort();

describe('scan --fail-on / --exit-code', () => {
  test('the planted secret is critical and the JWT medium (the premise of the cases below)', () => {
    const r = repo.keyless('scan', '--format', 'json', '--quiet');
    assert.equal(r.status, 1);
    assert.deepEqual(jsonSeverities(r.stdout), [`jwt-token medium`, `${planted.ruleId} critical`].sort());
  });

  test('a threshold above every finding: exit 0, and the findings are still reported', () => {
    const r = repo.keyless('scan', 'medium', '--fail-on', 'high', '--format', 'json', '--quiet');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(jsonSeverities(r.stdout), ['jwt-token medium']);
  });

  test('a threshold at or below a finding: exit 1', () => {
    assert.equal(repo.keyless('scan', 'medium', '--fail-on', 'medium', '--quiet').status, 1);
    assert.equal(repo.keyless('scan', '--fail-on', 'critical', '--quiet').status, 1);
    assert.equal(repo.keyless('scan', 'medium', '--fail-on', 'low', '--quiet').status, 1);
  });

  test('--fail-on none never fails; --exit-code sets the code for findings only', () => {
    assert.equal(repo.keyless('scan', '--fail-on', 'none', '--quiet').status, 0);
    assert.equal(repo.keyless('scan', '--exit-code', '3', '--quiet').status, 3);
    assert.equal(repo.keyless('scan', 'medium', '--fail-on', 'high', '--exit-code', '3', '--quiet').status, 0);
    repo.write('empty/readme.txt', 'nothing here\n');
    assert.equal(repo.keyless('scan', 'empty', '--exit-code', '3', '--quiet').status, 0);
  });

  test('bad values: one line on stderr, exit 2', () => {
    const cases: [string[], string][] = [
      [['--fail-on', 'severe'], "keyless: --fail-on must be one of critical, high, medium, low, none (got 'severe')"],
      [['--exit-code', '2'], "keyless: --exit-code must be a number from 0 to 255 other than 2, which means an error (got '2')"],
      [['--exit-code', '256'], "keyless: --exit-code must be a number from 0 to 255 other than 2, which means an error (got '256')"],
      [['--exit-code', 'x'], "keyless: --exit-code must be a number from 0 to 255 other than 2, which means an error (got 'x')"],
    ];
    for (const [args, message] of cases) {
      const r = repo.keyless('scan', ...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.split('\n')[0], message);
      assert.equal(r.stdout, '');
    }
  });
});
