/**
 * The working-tree listing: nested .gitignore semantics (deepest file decides, negation, directory
 * rules prune), .git/info/exclude, .git never entered, symlinks never followed, config path filter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listWorkingTree, SKIP_SYMLINK, SKIP_SYMLINK_OUTSIDE } from '../../src/sources/tree/working-tree.js';

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-wt-')));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test('nested .gitignore, negation, info/exclude, .git skipped, include/exclude filter', () => {
  const root = tree({
    '.git/info/exclude': 'local-only.txt\n',
    '.git/HEAD': 'ref\n',
    '.gitignore': 'dist/\n*.tmp\n!keep.tmp\n',
    'local-only.txt': '',
    'a.ts': '',
    'x.tmp': '',
    'keep.tmp': '',
    'dist/out.js': '',
    'src/dist/inner.js': '',
    'src/.gitignore': 'generated/\n!x.tmp\n/rooted.txt\n',
    'src/x.tmp': '',
    'src/rooted.txt': '',
    'src/deep/rooted.txt': '',
    'src/generated/g.ts': '',
    'src/skip.snap': '',
  });
  try {
    const listing = listWorkingTree({ root, wantsPath: (p) => !p.endsWith('.snap') });
    assert.deepEqual(
      listing.files.map((f) => f.path),
      // A directory's files come before its subdirectories' (findings are sorted later anyway).
      ['.gitignore', 'a.ts', 'keep.tmp', 'src/.gitignore', 'src/x.tmp', 'src/deep/rooted.txt'],
    );
    assert.deepEqual(listing.skipped, []);
    assert.equal(listing.files[1]!.abs, join(root, 'a.ts'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('symlinks are listed as skipped, never followed; outside links are told apart', () => {
  const outside = tree({ 'o.txt': 'x' });
  const root = tree({ 'in.txt': 'x', 'sub/y.txt': 'y' });
  try {
    symlinkSync(join(outside, 'o.txt'), join(root, 'out.txt'));
    symlinkSync(join(root, 'sub'), join(root, 'sub-link'));
    symlinkSync(join(root, 'missing'), join(root, 'dangling'));
    const listing = listWorkingTree({ root });
    assert.deepEqual(listing.files.map((f) => f.path), ['in.txt', 'sub/y.txt']);
    assert.deepEqual(listing.skipped, [
      { path: 'dangling', reason: SKIP_SYMLINK },
      { path: 'out.txt', reason: SKIP_SYMLINK_OUTSIDE },
      { path: 'sub-link', reason: SKIP_SYMLINK },
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('tracked files are listed whatever .gitignore says; untracked ignored ones are not; unreadable directories are listed', () => {
  const root = tree({
    '.gitignore': 'secret.env\nbuild/\n',
    'secret.env': '',
    'build/app.env': '',
    'build/deep/kept.env': '',
    'build/local.env': '',
    'other.env': '',
  });
  try {
    const tracked = { files: new Set(['secret.env', 'build/deep/kept.env', '.gitignore']), dirs: new Set(['build', 'build/deep']) };
    const listing = listWorkingTree({ root, tracked });
    assert.deepEqual(
      listing.files.map((f) => f.path),
      ['.gitignore', 'other.env', 'secret.env', 'build/deep/kept.env'],
    );
    // Without the tracked set (not a git repository), every rule applies.
    assert.deepEqual(listWorkingTree({ root }).files.map((f) => f.path), ['.gitignore', 'other.env']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a name that is not UTF-8 is listed escaped, with its raw bytes as the path to open', () => {
  const root = tree({ 'sub/ok.txt': '' });
  try {
    const raw = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // latin1 "café"
    writeFileSync(Buffer.concat([Buffer.from(`${root}/sub/`), raw]), '');
    const listing = listWorkingTree({ root });
    assert.deepEqual(listing.files.map((f) => f.path), ['sub/caf\\xe9', 'sub/ok.txt']);
    assert.deepEqual(Buffer.from(listing.files[0]!.abs), Buffer.concat([Buffer.from(`${root}/sub/`), raw]));
    assert.equal(listing.files[1]!.abs, join(root, 'sub', 'ok.txt'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
