/** One working-tree file: unreadable, oversized and binary files are skipped with a reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import { scanTreeFile } from '../../src/sources/tree/tree-file.js';

test('unreadable (gone, a directory), not a regular file, too large, binary, text with stray NULs, scanned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-file-'));
  try {
    const ctx = createScanContext({
      maxFileSize: 64,
      detectors: [{ id: 'demo', pattern: 'dm_(?<secret>[a-z0-9]{12})', keywords: ['dm_'] }],
    });
    const secret = ['dm', '_'].join('') + 'a1b2c3d4e5f6';
    writeFileSync(join(dir, 'big.txt'), `${'x'.repeat(64)}${secret}`);
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([0x64, 0x6d, 0x5f, 0, 1, 2]));
    writeFileSync(join(dir, 'ok.txt'), `v = ${secret}\n`);
    writeFileSync(join(dir, 'nul.txt'), Buffer.concat([Buffer.from([0]), Buffer.from(`v = ${secret}\n`)]));
    mkdirSync(join(dir, 'now-a-dir'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const at = (name: string) => ({ path: name, abs: join(dir, name) });
    // Listed, then removed or replaced before the read: not scanned, and said so (the CLI exits 2).
    assert.deepEqual(scanTreeFile(at('gone.txt'), ctx), { kind: 'skipped', reason: 'unreadable', detail: 'ENOENT' });
    assert.deepEqual(scanTreeFile(at('now-a-dir'), ctx), { kind: 'skipped', reason: 'unreadable', detail: 'EISDIR' });
    // A FIFO swapped in after the listing is opened without blocking and never read as a file.
    assert.deepEqual(scanTreeFile(at('pipe'), ctx), { kind: 'skipped', reason: 'not a regular file' });
    const nul = scanTreeFile(at('nul.txt'), ctx);
    assert.deepEqual(nul.kind === 'scanned' ? nul.findings.map((f) => [f.line, f.column]) : nul, [[1, 9]]);
    assert.deepEqual(scanTreeFile(at('big.txt'), ctx), { kind: 'skipped', reason: 'over the size limit' });
    assert.deepEqual(scanTreeFile(at('bin.dat'), ctx), { kind: 'skipped', reason: 'binary' });
    const ok = scanTreeFile(at('ok.txt'), ctx);
    assert.equal(ok.kind, 'scanned');
    assert.deepEqual(
      ok.kind === 'scanned' ? ok.findings.map((f) => [f.ruleId, f.path, f.line, f.column, f.endColumn]) : [],
      [['demo', 'ok.txt', 1, 8, 20]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
