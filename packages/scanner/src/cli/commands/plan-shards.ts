/**
 * `keyless plan-shards N [PATH] --out DIR`: lists the history once, plans its split into N shards
 * and writes each shard's listing into DIR, for `keyless scan --history --shard I/N --plan DIR`
 * (sources/history/shard-listing.ts). Exit 0, or 2 on any error (no partial listing is left under
 * a shard's name).
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { flag, parseCommand, stringOption } from '../args.js';
import { debugLine } from '../debug.js';
import { EXIT_CLEAN, KeylessError, UsageError } from '../errors.js';
import { configFromOption, loadGateConfig, settingsSource } from '../gate-settings.js';
import type { CliIO } from '../io.js';
import { PATH_FLAG_OPTIONS, withPathFlags } from '../path-flags.js';
import { scanRoot, type ScanMode } from '../run-scan.js';
import { MAX_SHARDS } from '../shard-option.js';

const OPTIONS = {
  out: { type: 'string' },
  config: { type: 'string' },
  'config-from': { type: 'string' },
  ...PATH_FLAG_OPTIONS,
} as const;

/** N of `plan-shards N`: 2 to MAX_SHARDS. */
function shardCount(value: string | undefined): number {
  if (value === undefined) throw new UsageError('plan-shards needs the number of shards N', 'plan-shards');
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 2 && n <= MAX_SHARDS)) throw new UsageError(`N must be a number from 2 to ${MAX_SHARDS} (got '${value}')`, 'plan-shards');
  return n;
}

/** The output directory, made if missing; an existing file there is an error. */
function outDir(value: string | undefined, io: CliIO): string {
  if (value === undefined) throw new UsageError('plan-shards needs --out DIR (where the shard listings are written)', 'plan-shards');
  const dir = resolve(io.cwd, value);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new KeylessError(`cannot make ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!statSync(dir).isDirectory()) throw new KeylessError(`cannot write into ${value}: not a directory`);
  return dir;
}

export async function planShardsCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('plan-shards', args, OPTIONS, 2);
  if (flag(p, 'help')) {
    io.stdout.write((await import('../help.js')).PLAN_SHARDS_HELP);
    return EXIT_CLEAN;
  }
  const count = shardCount(p.positionals[0]);
  const mode: ScanMode = { kind: 'history' };
  const configFrom = configFromOption(p, mode, 'plan-shards');
  const root = scanRoot(p.positionals[1], io);
  const dir = outDir(stringOption(p, 'out'), io);
  // The same config as the shards' scans: it decides which paths are scanned, so which are split.
  const source = await settingsSource(configFrom, mode, root);
  const config = withPathFlags((await loadGateConfig(source, root, p, io)).config, p, 'plan-shards');
  const started = performance.now();
  const { planShards } = await import('../../sources/history/git-history.js');
  const plan = await planShards({ root, config }, count, dir);
  if (flag(p, 'debug')) debugLine(io, `split: ${plan.split.placed.size} paths placed by weight, hash slots ${plan.split.slots.join('/')}`);
  if (!flag(p, 'quiet')) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stderr.write(`keyless: planned ${count} shards of ${plan.commits} commits and ${plan.versions} path versions in ${seconds} s; listings in ${stringOption(p, 'out')}\n`);
  }
  return EXIT_CLEAN;
}
