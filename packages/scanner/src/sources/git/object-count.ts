/**
 * How many objects a repository holds (`git count-objects -v`: loose plus packed, reachable or
 * not), read from the pack indexes without walking any history: a few milliseconds at any size.
 * A size estimate, taken before anything else (cli/run-scan.ts: whether a history scan is worth a
 * relaunch in a node with other flags).
 */
import { gitText } from './git-process.js';

/** The object count, or undefined when git cannot say (not a repository: the scan reports it). */
export async function objectCount(cwd: string): Promise<number | undefined> {
  try {
    const fields = new Map((await gitText(cwd, ['count-objects', '-v'])).split('\n').map((l) => l.split(': ') as [string, string]));
    const loose = Number(fields.get('count'));
    const packed = Number(fields.get('in-pack'));
    return Number.isSafeInteger(loose) && Number.isSafeInteger(packed) ? loose + packed : undefined;
  } catch {
    return undefined;
  }
}
