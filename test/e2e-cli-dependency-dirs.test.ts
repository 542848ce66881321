/**
 * `keyless scan` of a folder outside any git repository does not descend into dependency folders
 * (node_modules, .venv, a virtualenv under any name...), and says so in the summary; inside a git
 * repository the .gitignore files decide, as before.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { KEYLESS_BIN, SandboxRepo, isolatedEnv, removeTempDirs, run, tempDir } from './helpers/sandbox-repo.js';

let planted: PlantedSecret;

before(() => {
  planted = plantedSecret();
});
after(removeTempDirs);

const LAYOUT = [
  'src/settings.txt',
  'node_modules/some-package/test/fixture.txt',
  'packages/app/node_modules/other/key.txt',
  '.venv/lib/python3.11/site-packages/pkg/key.txt',
  'env/lib/key.txt',
  'bower_components/x/key.txt',
];

function plantLayout(dir: string): void {
  for (const rel of LAYOUT) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), `${planted.line}\n`);
  }
  writeFileSync(join(dir, 'env', 'pyvenv.cfg'), 'home = /usr/bin\n'); // a virtualenv named env
}

const paths = (stdout: string) => (JSON.parse(stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort();

describe('working-tree scan: dependency folders', () => {
  test('outside a git repository: only the project\'s own files, the skipped folders in the summary', () => {
    const base = tempDir('deps-nogit');
    const dir = join(base, 'project');
    mkdirSync(dir);
    plantLayout(dir);
    const r = run(process.execPath, [KEYLESS_BIN, 'scan', dir, '--format', 'json'], base, isolatedEnv(join(base, 'home')));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(paths(r.stdout), ['src/settings.txt']);
    assert.ok(r.stderr.includes('5 dependency folder (not scanned outside a git repository)'), r.stderr);
  });

  test('inside a git repository, without a .gitignore for them, dependency folders are scanned', () => {
    const repo = SandboxRepo.create('deps-git');
    plantLayout(repo.dir);
    const r = repo.keyless('scan', '--format', 'json', '--quiet');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(paths(r.stdout), [...LAYOUT].sort());
  });
});
