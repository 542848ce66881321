/**
 * A full-history scan goes faster, and in less memory, in a node started with other V8 flags. The
 * CLI then runs itself again in a node with those flags (0.2-0.3 s, on a scan of many seconds); not
 * when a history cache will make the scan short (run-scan.ts: relaunchForFullHistory).
 *
 * A full-history scan keeps both cores busy with git and its scanning threads; V8's background GC
 * and compiler threads then only compete with them for the cores. With them off
 * (`--single-threaded`), typescript-eslint's history scanned 12% faster with 12% less CPU
 * (3 alternating rounds: 30.8/27.1/26.1 s against 27.3/23.1/23.1 s). The main thread, idle while
 * its workers scan, keeps the heap it grew while listing the history: a smaller young generation
 * (`--max-semi-space-size=4`, MB) lowered the peak RSS from 308 to 291 MB at the same speed, and
 * collecting the listing's garbage before the scan starts (`--expose-gc`, used by git-history.ts
 * when present) to 266-267 MB. With gc exposed, each lane also collects its young generation every
 * 8 MB read from git (path-lane.ts), which holds the read chunks down: 242-259 MB, from 279-305.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Node flags for a full-history scan (also what the history bench runs its cold scans with). */
export const HISTORY_NODE_FLAGS: readonly string[] = ['--single-threaded', '--max-semi-space-size=4', '--expose-gc'];

/** The flags of `wanted` that `execArgv` (a process's node flags) lacks. */
export function missingNodeFlags(wanted: readonly string[], execArgv: readonly string[]): string[] {
  return wanted.filter((f) => !execArgv.includes(f));
}

/**
 * Runs `script args` in a new node with `flags` added, stdio shared, and resolves with its exit
 * code (128 + n when killed by signal n). Interrupts and terminations are passed on to it.
 */
export function relaunch(script: string, args: readonly string[], flags: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...flags, script, ...args], { stdio: 'inherit' });
    const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of forwarded) process.on(s, forward);
    child.on('error', (e) => reject(new Error(`node could not be started again (${e.message})`)));
    child.on('exit', (code, signal) => {
      for (const s of forwarded) process.off(s, forward);
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
