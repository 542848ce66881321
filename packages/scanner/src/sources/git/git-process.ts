/**
 * Running git: small commands whose output is read whole, and long-running ones whose stdout is
 * consumed as a stream (never buffered whole). Errors become one-line messages. Every call gets the
 * safe arguments and environment of git-safe.ts (no configured program ever runs).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { safeGitArgs, safeGitEnv, type SafeGitOptions } from './git-safe.js';

/** First meaningful line of git's stderr, for one-line error messages. */
export function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? '').replace(/^(fatal|error): /, '');
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Git printed something a parser does not understand (a format change, a corrupt stream, output
 * altered by config): the scan stops (exit 2, one line) rather than read it as "nothing found".
 */
export class GitOutputError extends GitError {
  constructor(command: string, what: string) {
    super(`unexpected output from git ${command} (${what}); nothing was reported as scanned`, null);
    this.name = 'GitOutputError';
  }
}

/** Starts `git -C cwd ...args` (made safe: see git-safe.ts) with piped stdio. */
export function spawnGit(cwd: string, args: readonly string[], options?: SafeGitOptions): ChildProcessWithoutNullStreams {
  return spawn('git', safeGitArgs(cwd, args, options), { env: safeGitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a git command to completion; stdout as a Buffer. Throws GitError with git's first stderr line. */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(`git could not be run (${e.message})`, null)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(firstLine(Buffer.concat(err).toString('utf8')) || `git ${args[0]} failed`, code));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Like runGit, trimmed UTF-8 text. */
export async function gitText(cwd: string, args: readonly string[], input?: string): Promise<string> {
  return (await runGit(cwd, args, input)).toString('utf8').trim();
}

/**
 * Streams a git command's stdout through `onChunk` (awaited, so a slow consumer applies
 * backpressure to git). Resolves when git exits successfully; rejects with git's first stderr line.
 */
export function streamGit(
  cwd: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void | Promise<void>,
  input?: string,
  options?: SafeGitOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, options);
    const err: Buffer[] = [];
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(e);
    };
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => fail(new GitError(`git could not be run (${e.message})`, null)));
    const consumed = (async () => {
      for await (const chunk of child.stdout) {
        if (failed) return;
        await onChunk(chunk as Buffer);
      }
    })();
    consumed.catch((e: unknown) => fail(e instanceof Error ? e : new Error(String(e))));
    child.on('close', (code) => {
      consumed.then(
        () => {
          if (failed) return;
          if (code === 0) resolve();
          else fail(new GitError(firstLine(Buffer.concat(err).toString('utf8')) || `git ${args[0]} failed`, code));
        },
        () => undefined,
      );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Splits a byte stream into NUL-terminated tokens (a trailing unterminated token is flushed at end). */
export class NulSplitter {
  private pending: Buffer | undefined;

  constructor(private readonly onToken: (token: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let start = 0;
    for (let i = buf.indexOf(0, start); i !== -1; i = buf.indexOf(0, start)) {
      this.onToken(buf.subarray(start, i));
      start = i + 1;
    }
    if (start < buf.length) this.pending = Buffer.from(buf.subarray(start));
    buf = Buffer.alloc(0);
  }

  end(): void {
    if (this.pending && this.pending.length) this.onToken(this.pending);
    this.pending = undefined;
  }
}
