/**
 * Shard listings (`keyless plan-shards`, `keyless scan --history --shard I/N --plan DIR`): one job
 * lists the history once, plans the split (shard-plan.ts) and writes each shard its part of the
 * listing; each shard job then starts from its file instead of listing the whole history and
 * planning the split again (on typescript-eslint, ~3 s of a shard's ~17 s of CPU).
 *
 * A shard's file is a header line, then git's own `git log --raw -z -c` bytes with every commit
 * header and only the raw entries of the shard's paths. It is read by the same parser as git's
 * output (git-log.ts), so the shard indexes the same commits, in the same order, and gives the same
 * commit orders, findings and split digest as a shard that lists the history itself.
 *
 * The header pins the state it was made from: the refs' commits and the shallow boundary digest
 * (history-tips.ts). A shard whose repository has other refs refuses the file: it would scan a
 * history other than its own. The file is trusted input otherwise (it says which versions exist):
 * pass it only between the jobs of one workflow, as their reports are.
 */
import { closeSync, constants, createReadStream, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Shard } from '../../pipeline/scan-types.js';
import { RawLogParser, type LoggedCommit } from '../git/git-log.js';
import { GitOutputError, NulSplitter } from '../git/git-process.js';
import { restoredSplit, storedSplit, type StoredSplit } from './shard-plan.js';
import { shardListingFile, shardOfPath, type ShardSplit } from './shard.js';
import type { HistoryTips } from './history-tips.js';

const MAGIC = 'keyless-shard-listing 1 ';
/** The header line is short (tips and a few placed paths); a longer one is not a shard listing. */
const MAX_HEADER_BYTES = 64 << 20;

interface ListingHeader {
  readonly shard: Shard;
  readonly tips: readonly string[];
  readonly boundary: string;
  readonly split: StoredSplit;
  /** Commits in the listing (every shard's listing holds every commit). */
  readonly commits: number;
  /** Bytes of the listing after the header line. */
  readonly bytes: number;
}

/** Writes all of `bytes` to `fd` (a write may take part of them). */
export function writeAll(fd: number, bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at);
}

/** Calls `onChunk` with the bytes of `file`, 1 MiB at a time (the buffer is reused: copy to keep). */
function forEachChunk(file: string, onChunk: (chunk: Buffer) => void): void {
  const input = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(input, chunk); n > 0; n = readSync(input, chunk)) onChunk(chunk.subarray(0, n));
  } finally {
    closeSync(input);
  }
}

/** Buffers writes to a file descriptor (one write call per 1 MiB). */
class FileWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  write(bytes: Buffer): void {
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    writeAll(this.fd, Buffer.concat(this.parts, this.size));
    this.parts.length = 0;
    this.size = 0;
  }
}

const NUL = Buffer.from([0]);
/** Files are created or truncated, never through a symbolic link planted at their name. */
export const WRITE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
const COMMIT_MARK = 0x01;
const HEADER_FIELDS = 6;

/**
 * Routes the tokens of a listing (git-log.ts FORMAT, `--raw -z`) to the shards: a commit header's
 * fields to every shard, a raw entry (its meta and its path) to the shard of its path. Tokens are
 * copied byte for byte; what git-log.ts's parser rejects is left for the shard's parser to reject.
 */
class ListingRouter {
  private readonly splitter = new NulSplitter((t) => this.token(t));
  private headerLeft = 0;
  private meta: Buffer | undefined;

  constructor(
    private readonly split: ShardSplit,
    private readonly outputs: readonly FileWriter[],
  ) {}

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    if (this.meta) throw new Error('the listing ends inside a raw entry');
  }

  private all(token: Buffer): void {
    const copy = Buffer.from(token);
    for (const o of this.outputs) {
      o.write(copy);
      o.write(NUL);
    }
  }

  private token(t: Buffer): void {
    if (this.meta) {
      const out = this.outputs[shardOfPath(t.toString('utf8'), this.split) - 1]!;
      out.write(this.meta);
      out.write(NUL);
      out.write(Buffer.from(t));
      out.write(NUL);
      this.meta = undefined;
      return;
    }
    if (this.headerLeft > 0) {
      this.headerLeft--;
      this.all(t);
      return;
    }
    let start = 0;
    while (start < t.length && t[start] === 0x0a) start++;
    if (start < t.length && t[start] === COMMIT_MARK) {
      this.headerLeft = HEADER_FIELDS - 1;
      this.all(t);
    } else if (start < t.length) this.meta = Buffer.from(t);
    else this.all(t);
  }
}

/**
 * Writes each shard's listing into `dir` from the whole listing of `commits` commits saved in
 * `listingFile`, with the header of `tips` and `split`. Each file is written under a temporary name
 * and renamed when whole; its header states its listing's length and commit count, so that a file
 * cut short is refused, never read as a shorter history. Returns the files written, by shard.
 */
export function writeShardListings(listingFile: string, dir: string, split: ShardSplit, tips: HistoryTips, commits: number): string[] {
  const files = Array.from({ length: split.count }, (_, i) => shardListingFile(dir, { index: i + 1, count: split.count }));
  const parts = files.map((f) => `${f}.part`);
  const fds = parts.map((f) => openSync(f, WRITE_NEW, 0o600));
  try {
    const outputs = fds.map((fd) => new FileWriter(fd));
    const router = new ListingRouter(split, outputs);
    forEachChunk(listingFile, (chunk) => router.push(chunk));
    router.end();
    for (const o of outputs) o.flush();
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  files.forEach((file, i) => {
    const header: ListingHeader = {
      shard: { index: i + 1, count: split.count },
      tips: tips.commits,
      boundary: tips.boundary,
      split: storedSplit(split),
      commits,
      bytes: statSync(parts[i]!).size,
    };
    const fd = openSync(`${file}.tmp`, WRITE_NEW, 0o644);
    try {
      writeAll(fd, Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'));
      forEachChunk(parts[i]!, (chunk) => writeAll(fd, chunk));
    } finally {
      closeSync(fd);
    }
    unlinkSync(parts[i]!);
    renameSync(`${file}.tmp`, file);
  });
  return files;
}

/** A shard listing that cannot be used: one line saying why (the CLI exits 2). */
export class ShardListingError extends Error {}

/** Reads the header line of `file`; returns it with the offset where the listing starts. */
function readHeader(file: string): { header: unknown; offset: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new ShardListingError(`shard listing ${file} could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const parts: Buffer[] = [];
    let size = 0;
    const chunk = Buffer.alloc(1 << 16);
    for (let n = readSync(fd, chunk, 0, chunk.length, size); n > 0; n = readSync(fd, chunk, 0, chunk.length, size)) {
      const part = chunk.subarray(0, n);
      const nl = part.indexOf(0x0a);
      if (nl !== -1) {
        parts.push(part.subarray(0, nl));
        const line = Buffer.concat(parts).toString('utf8');
        if (!line.startsWith(MAGIC)) break;
        let header: unknown;
        try {
          header = JSON.parse(line.slice(MAGIC.length));
        } catch {
          break;
        }
        return { header, offset: size + nl + 1 };
      }
      parts.push(Buffer.from(part));
      size += n;
      if (size > MAX_HEADER_BYTES) break;
    }
  } finally {
    closeSync(fd);
  }
  throw new ShardListingError(`${file} is not a shard listing of keyless plan-shards`);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Opens the listing `file` for `shard` of the history whose refs are `tips`: its split, and a reader
 * that parses the listing into `onCommit`. Throws ShardListingError when the file is not a listing,
 * is for another shard, or was made from other refs or another shallow boundary.
 */
export function openShardListing(file: string, shard: Shard, tips: HistoryTips): { split: ShardSplit; read: (onCommit: (c: LoggedCommit) => void) => Promise<void> } {
  const { header, offset } = readHeader(file);
  const h = header as Partial<ListingHeader> | null;
  const s = h?.shard;
  if (!h || !s || typeof s !== 'object' || !Array.isArray(h.tips) || !h.tips.every((t) => typeof t === 'string') || typeof h.boundary !== 'string') {
    throw new ShardListingError(`${file} is not a shard listing of keyless plan-shards`);
  }
  if (s.index !== shard.index || s.count !== shard.count) {
    throw new ShardListingError(`${file} is the listing of shard ${String(s.index)}/${String(s.count)}, not of ${shard.index}/${shard.count}`);
  }
  if (!sameList([...h.tips].sort(), [...tips.commits].sort()) || h.boundary !== tips.boundary) {
    throw new ShardListingError(`${file} was planned from other refs or another shallow boundary than this repository has now; run keyless plan-shards again`);
  }
  const split = restoredSplit(shard.count, h.split);
  if (!split) throw new ShardListingError(`${file} holds no valid split of the paths`);
  const { commits, bytes } = h;
  if (!Number.isSafeInteger(commits) || commits! < 0 || !Number.isSafeInteger(bytes) || bytes! < 0) throw new ShardListingError(`${file} is not a shard listing of keyless plan-shards`);
  if (statSync(file).size - offset !== bytes) throw new ShardListingError(`${file} is cut short or has grown (its listing should be ${bytes} bytes); copy it again from the plan`);
  const read = async (onCommit: (c: LoggedCommit) => void) => {
    let listed = 0;
    const parser = new RawLogParser((c) => {
      listed++;
      onCommit(c);
    });
    try {
      for await (const chunk of createReadStream(file, { start: offset, highWaterMark: 1 << 20 })) parser.push(chunk as Buffer);
      parser.end();
    } catch (err) {
      if (err instanceof GitOutputError) throw new ShardListingError(`${file} is not a valid shard listing (${err.message})`);
      throw err;
    }
    if (listed !== commits) throw new ShardListingError(`${file} lists ${listed} commits, its header ${commits}`);
  };
  return { split, read };
}
