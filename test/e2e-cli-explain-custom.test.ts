/**
 * `keyless explain` knows the custom detectors of keyless.config.json (in the current directory, or
 * --config FILE): explain prints their title, severity and guidance and where they are defined;
 * --list includes them; a built-in rule is explained as before.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KEYLESS_BIN, isolatedEnv, removeTempDirs, run, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

const CONFIG = {
  detectors: [
    { id: 'contoso-api-key', title: 'Contoso internal API key', pattern: '(?<secret>ctso_[A-Za-z0-9]{32})', keywords: ['ctso_'], severity: 'critical' },
  ],
};

function keyless(cwd: string, ...args: string[]) {
  return run(process.execPath, [KEYLESS_BIN, ...args], cwd, isolatedEnv(join(cwd, '..', 'home')));
}

describe('explain: custom detectors', () => {
  test('explains a custom detector from keyless.config.json in the current directory', () => {
    const dir = join(tempDir('explain-custom'), 'project');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keyless.config.json'), JSON.stringify(CONFIG));
    const r = keyless(dir, 'explain', 'contoso-api-key');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'contoso-api-key: Contoso internal API key');
    assert.ok(lines.includes('Severity: critical. Confidence: medium.'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('What to do: ')), r.stdout);
    assert.ok(lines.includes(`Defined in: ${join(dir, 'keyless.config.json')}`), r.stdout);
    const list = keyless(dir, 'explain', '--list');
    assert.match(list.stdout, /^contoso-api-key +critical +Contoso internal API key$/m);
    assert.match(list.stdout, /^azure-storage-account-key /m);
    const builtIn = keyless(dir, 'explain', 'azure-storage-account-key');
    assert.equal(builtIn.status, 0);
    assert.match(builtIn.stdout, /^More: https:\/\//m);
  });

  test('--config FILE elsewhere; without it the custom id is unknown (exit 2, one line)', () => {
    const base = tempDir('explain-config');
    const dir = join(base, 'cwd');
    mkdirSync(dir, { recursive: true });
    const file = join(base, 'team.json');
    writeFileSync(file, JSON.stringify(CONFIG));
    assert.equal(keyless(dir, 'explain', 'contoso-api-key', '--config', file).status, 0);
    const unknown = keyless(dir, 'explain', 'contoso-api-key');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "keyless: unknown rule 'contoso-api-key' (list the rule ids with 'keyless explain --list')\n");
  });
});
