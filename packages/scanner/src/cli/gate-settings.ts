/**
 * Where the gate's own settings come from: the config (`keyless.config.json` or --config FILE)
 * and the --baseline file. A pull request must not configure the gate that judges it, so a range
 * scan reads them from the range's BASE commit by default (`--config-from base`), not from the
 * working tree the pull request checked out. `head` reads them from the last commit of the range
 * (or HEAD outside ranges); `worktree` from the files on disk (the default outside ranges).
 *
 * Only files inside the repository's work tree are read from a commit. A --config or --baseline
 * path outside it (say `/etc/keyless/ci.json`) belongs to whoever runs the gate and is read as
 * given. A file that BASE lacks: the default config means defaults (the pull request cannot add
 * one); a --config FILE or --baseline FILE named explicitly but missing at BASE is an error for a
 * config (exit 2) and an empty baseline (with a warning) for a baseline.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { DEFAULT_CONFIG_FILE, loadConfig, loadConfigText, type LoadedConfig } from '../config/load-config.js';
import { BaselineError, parseBaseline, readBaselineFile, type BaselineEntry } from '../filters/baseline.js';
import { stringOption, type ParsedCommand } from './args.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { ScanMode } from './run-scan.js';
import type { GitRepo } from '../sources/git/git-repo.js';

export const CONFIG_FROM = ['base', 'head', 'worktree'] as const;
export type ConfigFrom = (typeof CONFIG_FROM)[number];

/** The settings' source: the work tree, or a commit (with the repository facts to read it). */
export type SettingsSource =
  /** `topLevel`/`prefix` are known in range scans (to name the gate files a range may change). */
  | { readonly kind: 'worktree'; readonly topLevel?: string; readonly prefix?: string; readonly repo?: GitRepo }
  | {
      readonly kind: 'commit';
      /** The repository facts asked of git here, reused by the scan (one git call less). */
      readonly repo: GitRepo;
      readonly from: 'base' | 'head';
      readonly commit: string;
      readonly cwd: string;
      /** Absolute work tree root ('' for a bare repository: nothing is inside it). */
      readonly topLevel: string;
      /** The scan root's path in the work tree, '' or ending in '/'. */
      readonly prefix: string;
      /** Range scans: the range's BASE and HEAD commits (resolved once, reused by the scan). */
      readonly rangeEnds?: { readonly base: string; readonly head: string };
    };

/** --config-from, checked against the scan mode (base needs a range). */
export function configFromOption(p: ParsedCommand, mode: ScanMode, command: string): ConfigFrom {
  const value = stringOption(p, 'config-from');
  if (value === undefined) return mode.kind === 'range' ? 'base' : 'worktree';
  if (!(CONFIG_FROM as readonly string[]).includes(value)) {
    throw new UsageError(`--config-from must be one of ${CONFIG_FROM.join(', ')} (got '${value}')`, command);
  }
  if (value === 'base' && mode.kind !== 'range') throw new UsageError('--config-from base needs --range A..B', command);
  return value as ConfigFrom;
}

/** Resolves the source: for a commit, which one (BASE or HEAD of the range, else HEAD). */
export async function settingsSource(from: ConfigFrom, mode: ScanMode, root: string): Promise<SettingsSource> {
  if (from === 'worktree' && mode.kind !== 'range') return { kind: 'worktree' };
  const [{ openRepo }, { rangeEnds }, { commitOf }] = await Promise.all([
    import('../sources/git/git-repo.js'),
    import('../sources/git/range-ends.js'),
    import('../sources/git/file-at-commit.js'),
  ]);
  const repo = await openRepo(root);
  if (from === 'worktree') return { kind: 'worktree', topLevel: repo.topLevel, prefix: repo.prefix, repo };
  const source = { kind: 'commit', from, cwd: repo.cwd, topLevel: repo.topLevel, prefix: repo.prefix, repo } as const;
  if (mode.kind !== 'range') return { ...source, commit: await commitOf(repo.cwd, 'HEAD') };
  const ends = await rangeEnds(repo.cwd, mode.range);
  return { ...source, commit: ends[from], rangeEnds: ends };
}

/** Real path of `abs`, resolving the longest existing ancestor (the file itself may not exist). */
function realPathOf(abs: string): string {
  let dir = abs;
  const rest: string[] = [];
  while (!existsSync(dir)) {
    const parent = dirname(dir);
    if (parent === dir) return abs;
    rest.unshift(basename(dir));
    dir = parent;
  }
  try {
    return join(realpathSync(dir), ...rest);
  } catch {
    return abs;
  }
}

/** `abs`'s path in the work tree (forward slashes), or undefined when it lies outside. */
export function workTreePath(abs: string, topLevel: string): string | undefined {
  if (!topLevel) return undefined;
  const rel = relative(realPathOf(topLevel), realPathOf(abs));
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** How a commit's file is named in messages: `1a2b3c4d5e6f:path` (base/head). */
function atCommit(source: Extract<SettingsSource, { kind: 'commit' }>, path: string): string {
  return `${source.commit.slice(0, 12)}:${path}`;
}

export interface GateConfig extends LoadedConfig {
  /** The file as named in messages (`--debug`), or undefined when none was used. */
  readonly shownAs?: string;
  /** Its path relative to the top level of the work tree, when it is (or would be) there. */
  readonly repoPath?: string;
}

/** Loads the config from the source. */
export async function loadGateConfig(source: SettingsSource, root: string, p: ParsedCommand, io: CliIO): Promise<GateConfig> {
  const configFile = stringOption(p, 'config');
  const topLevel = source.topLevel ?? '';
  const repoPath =
    configFile !== undefined
      ? workTreePath(resolve(io.cwd, configFile), topLevel)
      : topLevel || source.kind === 'commit'
        ? `${source.prefix ?? ''}${DEFAULT_CONFIG_FILE}`
        : undefined;
  if (source.kind === 'worktree') {
    const loaded = loadConfig({ root, cwd: io.cwd, ...(configFile !== undefined ? { configFile } : {}) });
    return { ...loaded, ...(loaded.file !== undefined ? { shownAs: loaded.file } : {}), ...(repoPath !== undefined ? { repoPath } : {}) };
  }
  if (repoPath === undefined) {
    // Outside the repository: the gate owner's file, read as given.
    const loaded = loadConfig({ root, cwd: io.cwd, ...(configFile !== undefined ? { configFile } : {}) });
    return { ...loaded, ...(loaded.file !== undefined ? { shownAs: loaded.file } : {}) };
  }
  const { readFileAtCommit } = await import('../sources/git/file-at-commit.js');
  const name = atCommit(source, repoPath);
  const found = await readFileAtCommit(source.cwd, source.commit, repoPath);
  if (found.kind === 'absent') {
    if (configFile === undefined) return { config: {}, repoPath };
    throw new ConfigError(`config file not found at ${source.from}: ${name} (--config-from ${source.from} reads it from that commit)`);
  }
  if (found.kind === 'not-a-file') throw new ConfigError(`config ${name} is not a regular file at ${source.from} (mode ${found.mode})`);
  return { config: loadConfigText(found.bytes.toString('utf8'), name), shownAs: name, repoPath };
}

export interface GateBaseline {
  readonly entries: BaselineEntry[];
  /** Absolute path on disk when read from the work tree (only then can --prune rewrite it). */
  readonly diskPath?: string;
  readonly repoPath?: string;
  /** A one-line warning for the summary (baseline missing at BASE). */
  readonly warning?: string;
}

/** Reads --baseline FILE from the source. */
export async function loadGateBaseline(source: SettingsSource, file: string, io: CliIO): Promise<GateBaseline> {
  const abs = resolve(io.cwd, file);
  const repoPath = workTreePath(abs, source.topLevel ?? '');
  if (source.kind === 'worktree' || repoPath === undefined) {
    return { entries: readBaselineFile(abs, file), diskPath: abs, ...(repoPath !== undefined ? { repoPath } : {}) };
  }
  const { readFileAtCommit } = await import('../sources/git/file-at-commit.js');
  const name = atCommit(source, repoPath);
  const found = await readFileAtCommit(source.cwd, source.commit, repoPath);
  if (found.kind === 'absent') {
    return { entries: [], repoPath, warning: `baseline ${file} does not exist at ${source.from} (${name}); no finding is baselined` };
  }
  if (found.kind === 'not-a-file') throw new BaselineError(`baseline ${name} is not a regular file at ${source.from} (mode ${found.mode})`);
  return { entries: parseBaseline(found.bytes.toString('utf8'), name), repoPath };
}
