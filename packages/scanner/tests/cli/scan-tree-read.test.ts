/**
 * Reading working-tree files through the reusable first-read buffer: files smaller than, equal to
 * and larger than the first read are scanned whole, sizes are exact, the limit is applied on either
 * path, and one file's bytes never leak into the next (the buffer is shared).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import { scanTreeFile } from '../../src/sources/tree/tree-file.js';

const FIRST_READ = 64 * 1024;
const DEMO = [{ id: 'demo', pattern: 'dm_(?<secret>[a-z0-9]{12})', keywords: ['dm_'] }];
const secret = (tail: string) => ['dm', '_'].join('') + tail;

function withDir(run: (at: (name: string, text: string) => { path: string; abs: string }) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-read-'));
  try {
    run((name, text) => {
      writeFileSync(join(dir, name), text);
      return { path: name, abs: join(dir, name) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `bytes` and [line, column] of every finding. */
function summary(r: ReturnType<typeof scanTreeFile>): [number, [number, number][]] | string {
  return r.kind === 'scanned' ? [r.bytes, r.findings.map((f) => [f.line, f.column])] : r.reason;
}

test('files around the first-read size are read whole', () => {
  withDir((at) => {
    const ctx = createScanContext({ detectors: DEMO });
    const line = `v = ${secret('a1b2c3d4e5f6')}\n`; // 21 bytes
    const pad = (size: number) => 'x'.repeat(size - line.length - 1) + '\n';
    // The secret in the very last bytes: found only if the whole file was read.
    assert.deepEqual(summary(scanTreeFile(at('below.txt', pad(FIRST_READ - 1) + line), ctx)), [FIRST_READ - 1, [[2, 8]]]);
    assert.deepEqual(summary(scanTreeFile(at('equal.txt', pad(FIRST_READ) + line), ctx)), [FIRST_READ, [[2, 8]]]);
    assert.deepEqual(summary(scanTreeFile(at('above.txt', pad(3 * FIRST_READ + 7) + line), ctx)), [3 * FIRST_READ + 7, [[2, 8]]]);
    assert.deepEqual(summary(scanTreeFile(at('empty.txt', ''), ctx)), [0, []]);
  });
});

test('a short file after a long one sees only its own bytes', () => {
  withDir((at) => {
    const ctx = createScanContext({ detectors: DEMO });
    scanTreeFile(at('long.txt', `${'y'.repeat(1000)} ${secret('zzzzzzzzzzzz')}\n`), ctx);
    assert.deepEqual(summary(scanTreeFile(at('short.txt', 'ok\n'), ctx)), [3, []]);
  });
});

test('the size limit holds below and above the first-read size', () => {
  withDir((at) => {
    const small = createScanContext({ maxFileSize: 100, detectors: DEMO });
    assert.deepEqual(summary(scanTreeFile(at('a.txt', 'x'.repeat(100)), small)), [100, []]);
    assert.equal(summary(scanTreeFile(at('b.txt', 'x'.repeat(101)), small)), 'over the size limit');
    const large = createScanContext({ maxFileSize: FIRST_READ + 10, detectors: DEMO });
    assert.deepEqual(summary(scanTreeFile(at('c.txt', 'x'.repeat(FIRST_READ + 10)), large)), [FIRST_READ + 10, []]);
    assert.equal(summary(scanTreeFile(at('d.txt', 'x'.repeat(FIRST_READ + 11)), large)), 'over the size limit');
  });
});
