/**
 * What `scan` and `baseline` share: the scan root from PATH, the scan mode from --history /
 * --range / --staged (mutually exclusive), and running the matching scan (the config: gate-settings.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KeylessConfig } from '../config/types.js';
import type { Confidence } from '../detect/types.js';
import type { ScanOptions, ScanOutcome, Shard } from '../pipeline/scan-types.js';
import { flag, stringOption, type ParsedCommand } from './args.js';
import { KeylessError, UsageError } from './errors.js';
import type { CliIO } from './io.js';

export type ScanMode =
  | { readonly kind: 'tree' }
  | { readonly kind: 'history' }
  | { readonly kind: 'range'; readonly range: string }
  | { readonly kind: 'staged' };

export function scanModeOf(p: ParsedCommand, command: string): ScanMode {
  const range = stringOption(p, 'range');
  const chosen = [flag(p, 'history') && '--history', range !== undefined && '--range', flag(p, 'staged') && '--staged'].filter(
    (x): x is string => typeof x === 'string',
  );
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} cannot be combined`, command);
  if (range !== undefined) {
    if (!range.includes('..') || /\s/.test(range)) throw new UsageError(`--range needs A..B (got '${range}')`, command);
    return { kind: 'range', range };
  }
  if (flag(p, 'history')) return { kind: 'history' };
  if (flag(p, 'staged')) return { kind: 'staged' };
  // --no-cache is accepted and ignored outside --history, so one command line fits every mode.
  return { kind: 'tree' };
}

/** The absolute scan root from the PATH argument; a missing path is an error. */
export function scanRoot(pathArg: string | undefined, io: CliIO): string {
  const root = resolve(io.cwd, pathArg ?? '.');
  if (!existsSync(root)) throw new KeylessError(`path not found: ${pathArg ?? '.'}`);
  return root;
}

/** The config with --no-posture (posture rules off) applied. */
export function withPostureFlag(config: KeylessConfig, p: ParsedCommand): KeylessConfig {
  return flag(p, 'no-posture') ? { ...config, posture: false } : config;
}

/** The config with --confidence LEVEL (validated: one-line usage error) over its minConfidence. */
export function withConfidence(config: KeylessConfig, p: ParsedCommand, command: string): KeylessConfig {
  const confidence = stringOption(p, 'confidence');
  if (confidence === undefined) return config;
  if (!CONFIDENCES.includes(confidence)) {
    throw new UsageError(`--confidence must be one of ${CONFIDENCES.join(', ')} (got '${confidence}')`, command);
  }
  return { ...config, minConfidence: confidence as Confidence };
}

const CONFIDENCES: readonly string[] = ['low', 'medium', 'high'];

/**
 * A full-history scan runs in a node with HISTORY_NODE_FLAGS (see relaunch.ts). When this process
 * lacks them, can run the command again (the CLI), and no history cache will shorten the scan, it
 * does so and returns that run's exit code; otherwise undefined (scan here). A re-scan with a cache
 * is short, and the relaunch would cost it a third; so is the scan of a small repository (fewer
 * than RELAUNCH_MIN_OBJECTS objects).
 */
export async function relaunchForFullHistory(
  mode: ScanMode,
  root: string,
  cache: boolean,
  io: CliIO,
  shard?: Shard,
  minObjects = RELAUNCH_MIN_OBJECTS,
): Promise<number | undefined> {
  if (mode.kind !== 'history' || !io.relaunch) return undefined;
  const { HISTORY_NODE_FLAGS, missingNodeFlags } = await import('./relaunch.js');
  const flags = missingNodeFlags(HISTORY_NODE_FLAGS, process.execArgv);
  if (flags.length === 0) return undefined;
  if (cache && (await hasHistoryCache(root, shard))) return undefined;
  if (minObjects > 0 && (await isSmallRepository(root, minObjects))) return undefined;
  return io.relaunch(flags);
}

/**
 * Below this many objects a history scan takes a second or two, and the relaunch (0.2-0.3 s: a
 * second node start and module load) costs more than the flags save (about a tenth of the scan).
 */
export const RELAUNCH_MIN_OBJECTS = 10_000;

/** Does the repository at `root` hold fewer than `minObjects` objects? */
async function isSmallRepository(root: string, minObjects: number): Promise<boolean> {
  const { objectCount } = await import('../sources/git/object-count.js');
  const n = await objectCount(root);
  return n !== undefined && n < minObjects;
}

/** Is there a history cache for the repository at `root`? (Not a repository: the scan says so, here.) */
async function hasHistoryCache(root: string, shard: Shard | undefined): Promise<boolean> {
  const [{ openRepo }, { cacheFile }, { cacheRoot }] = await Promise.all([
    import('../sources/git/git-repo.js'),
    import('../sources/history/history-cache.js'),
    import('../sources/history/cache-dir.js'),
  ]);
  try {
    return existsSync(cacheFile(cacheRoot(), (await openRepo(root)).gitDir, shard));
  } catch {
    return true;
  }
}

/** Runs the scan; each source is imported only when used (start-up time matters for hooks). */
export async function runScan(mode: ScanMode, options: ScanOptions): Promise<ScanOutcome> {
  if (mode.kind === 'tree') return (await import('../scan/tree-scan.js')).scanWorkingTree(options);
  const git = await import('../scan/git-scans.js');
  switch (mode.kind) {
    case 'history':
      return git.scanHistory(options);
    case 'range':
      return git.scanRange(options, mode.range);
    case 'staged':
      return git.scanStaged(options);
  }
}
