/** `--shard I/N` (history scans only): which shard of a history scan split by path to run. */
import type { Shard } from '../pipeline/scan-types.js';
import { resolve } from 'node:path';
import { shardListingFile } from '../sources/history/shard.js';
import { stringOption, type OptionSpec, type ParsedCommand } from './args.js';
import { UsageError } from './errors.js';
import type { ScanMode } from './run-scan.js';

export const SHARD_OPTIONS: OptionSpec = { shard: { type: 'string' }, plan: { type: 'string' } };

/** The most shards a scan may be split into (a CI matrix has at most 256 jobs). */
export const MAX_SHARDS = 1024;

/** Parses `I/N` (1 ≤ I ≤ N ≤ MAX_SHARDS); UsageError naming the value otherwise. */
export function parseShard(value: string, command: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count)) {
    throw new UsageError(`--shard must be I/N with 1 <= I <= N <= ${MAX_SHARDS} (got '${value}')`, command);
  }
  return { index, count };
}

/** The shard of `--shard`, or undefined; only a history scan can be split. */
export function shardOf(p: ParsedCommand, mode: ScanMode, command: string): Shard | undefined {
  const value = stringOption(p, 'shard');
  if (value === undefined) return undefined;
  const shard = parseShard(value, command);
  if (mode.kind !== 'history') throw new UsageError('--shard needs --history (a history scan is split by path; other scans are not)', command);
  return shard;
}

/** The shard's listing file of `--plan DIR` (plan-shards.ts), or undefined; needs `--shard I/N`, N > 1. */
export function shardListingOf(p: ParsedCommand, shard: Shard | undefined, cwd: string, command: string): string | undefined {
  const dir = stringOption(p, 'plan');
  if (dir === undefined) return undefined;
  if (!shard || shard.count < 2) throw new UsageError('--plan needs --shard I/N with N of at least 2 (the plan of keyless plan-shards N)', command);
  return shardListingFile(resolve(cwd, dir), shard);
}
