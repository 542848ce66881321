/**
 * Installing keyless runs no third-party code: root package.json lets no dependency run build
 * scripts (`pnpm.onlyBuiltDependencies: []`), and no installed package even asks to, so pnpm's
 * blocking skips nothing the project needs. The lockfile is committed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers/sandbox-repo.js';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/** Directories of the packages pnpm installed (`node_modules/.pnpm/<id>/node_modules/<name>`, not the symlinks). */
function installedPackageDirs(): string[] {
  const store = join(REPO_ROOT, 'node_modules', '.pnpm');
  const dirs: string[] = [];
  for (const id of readdirSync(store)) {
    const modules = join(store, id, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const name of readdirSync(modules)) {
      const names = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name];
      for (const n of names) {
        const dir = join(modules, n);
        if (!lstatSync(dir).isSymbolicLink() && existsSync(join(dir, 'package.json'))) dirs.push(dir);
      }
    }
  }
  return dirs;
}

test('root package.json allows no dependency build scripts', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    pnpm?: { onlyBuiltDependencies?: unknown };
  };
  assert.deepEqual(pkg.pnpm?.onlyBuiltDependencies, []);
});

test('no installed package has install scripts or a native build (nothing is silently skipped)', () => {
  const dirs = installedPackageDirs();
  assert.ok(dirs.length > 100, `found the pnpm store's packages (${dirs.length})`);
  const offenders: string[] = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
      scripts?: Record<string, string>;
    };
    const scripts = INSTALL_SCRIPTS.filter((s) => pkg.scripts?.[s] !== undefined);
    if (existsSync(join(dir, 'binding.gyp'))) scripts.push('install');
    if (scripts.length > 0) offenders.push(`${pkg.name}@${pkg.version}: ${scripts.join(', ')}`);
  }
  assert.deepEqual(offenders, []);
});

test('the lockfile is committed', () => {
  const tracked = execFileSync('git', ['ls-files', '--', 'pnpm-lock.yaml'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(tracked.trim(), 'pnpm-lock.yaml');
});
