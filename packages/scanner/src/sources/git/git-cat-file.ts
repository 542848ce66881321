/**
 * Reads blobs through one `git cat-file --batch` process: ids are written to its stdin, contents
 * stream back and are handed over one blob at a time (the consumer's promise is awaited, so memory
 * stays bounded by what the consumer holds).
 */
import { GitOutputError, streamGit } from './git-process.js';

const SHA = /^[0-9a-f]{40,64}$/;
const TYPES = new Set(['blob', 'tree', 'commit', 'tag']);

/**
 * `bytes` is undefined for a missing object (`size` -1) and for one over the size limit (its bytes
 * are skipped unread, never buffered).
 */
export type BlobHandler = (id: string, bytes: Buffer | undefined, size: number) => void | Promise<void>;

/**
 * Incremental parser of `--batch` output: `<id> <type> <size>\n<bytes>\n` or `<id> missing\n`.
 * A header it does not understand, or a stream cut short (see `end`), throws GitOutputError.
 */
export class BatchParser {
  private header: Buffer[] = [];
  private body: Buffer | undefined;
  private bodyFilled = 0;
  private bodyId = '';
  /** Bytes of the newline after a body still to skip. */
  private skipNewline = false;
  /** Bytes of an over-limit body still to discard. */
  private discard = 0;

  /**
   * `allocate`: where a body of n bytes is written (default: a new buffer of its own, so the consumer
   * may keep it); a consumer done with each body before the next may reuse memory.
   */
  constructor(
    private readonly onBlob: (id: string, bytes: Buffer | undefined, size: number) => void,
    private readonly maxSize = Number.POSITIVE_INFINITY,
    private readonly allocate: (n: number) => Buffer = (n) => Buffer.allocUnsafeSlow(n),
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.skipNewline) {
        this.skipNewline = false;
        if (chunk[pos] === 0x0a) pos++;
        continue;
      }
      if (this.discard > 0) {
        const take = Math.min(this.discard, chunk.length - pos);
        this.discard -= take;
        pos += take;
        if (this.discard === 0) this.skipNewline = true;
        continue;
      }
      if (this.body) {
        const take = Math.min(this.body.length - this.bodyFilled, chunk.length - pos);
        chunk.copy(this.body, this.bodyFilled, pos, pos + take);
        this.bodyFilled += take;
        pos += take;
        if (this.bodyFilled === this.body.length) {
          const body = this.body;
          this.body = undefined;
          this.skipNewline = true;
          this.onBlob(this.bodyId, body, body.length);
        }
        continue;
      }
      const nl = chunk.indexOf(0x0a, pos);
      if (nl === -1) {
        this.header.push(chunk.subarray(pos));
        return;
      }
      this.header.push(chunk.subarray(pos, nl));
      pos = nl + 1;
      const line = Buffer.concat(this.header).toString('latin1');
      this.header = [];
      this.startObject(line);
    }
  }

  /** Throws if the stream stopped inside an object (call when git's output ended). */
  end(): void {
    if (this.header.length > 0 && Buffer.concat(this.header).length > 0) throw new GitOutputError('cat-file', 'a header is cut short');
    if (this.body || this.discard > 0) throw new GitOutputError('cat-file', 'an object is cut short');
  }

  private startObject(line: string): void {
    const fields = line.split(' ');
    const [id = '', type = '', size = ''] = fields;
    // `<input> missing` / `<input> ambiguous` echo what was asked (an id or `<rev>:<path>`).
    if (fields.length === 2 && (type === 'missing' || type === 'ambiguous')) {
      this.onBlob(id, undefined, -1);
      return;
    }
    if (fields.length !== 3 || !SHA.test(id) || !TYPES.has(type) || !/^\d+$/.test(size)) {
      throw new GitOutputError('cat-file', 'a malformed object header');
    }
    const n = Number(size);
    if (!Number.isSafeInteger(n)) throw new GitOutputError('cat-file', 'an object size out of range');
    if (n > this.maxSize) {
      this.onBlob(id, undefined, n);
      this.discard = n;
      return;
    }
    this.bodyId = id;
    this.bodyFilled = 0;
    if (n === 0) {
      this.skipNewline = true;
      this.onBlob(id, Buffer.alloc(0), 0);
      return;
    }
    this.body = this.allocate(n);
  }
}

/**
 * Streams the contents of `ids` (in that order; pass pack order for speed) to `onBlob`.
 * A missing object is reported with `bytes` undefined.
 */
export async function readBlobs(cwd: string, ids: readonly string[], onBlob: BlobHandler, maxSize?: number): Promise<void> {
  if (ids.length === 0) return;
  let queue: Promise<void> = Promise.resolve();
  let pendingError: unknown;
  const parser = new BatchParser((id, bytes, size) => {
    const r = onBlob(id, bytes, size);
    if (r) queue = queue.then(() => r).catch((e: unknown) => void (pendingError ??= e));
  }, maxSize);
  await streamGit(
    cwd,
    ['cat-file', '--batch'],
    async (chunk) => {
      parser.push(chunk);
      await queue; // backpressure: don't read more while the consumer is behind
      if (pendingError) throw pendingError;
    },
    `${ids.join('\n')}\n`,
  );
  parser.end();
  await queue;
  if (pendingError) throw pendingError instanceof Error ? pendingError : new Error(String(pendingError));
}

/** `<id> <type> <size>` of every object in the repository, in pack order (fast, no contents). */
export async function listObjectSizes(
  cwd: string,
  onObject: (id: string, type: string, size: number) => void,
): Promise<void> {
  let rest = '';
  await streamGit(cwd, ['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--unordered'], (chunk) => {
    const text = rest + chunk.toString('latin1');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      const a = l.indexOf(' ');
      const b = l.indexOf(' ', a + 1);
      const size = l.slice(b + 1);
      if (!(a > 0 && b > a) || !SHA.test(l.slice(0, a)) || !/^\d+$/.test(size)) throw new GitOutputError('cat-file', 'a malformed object line');
      onObject(l.slice(0, a), l.slice(a + 1, b), Number(size));
    }
  });
  if (rest) throw new GitOutputError('cat-file', 'a line is cut short');
}

/** Sizes of specific objects (`<id> <type> <size>`, or missing), in the order given. */
export async function objectSizes(cwd: string, ids: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  let rest = '';
  await streamGit(
    cwd,
    ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    (chunk) => {
      const text = rest + chunk.toString('latin1');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        const [id = '', type = '', size = ''] = l.split(' ');
        if (type === 'missing') continue;
        if (!SHA.test(id) || !TYPES.has(type) || !/^\d+$/.test(size)) throw new GitOutputError('cat-file', 'a malformed object line');
        if (type === 'blob') sizes.set(id, Number(size));
      }
    },
    `${ids.join('\n')}\n`,
  );
  return sizes;
}
