/**
 * One lane of a history scan: a `git cat-file --batch` process of its own, fed path by path with the
 * versions of the paths the lane takes, each version scanned on arrival against the one before it
 * (path-version-scan.ts). Lanes run side by side, one per thread, each taking the next path from a
 * shared list when it runs low, so no blob is copied between threads and the cores stay balanced.
 */
import type { ScanContext } from '../../pipeline/scan-context.js';
import { createKeywordGate, type BlobVerdict } from '../../pipeline/blob-scan.js';
import { BatchParser } from '../git/git-cat-file.js';
import { firstLine, GitError, spawnGit } from '../git/git-process.js';
import { GIT_MEMORY_BLOBS } from '../git/git-safe.js';
import { PathVersionScanner } from './path-version-scan.js';

/** One path's versions, oldest first; `ids` number them for the results. */
export interface PathGroup {
  readonly path: string;
  readonly blobs: readonly string[];
  readonly ids: readonly number[];
}

/** What became of one version: its verdict and size in bytes, or why it was not read. */
export type LaneResult =
  | { readonly id: number; readonly verdict: BlobVerdict; readonly size: number }
  | { readonly id: number; readonly unread: 'missing' | 'too-large' };

/**
 * The next paths for this lane, with at least `versions` versions between them when that many are
 * left; none when none is left.
 */
export type TakeGroups = (versions: number) => readonly PathGroup[] | Promise<readonly PathGroup[]>;

/** Versions requested from git but not yet read, below which the lane takes another path. */
const LOW_WATER_VERSIONS = 200;

/**
 * Memory for the bodies git sends, reused: two buffers taken in turn, so a version and the one
 * before it (all a PathVersionScanner keeps of a path, whose versions come one after another) are
 * never overwritten while in use. Saves allocating (and the kernel zeroing) gigabytes on a history.
 */
function alternatingBuffers(): (n: number) => Buffer {
  const buffers = [Buffer.alloc(0), Buffer.alloc(0)];
  let turn = 0;
  return (n) => {
    turn ^= 1;
    if (buffers[turn]!.length < n) buffers[turn] = Buffer.allocUnsafeSlow(Math.max(n, 2 * buffers[turn]!.length, 64 * 1024));
    return buffers[turn]!.subarray(0, n);
  };
}

/**
 * git's output arrives in chunks whose memory V8 frees only at a garbage collection. While a lane
 * compares lockfile versions it allocates little else, collections are rare, and tens of MB of read
 * chunks pile up per lane. When gc is exposed (the CLI's history scans: cli/relaunch.ts), a
 * young-generation collection every this many bytes read keeps them bounded.
 */
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;
const collectYoung = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;

interface Queued {
  readonly id: number;
  readonly path: string;
  readonly last: boolean;
}

/**
 * Runs a lane to the end: takes paths until `take` has none left, reports each version's result to
 * `report` in order. Rejects with git's first stderr line if git fails, or with a scanning error.
 */
export function runPathLane(cwd: string, ctx: ScanContext, take: TakeGroups, report: (r: LaneResult) => void): Promise<void> {
  const scanner = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, ['cat-file', '--batch'], { tuning: GIT_MEMORY_BLOBS });
    const queue: (Queued | undefined)[] = [];
    let head = 0;
    let exhausted = false;
    let taking = false;
    let failed = false;
    const stderr: Buffer[] = [];

    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(e instanceof Error ? e : new Error(String(e)));
    };

    // Takes paths until enough versions are requested ahead of the reading (or none is left).
    const refill = async () => {
      if (taking || exhausted || failed) return;
      taking = true;
      try {
        while (!exhausted && !failed && queue.length - head < LOW_WATER_VERSIONS) {
          // Paths come several at a time (most have one or two versions): one request, one write.
          const groups = await take(2 * LOW_WATER_VERSIONS - (queue.length - head));
          if (groups.length === 0) {
            exhausted = true;
            child.stdin.end();
            break;
          }
          let ids = '';
          for (const g of groups) {
            g.blobs.forEach((blob, i) => {
              queue.push({ id: g.ids[i]!, path: g.path, last: i === g.blobs.length - 1 });
              ids += `${blob}\n`;
            });
          }
          child.stdin.write(ids);
        }
      } catch (e) {
        fail(e);
      } finally {
        taking = false;
      }
    };

    const parser = new BatchParser((_id, bytes, size) => {
      const v = queue[head];
      queue[head++] = undefined;
      if (!v) return fail(new Error('git cat-file answered more objects than were asked for'));
      if (!bytes) report({ id: v.id, unread: size < 0 ? 'missing' : 'too-large' });
      else report({ id: v.id, verdict: scanner.scan(v.path, bytes, v.last), size: bytes.length });
      // The consumed front is dropped now and then, so the queue does not grow with the history.
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      if (queue.length - head < LOW_WATER_VERSIONS) void refill();
    }, ctx.maxFileSize, alternatingBuffers());

    let readSinceCollect = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        parser.push(chunk);
      } catch (e) {
        fail(e);
      }
      readSinceCollect += chunk.length;
      if (collectYoung && readSinceCollect >= COLLECT_EVERY_BYTES) {
        readSinceCollect = 0;
        collectYoung({ type: 'minor' });
      }
    });
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => fail(new GitError(`git could not be run (${e.message})`, null)));
    child.on('close', (code) => {
      if (failed) return;
      if (code !== 0) return fail(new GitError(firstLine(Buffer.concat(stderr).toString('utf8')) || 'git cat-file failed', code));
      try {
        parser.end();
      } catch (e) {
        return fail(e);
      }
      if (head !== queue.length) return fail(new Error('git cat-file ended before answering every object'));
      resolve();
    });
    void refill();
  });
}
