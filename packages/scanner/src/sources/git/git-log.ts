/**
 * Streams `git log --raw -z -c` and yields each commit with the blobs it introduces. Merges use the
 * combined format (`-c`): only paths whose merge result differs from every parent are listed, which
 * is exactly the content a merge introduces itself (conflict resolutions, "evil" merges).
 * Paths are raw bytes (`-z`), decoded as UTF-8 for display.
 */
import type { CommitInfo } from '../../finding/finding.js';
import { GitOutputError, NulSplitter, streamGit } from './git-process.js';
import { GIT_MEMORY_LISTING } from './git-safe.js';

const COMMIT_MARK = 0x01;
/** `%x01` marks a commit header: sha, parents, author, email, ISO author date, committer time. */
const FORMAT = '--format=%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%ct';
const SHA = /^[0-9a-f]{40,64}$/;

/** A blob a commit introduces at a path, with the path's blob in each parent (none for a new file). */
export interface IntroducedBlob {
  readonly blob: string;
  readonly path: string;
  /** The blob at this path in each parent ('' when absent there). */
  readonly parentBlobs: readonly string[];
}

export interface LoggedCommit {
  readonly info: CommitInfo;
  readonly parents: readonly string[];
  /** Committer time (seconds since the epoch): orders "oldest" consistently. */
  readonly time: number;
  readonly blobs: IntroducedBlob[];
  /** Paths skipped as submodules (gitlinks) or symbolic links. */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

export const SKIP_SUBMODULE = 'submodule (not scanned)';
export const SKIP_SYMLINK_BLOB = 'symlink (not followed)';

interface RawEntry {
  readonly newBlob: string;
  readonly newMode: string;
  readonly parentBlobs: string[];
}

const isOctal = (c: number) => c >= 0x30 && c <= 0x37;
const isLowerHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);

/** The end of the object id (40 to 64 lowercase hex digits) starting at `at`, or -1. */
function idEnd(meta: string, at: number): number {
  let i = at;
  while (i < meta.length && isLowerHex(meta.charCodeAt(i))) i++;
  return i - at >= 40 && i - at <= 64 ? i : -1;
}

/** Is `meta.slice(start, end)` all zeros (git's id of "no object")? */
function allZeros(meta: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (meta.charCodeAt(i) !== 0x30) return false;
  return true;
}

/**
 * `:100644 100644 <sha> <sha> M` or combined `::m m m <sha> <sha> <sha> MM`: N colons, N + 1 modes
 * of six octal digits, N + 1 object ids, then the status, each separated by one space. Read by
 * character codes (one is read per changed path of every commit listed).
 */
export function parseRawMeta(meta: string): RawEntry | undefined {
  let n = 0;
  while (meta.charCodeAt(n) === 0x3a) n++;
  if (n === 0) return undefined;
  let at = n;
  let newMode = '';
  for (let k = 0; k <= n; k++) {
    for (let i = 0; i < 6; i++) if (!isOctal(meta.charCodeAt(at + i))) return undefined;
    if (meta.charCodeAt(at + 6) !== 0x20) return undefined;
    if (k === n) newMode = meta.slice(at, at + 6);
    at += 7;
  }
  const parentBlobs: string[] = [];
  let newBlob = '';
  for (let k = 0; k <= n; k++) {
    const end = idEnd(meta, at);
    if (end === -1 || meta.charCodeAt(end) !== 0x20) return undefined;
    const id = meta.slice(at, end);
    if (k < n) parentBlobs.push(allZeros(meta, at, end) ? '' : id);
    else newBlob = id;
    at = end + 1;
  }
  return { newMode, newBlob, parentBlobs };
}

const logError = (what: string) => new GitOutputError('log', what);

/**
 * Parses the byte stream of `git log` with FORMAT, `--raw -z`; calls `onCommit` for each commit.
 * Anything else (a token that is neither a header, a raw entry nor its path; a malformed header; a
 * stream cut short) throws GitOutputError: a stream it cannot read is never "no commits".
 */
export class RawLogParser {
  private readonly splitter: NulSplitter;
  private header: string[] | undefined;
  private current: LoggedCommit | undefined;
  private entry: RawEntry | undefined;

  constructor(private readonly onCommit: (c: LoggedCommit) => void) {
    this.splitter = new NulSplitter((t) => this.token(t));
  }

  /** The last byte pushed (git ends every token with NUL, a header with a newline). */
  private lastByte = 0;

  push(chunk: Buffer): void {
    if (chunk.length) this.lastByte = chunk[chunk.length - 1]!;
    this.splitter.push(chunk);
  }

  end(): void {
    if (this.lastByte !== 0 && this.lastByte !== 0x0a) throw logError('the output is cut short');
    this.splitter.end();
    if (this.header) throw logError('a commit header is cut short');
    if (this.entry) throw logError('a raw entry has no path');
    this.flush();
  }

  private flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = undefined;
  }

  private token(raw: Buffer): void {
    if (this.entry) {
      // The token after a raw meta is always its path (any bytes).
      const e = this.entry;
      this.entry = undefined;
      this.addEntry(e, raw.toString('utf8'));
      return;
    }
    if (this.header) {
      this.header.push(raw.toString('utf8'));
      if (this.header.length === 6) this.startCommit(this.header);
      return;
    }
    let t = raw;
    while (t.length && t[0] === 0x0a) t = t.subarray(1);
    if (t.length === 0) return;
    if (t[0] === COMMIT_MARK) {
      this.flush();
      this.header = [t.subarray(1).toString('utf8')];
      return;
    }
    if (t[0] !== 0x3a) throw logError('a line that is neither a commit header nor a raw entry');
    if (!this.current) throw logError('a raw entry before any commit');
    const entry = parseRawMeta(t.toString('latin1'));
    if (!entry) throw logError('a malformed raw entry');
    this.entry = entry;
  }

  private startCommit(h: string[]): void {
    this.header = undefined;
    const [sha = '', parents = '', author = '', email = '', date = '', time = '0'] = h;
    const parentList = parents ? parents.split(' ') : [];
    if (!SHA.test(sha) || !parentList.every((p) => SHA.test(p)) || !/^\d+$/.test(time)) throw logError('a malformed commit header');
    this.current = {
      info: { commit: sha, author, email, date },
      parents: parentList,
      time: Number(time),
      blobs: [],
      skipped: [],
    };
  }

  private addEntry(e: RawEntry, path: string): void {
    const c = this.current;
    if (!c || !e.newBlob || allZeros(e.newBlob, 0, e.newBlob.length)) return; // deleted at this commit
    if (e.newMode === '160000') c.skipped.push({ path, reason: SKIP_SUBMODULE });
    else if (e.newMode === '120000') c.skipped.push({ path, reason: SKIP_SYMLINK_BLOB });
    else c.blobs.push({ blob: e.newBlob, path, parentBlobs: e.parentBlobs });
  }
}

/**
 * Streams the commits selected by `revArgs` and/or `stdinRevs` (`<tip>` / `^<excluded>` lines),
 * newest first, each with the blobs it introduces. Paths are relative to the directory git runs in
 * (`--relative`), and only that directory's files are listed. `tap` sees git's bytes as they come.
 */
export async function logCommits(
  cwd: string,
  revArgs: readonly string[],
  onCommit: (c: LoggedCommit) => void,
  stdinRevs?: readonly string[],
  tap?: (chunk: Buffer) => void,
): Promise<void> {
  const parser = new RawLogParser(onCommit);
  const args = ['log', '--raw', '-z', '-c', '--root', '--no-renames', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--relative', FORMAT];
  args.push(...revArgs);
  const useStdin = stdinRevs !== undefined && stdinRevs.length > 0;
  if (useStdin) args.push('--stdin');
  await streamGit(cwd, [...args, '--'], (chunk) => {
    tap?.(chunk);
    parser.push(chunk);
  }, useStdin ? `${stdinRevs.join('\n')}\n` : undefined, { tuning: GIT_MEMORY_LISTING });
  parser.end();
}
