/** The `keyless-ignore` comments a range adds, read from `git diff -U0` output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addedIgnoreLines } from '../../src/sources/changes/range-notices.js';

test('addedIgnoreLines: added directive lines by new path and line; removed lines, mentions in strings and content that looks like a header are not', () => {
  const diff = [
    'diff --git a/app.env b/app.env',
    'index 1111111..2222222 100644',
    '--- a/app.env',
    '+++ b/app.env',
    '@@ -2,0 +3,2 @@ MODE=1',
    '+VALUE=x # keyless-ignore',
    '+OTHER=1',
    '@@ -9 +10,2 @@',
    '-# keyless-ignore-next-line',
    '+++ not a header # keyless-ignore',
    '+msg = "keyless-ignore"',
    'diff --git "a/dir/t\\303\\251st\\tx.py" "b/dir/t\\303\\251st\\tx.py"',
    'new file mode 100644',
    '--- /dev/null',
    '+++ "b/dir/t\\303\\251st\\tx.py"',
    '@@ -0,0 +1 @@',
    '+# keyless-ignore-next-line azure-storage-account-key -- fixture',
    'diff --git a/with space.txt b/with space.txt',
    '--- a/with space.txt\t',
    '+++ b/with space.txt\t',
    '@@ -1 +1 @@',
    '-old',
    '+new // keyless-ignore',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-x # keyless-ignore',
    '',
  ].join('\n');
  assert.deepEqual(addedIgnoreLines(diff), [
    { path: 'app.env', line: 3 },
    { path: 'app.env', line: 10 },
    { path: 'dir/tést\tx.py', line: 1 },
    { path: 'with space.txt', line: 1 },
  ]);
});
