/**
 * The keyless.config.json that a CI scan of the linted file's repository reads: the file at the root
 * of the file's git repository (the nearest directory upwards with a `.git` entry; no git process),
 * loaded with the CLI's own loader (`@keyless/scanner/config`). Cached per directory (its root) and
 * per root (its config, re-read when the file's modification time or size changes), so the editor
 * follows edits of the config without paying for them on every file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Engine } from '@keyless/scanner/detectors';
import {
  buildEngine,
  ConfigError,
  createScanContext,
  type ScanContext,
  DEFAULT_CONFIG_FILE,
  findingFilter,
  isIgnoredInline,
  loadConfig,
  pathFilter,
} from '@keyless/scanner/config';
import { sharedEngine } from './engine.js';

/** What the project's configuration says about one linted file. */
export interface FileConfig {
  /** The engine to scan with: built-in detectors under the config's rule settings, plus custom ones. */
  readonly engine: Engine;
  /** False when the config excludes the file (exclude, allowlisted paths, include). */
  readonly wanted: boolean;
  /** Is a finding of `ruleId` with this secret kept (not allowlisted by value or fingerprint)? */
  keeps(ruleId: string, secret: string): boolean;
  /** The config file's one-line problem, when it is invalid (nothing is then filtered). */
  readonly error?: string;
  /** The CLI's scan context under this config (for whole-file scans of config files). */
  readonly scanContext: () => ScanContext;
  /** The file's path as the CLI names it: relative to the repository root, forward slashes. */
  readonly path: string;
}

interface RootConfig {
  readonly stamp: string;
  readonly scanContext: () => ScanContext;
  readonly engine: Engine;
  readonly wantsPath: (path: string) => boolean;
  readonly keeps: (ruleId: string, path: string, secret: string) => boolean;
  readonly error?: string;
}

const rootOfDir = new Map<string, string | null>();
const configOfRoot = new Map<string, RootConfig>();

/** The nearest directory at or above `dir` holding `.git` (a directory or a worktree's file). */
function repositoryRoot(dir: string): string | null {
  const cached = rootOfDir.get(dir);
  if (cached !== undefined) return cached;
  let root: string | null;
  if (existsSync(join(dir, '.git'))) root = dir;
  else {
    const parent = dirname(dir);
    root = parent === dir ? null : repositoryRoot(parent);
  }
  rootOfDir.set(dir, root);
  return root;
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const defaultScanContext = lazy(() => createScanContext({}));

function defaults(path: string): FileConfig {
  return { engine: sharedEngine(), wanted: true, keeps: () => true, scanContext: defaultScanContext, path };
}

function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'none';
  }
}

function loadRoot(root: string, stamp: string): RootConfig {
  const none = { stamp, engine: sharedEngine(), wantsPath: () => true, keeps: () => true, scanContext: defaultScanContext };
  if (stamp === 'none') return none;
  try {
    const { config } = loadConfig({ root, cwd: root });
    return {
      stamp,
      engine: buildEngine(config),
      wantsPath: pathFilter(config),
      keeps: findingFilter(config),
      scanContext: lazy(() => createScanContext(config)),
    };
  } catch (err) {
    const message = err instanceof ConfigError ? err.message : `cannot load ${DEFAULT_CONFIG_FILE}: ${String(err)}`;
    return { ...none, error: message };
  }
}

/** The configuration that applies to `filename` (an absolute path; anything else gets the defaults). */
export function configForFile(filename: string): FileConfig {
  if (!filename || filename.startsWith('<') || !filename.includes(sep)) return defaults(basename(filename || 'file'));
  const root = repositoryRoot(dirname(filename));
  if (!root) return defaults(basename(filename));
  const stamp = stampOf(join(root, DEFAULT_CONFIG_FILE));
  let rc = configOfRoot.get(root);
  if (!rc || rc.stamp !== stamp) {
    rc = loadRoot(root, stamp);
    configOfRoot.set(root, rc);
  }
  const path = relative(root, filename).split(sep).join('/');
  if (stamp === 'none') return defaults(path);
  const keeps = rc.keeps;
  return {
    engine: rc.engine,
    wanted: rc.wantsPath(path),
    keeps: (ruleId, secret) => keeps(ruleId, path, secret),
    scanContext: rc.scanContext,
    path,
    ...(rc.error !== undefined ? { error: rc.error } : {}),
  };
}

/** Is a finding of `ruleId` on 1-based `line` ignored by a `keyless-ignore` comment (as in the CLI)? */
export function ignoredInline(lines: readonly string[], line: number, ruleId: string): boolean {
  return isIgnoredInline(lines[line - 1] ?? '', line > 1 ? lines[line - 2] : undefined, ruleId);
}
