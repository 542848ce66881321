/**
 * Clones or updates a repository for `keyless scan-repos`, with simple-git, through the safe git
 * settings and environment (git-safe.ts: no repository-configured program runs; transport only
 * over https, ssh and local paths).
 *
 * A full mirror (`git clone --mirror`: every ref, every object), not a partial clone: a history
 * scan reads every version of every file, and with `--filter=blob:none` each of those blobs would
 * be missing. keyless never fetches lazily (protocol.allow=never, GIT_NO_LAZY_FETCH in every scan),
 * so the scan would fail closed on them; and fetching them lazily would cost one round trip per
 * batch of blobs instead of one pack. An existing mirror is updated with `git fetch --prune`.
 *
 * simple-git refuses, by default, `-c` settings and environment variables that can name programs
 * (core.askPass, core.fsmonitor, core.hooksPath, core.pager, core.sshCommand, diff.external,
 * gpg.program, protocol.allow, GIT_PAGER, PAGER): keyless sets exactly those, to values that run no
 * program, so it allows them; the values are fixed in git-safe.ts, never taken from input. Config
 * paths (GIT_CONFIG_GLOBAL, ...) are the user's own and passed through.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { safeFetchConfig, safeFetchEnv } from './git-safe.js';

/** A clone or fetch that makes no progress for this long is stopped. */
const BLOCK_TIMEOUT_MS = 10 * 60 * 1000;

function gitIn(dir: string): SimpleGit {
  return simpleGit({
    baseDir: dir,
    config: safeFetchConfig(),
    timeout: { block: BLOCK_TIMEOUT_MS },
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeHooksPath: true,
      allowUnsafePager: true,
      allowUnsafeSshCommand: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeGpgProgram: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeConfigPaths: true,
    },
  }).env(safeFetchEnv() as Record<string, string>);
}

/** The first line of a git failure, without simple-git's wrapping. */
export function gitFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? 'git failed';
}

/**
 * A mirror of `source` (a clone URL or an absolute local path) at `dir`: cloned when `dir` does not
 * exist, else fetched. Throws an Error whose message is git's first error line.
 */
export async function mirrorRepository(source: string, dir: string): Promise<'cloned' | 'fetched'> {
  if (source.startsWith('-')) throw new Error(`not a repository location: '${source}'`);
  if (existsSync(join(dir, 'HEAD'))) {
    await gitIn(dir).fetch(['--prune', '--quiet', 'origin']);
    return 'fetched';
  }
  await mkdir(dirname(dir), { recursive: true });
  await gitIn(dirname(dir)).clone(source, dir, ['--mirror', '--quiet']);
  return 'cloned';
}
