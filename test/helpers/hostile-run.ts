/**
 * Running the keyless CLI on hostile inputs: every run has a wall-clock limit (a hang fails the test
 * instead of hanging CI), its peak memory is measured, and the exit is classified so tests can
 * assert "0/1 with a warning" or "2 with one line". Also counts what was tried, for the report.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYLESS_BIN } from './sandbox-repo.js';

const PRELOAD = fileURLToPath(new URL('./hostile-rss-preload.js', import.meta.url));

/** Upper bound for the peak RSS of one CLI run (design: memory stays bounded). */
export const MAX_RSS_KIB = 500 * 1024;

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed by the wall-clock limit. */
  readonly timedOut: boolean;
  /** Peak RSS of the CLI process in KiB (undefined if it did not exit normally). */
  readonly maxRssKib: number | undefined;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Default 60 s. */
  readonly timeoutMs?: number;
  /** Run as this uid/gid (via setpriv), e.g. to make chmod 000 effective when tests run as root. */
  readonly asUid?: number;
}

/** Tally of hostile inputs tried and how they ended, printed by the suites for the report. */
export const tally = { tried: 0, crashes: 0, hangs: 0, maxRssKib: 0 };

/** A stack trace or an uncaught error in stderr means the CLI crashed instead of reporting. */
export function looksLikeCrash(stderr: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(stderr) || /Uncaught|FATAL ERROR|heap out of memory|RangeError|TypeError|ReferenceError/.test(stderr);
}

/** `node bin/keyless.js ...args`, bounded in time, with its peak memory. */
export function runKeyless(args: readonly string[], options: RunOptions): CliRun {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rss-'));
  chmodSync(dir, 0o777); // a run as another uid must be able to write its figure
  const rssFile = join(dir, 'rss');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env, KEYLESS_TEST_RSS_FILE: rssFile };
  const nodeArgs = ['--import', PRELOAD, KEYLESS_BIN, ...args];
  const [command, argv] =
    options.asUid !== undefined
      ? ['setpriv', [`--reuid=${options.asUid}`, `--regid=${options.asUid}`, '--clear-groups', process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const t0 = performance.now();
  const r = spawnSync(command, argv, {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  let maxRssKib: number | undefined;
  try {
    maxRssKib = Number(readFileSync(rssFile, 'utf8')) || undefined;
  } catch {
    maxRssKib = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const run: CliRun = { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut, maxRssKib, ms };
  tally.tried++;
  if (timedOut) tally.hangs++;
  else if (r.status === null || r.status > 2 || looksLikeCrash(run.stderr)) tally.crashes++;
  if (maxRssKib !== undefined) tally.maxRssKib = Math.max(tally.maxRssKib, maxRssKib);
  return run;
}

/** Why a run is not an orderly keyless exit, or undefined when it is (0/1/2, bounded, no crash). */
export function disorder(run: CliRun): string | undefined {
  if (run.timedOut) return `hung (killed after ${Math.round(run.ms)} ms)`;
  if (run.status === null) return `killed by ${run.signal}`;
  if (run.status > 2) return `exit ${run.status}`;
  if (looksLikeCrash(run.stderr)) return `crashed:\n${run.stderr.slice(0, 2000)}`;
  if (run.maxRssKib === undefined) return 'peak memory was not recorded';
  if (run.maxRssKib > MAX_RSS_KIB) return `peak RSS ${Math.round(run.maxRssKib / 1024)} MiB over ${MAX_RSS_KIB / 1024} MiB`;
  return undefined;
}

/** The stderr lines, without the final summary line. */
export function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.length > 0);
}
