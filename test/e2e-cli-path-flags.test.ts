/**
 * `keyless scan --include GLOB` / `--exclude GLOB`: globs beside the config file's lists, in a
 * working-tree scan and a range scan; an empty glob is a usage error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { SandboxRepo, removeTempDirs } from './helpers/sandbox-repo.js';

let planted: PlantedSecret;
let repo: SandboxRepo;
let base: string;

before(() => {
  planted = plantedSecret();
  repo = SandboxRepo.create('path-flags');
  base = repo.commit('initial', { 'README.md': '# x\n' });
  repo.commit('secrets', {
    'app/settings.txt': `${planted.line}\n`,
    'fixtures/fake.txt': `${planted.line}\n`,
    'docs/example.txt': `${planted.line}\n`,
  });
});
after(removeTempDirs);

function paths(...args: string[]): string[] {
  const r = repo.keyless('scan', ...args, '--format', 'json', '--quiet');
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort();
}

describe('scan --include / --exclude', () => {
  test('without flags every file is reported', () => {
    assert.deepEqual(paths(), ['app/settings.txt', 'docs/example.txt', 'fixtures/fake.txt']);
  });

  test('--exclude (repeatable) drops matching paths', () => {
    assert.deepEqual(paths('--exclude', 'fixtures/**'), ['app/settings.txt', 'docs/example.txt']);
    assert.deepEqual(paths('--exclude', 'fixtures/**', '--exclude', 'docs/**'), ['app/settings.txt']);
  });

  test('--include keeps only matching paths, and --exclude still applies inside them', () => {
    assert.deepEqual(paths('--include', 'app/**', '--include', 'docs/**'), ['app/settings.txt', 'docs/example.txt']);
    assert.deepEqual(paths('--include', 'app/**', '--include', 'docs/**', '--exclude', 'docs/**'), ['app/settings.txt']);
  });

  test('added to the config file\'s exclude, not replacing it', () => {
    repo.write('keyless.config.json', JSON.stringify({ exclude: ['docs/**'] }));
    try {
      assert.deepEqual(paths('--exclude', 'fixtures/**'), ['app/settings.txt']);
    } finally {
      repo.write('keyless.config.json', '{}');
    }
  });

  test('a range scan honours them too', () => {
    assert.deepEqual(paths('--range', `${base}..HEAD`, '--exclude', 'fixtures/**', '--exclude', 'docs/**'), ['app/settings.txt']);
  });

  test('an empty glob: one line, exit 2', () => {
    const r = repo.keyless('scan', '--exclude', '');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.split('\n')[0], 'keyless: --exclude needs a non-empty glob');
  });
});
