/**
 * Building hostile working trees at test time: temp dirs (real paths, readable by other users so a
 * run can drop privileges), files from strings, bytes or streamed generators, and raw-byte file
 * names. Nothing here is committed: every input is generated and removed after the suite.
 */
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

/** A fresh temp dir (mode 755 so a dropped-privilege run can read it). */
export function hostileDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `keyless-hostile-${prefix}-`)));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** Removes everything `hostileDir` made (call from `after`); restores modes first so rm can descend. */
export function removeHostileDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      chmodTree(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function chmodTree(dir: string): void {
  try {
    chmodSync(dir, 0o755);
  } catch {
    // best effort
  }
}

/** Writes `content` at `rel` under `root` (parents created). */
export function put(root: string, rel: string, content: string | Uint8Array): string {
  const full = join(root, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}

/**
 * Streams `size` bytes made of `unit` repeated (the last copy cut) into `rel`, 1 MiB at a time, so
 * a 200 MB file never sits in this process's memory.
 */
export function putRepeated(root: string, rel: string, unit: string, size: number, suffix = ''): string {
  const full = join(root, rel);
  mkdirSync(dirname(full), { recursive: true });
  const chunkSize = 1 << 20;
  const chunk = Buffer.from(unit.repeat(Math.ceil(chunkSize / unit.length)).slice(0, chunkSize), 'latin1');
  const tail = Buffer.from(suffix, 'latin1');
  const body = size - tail.length;
  const fd = openSync(full, 'w');
  try {
    let written = 0;
    while (written < body) {
      const n = Math.min(chunk.length, body - written);
      writeSync(fd, chunk, 0, n);
      written += n;
    }
    if (tail.length) writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
  return full;
}

/** A file whose name is raw bytes (e.g. invalid UTF-8), in `dir`. */
export function putRawName(dir: string, nameBytes: readonly number[], content: string): void {
  const full = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(nameBytes)]);
  writeFileSync(full, content);
}
