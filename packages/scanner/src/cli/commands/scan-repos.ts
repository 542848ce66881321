/**
 * `keyless scan-repos LIST`: mirrors each listed repository into a work dir (clone, or fetch when
 * already there: sources/git/git-mirror.ts), scans its history with the incremental cache in a
 * `keyless scan --history` process of its own, at most --jobs at once, and writes one merged report
 * with the repository in each finding. A repository that cannot be cloned or scanned is reported
 * (a stderr line, and `notScanned` in the report) and the others go on; it makes the exit code 2
 * unless --allow-unscanned, as files that could not be scanned do for `keyless scan`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeReports, readReport, renderMergedJson, renderMergedSarif, renderMergedText, type NotScanned, type ReadReport } from '../../report/merge/index.js';
import { escapeTerminal } from '../../report/terminal-escape.js';
import { cacheRoot } from '../../sources/history/cache-dir.js';
import { gitFailure, mirrorRepository } from '../../sources/git/git-mirror.js';
import { headCommit, openRepo } from '../../sources/git/git-repo.js';
import { flag, parseCommand, stringOption } from '../args.js';
import { EXIT_CLEAN, KeylessError, UsageError } from '../errors.js';
import { EXIT_POLICY_OPTIONS, exitPolicyOf } from '../exit-policy.js';
import { SCAN_REPOS_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { mergedExitCode } from '../merged-exit.js';
import { outputPath, writeOutput } from '../output.js';
import { parseRepoList, type RepoEntry } from '../repo-list.js';

const OPTIONS = {
  workdir: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string' },
  confidence: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'allow-unscanned': { type: 'boolean' },
} as const;

const FORMATS = ['json', 'sarif', 'text'] as const;
const MAX_JOBS = 64;
/** The CLI itself, run once per repository. */
const BIN = fileURLToPath(new URL('../../../../bin/keyless.js', import.meta.url));

/** `<name>-<hash>.git`: readable, and distinct for distinct sources. */
function mirrorDirName(entry: RepoEntry): string {
  const base = basename(entry.name.replace(/[/\\]+$/, '')).replace(/\.git$/, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'repo';
  return `${base}-${createHash('sha256').update(entry.name).digest('hex').slice(0, 12)}.git`;
}

function jobsOf(value: string | undefined): number {
  if (value === undefined) return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) throw new UsageError(`--jobs must be a number from 1 to ${MAX_JOBS} (got '${value}')`, 'scan-repos');
  return n;
}

interface ChildResult {
  readonly code: number | null;
  readonly stderr: string;
}

function runScan(args: readonly string[]): Promise<ChildResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (e) => done({ code: null, stderr: `keyless: ${e.message}` }));
    child.on('close', (code) => done({ code, stderr }));
  });
}

async function hasHead(dir: string): Promise<boolean> {
  try {
    return (await headCommit(await openRepo(dir))) !== undefined;
  } catch {
    return false;
  }
}

/** Runs `task` on every item, at most `jobs` at once. */
async function pool<T>(items: readonly T[], jobs: number, task: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
}

export async function scanReposCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('scan-repos', args, { ...OPTIONS, ...EXIT_POLICY_OPTIONS }, 1);
  if (flag(p, 'help')) {
    io.stdout.write(SCAN_REPOS_HELP);
    return EXIT_CLEAN;
  }
  const policy = exitPolicyOf(p, 'scan-repos');
  const format = stringOption(p, 'format') ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`, 'scan-repos');
  const jobs = jobsOf(stringOption(p, 'jobs'));
  const listArg = p.positionals[0];
  if (listArg === undefined) throw new UsageError('scan-repos needs a LIST file (one clone URL or path per line)', 'scan-repos');
  const listFile = resolve(io.cwd, listArg);
  let text: string;
  try {
    text = readFileSync(listFile, 'utf8');
  } catch (err) {
    throw new KeylessError(`cannot read ${listArg} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const entries = parseRepoList(text, listArg, dirname(listFile));
  const workdir = resolve(io.cwd, stringOption(p, 'workdir') ?? join(cacheRoot(io.env), 'repos'));
  if (existsSync(workdir) && !statSync(workdir).isDirectory()) throw new KeylessError(`--workdir ${workdir} is not a directory`);
  const outFile = stringOption(p, 'output');
  const output = outFile !== undefined ? outputPath(outFile, io) : undefined;
  const config = stringOption(p, 'config');
  const confidence = stringOption(p, 'confidence');
  const quiet = flag(p, 'quiet');
  const reportFormat = format === 'sarif' ? 'sarif' : 'json';
  const scanArgs = [
    ...(config !== undefined ? ['--config', resolve(io.cwd, config)] : []),
    ...(confidence !== undefined ? ['--confidence', confidence] : []),
    ...(flag(p, 'no-cache') ? ['--no-cache'] : []),
  ];

  await mkdir(workdir, { recursive: true });
  const reportsDir = await mkdtemp(join(workdir, '.reports-'));
  const reports: (ReadReport | undefined)[] = [];
  const failed: (NotScanned | undefined)[] = [];
  let done = 0;
  try {
    await pool(entries, jobs, async (entry, i) => {
      const dir = join(workdir, mirrorDirName(entry));
      const report = join(reportsDir, `${i}.${reportFormat}`);
      const fail = (error: string) => {
        failed[i] = { repository: entry.name, error };
        io.stderr.write(`keyless: not scanned: ${escapeTerminal(entry.name)}: ${escapeTerminal(error)}\n`);
      };
      let how: string;
      try {
        how = await mirrorRepository(entry.source, dir);
      } catch (err) {
        return fail(gitFailure(err).replace(entry.source, entry.name));
      }
      // A mirror has no work tree: each repository's own keyless.config.json is read from its HEAD
      // (an empty repository has none: defaults).
      const ownConfig = config === undefined && (await hasHead(dir)) ? ['--config-from', 'head'] : [];
      const r = await runScan(['scan', '--history', dir, '--format', reportFormat, '--output', report, '--quiet', '--allow-unscanned', ...ownConfig, ...scanArgs]);
      if (r.code !== 0 && r.code !== 1) {
        const line = r.stderr.split('\n').find((l) => l.startsWith('keyless: ')) ?? `keyless scan exited ${r.code ?? 'on a signal'}`;
        return fail(line.replace(/^keyless: /, ''));
      }
      try {
        reports[i] = readReport(entry.name, readFileSync(report, 'utf8'));
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
      done++;
      if (!quiet) {
        const n = reports[i]!.entries.filter((e) => e.suppressed === '').length;
        io.stderr.write(`keyless: [${done}/${entries.length}] ${escapeTerminal(entry.name)}: ${how}, ${n} ${n === 1 ? 'finding' : 'findings'}\n`);
      }
    });
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
  const read = reports.filter((r): r is ReadReport => r !== undefined);
  const notScanned = failed.filter((f): f is NotScanned => f !== undefined);
  const merged = mergeReports(read, { notScanned, nameRepositories: true });
  const render = format === 'json' ? renderMergedJson : format === 'sarif' ? renderMergedSarif : renderMergedText;
  writeOutput(render(merged), output, io);
  if (!quiet) {
    const active = merged.entries.filter((e) => e.suppressed === '').length;
    io.stderr.write(`keyless: scanned ${read.length} of ${entries.length} repositories; ${active} ${active === 1 ? 'finding' : 'findings'}\n`);
  }
  return mergedExitCode(merged, io, policy, flag(p, 'allow-unscanned'));
}
