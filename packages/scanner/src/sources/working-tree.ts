/**
 * Lists the files of a working tree to scan: a pruned directory walk that honours `.gitignore`
 * files at every level (and `.git/info/exclude` at the root), never enters `.git` (nor, outside a
 * git repository, dependency folders: dependency-dirs.ts), and never follows symbolic links (a
 * link pointing outside the root is reported as such). Knows nothing of detectors.
 */
import { readdirSync, readFileSync, realpathSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isDependencyDir, isInGitRepository, SKIP_DEPENDENCY_DIR } from './dependency-dirs.js';

/** A file to scan: path relative to the root (forward slashes) and absolute path. */
export interface TreeFile {
  readonly path: string;
  readonly abs: string;
}

export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
}

export interface TreeListing {
  readonly files: TreeFile[];
  readonly skipped: SkippedEntry[];
  readonly warnings: string[];
}

/** Reasons for skipping, as shown in stats and summaries. */
export const SKIP_SYMLINK = 'symlink (not followed)';
export const SKIP_SYMLINK_OUTSIDE = 'symlink outside the scanned path';
export const SKIP_SPECIAL = 'not a regular file';

/** The ignore rules of one directory, matched relative to that directory. */
interface IgnoreLevel {
  /** Relative dir of the .gitignore with a trailing slash ('' at the root). */
  readonly base: string;
  readonly rules: Ignore;
}

function readIgnoreFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Git semantics: the deepest .gitignore with a matching rule decides (negations included). */
function isIgnored(levels: readonly IgnoreLevel[], path: string): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    // checkIgnore tests the path alone (no parent directories): the walk already pruned ignored parents.
    const r = level.rules.checkIgnore(path.slice(level.base.length));
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

export interface ListOptions {
  /** Absolute root. */
  readonly root: string;
  /** Config path filter (include/exclude), applied to files. */
  readonly wantsPath?: (path: string) => boolean;
  /** Skip dependency folders (node_modules, .venv...); default: when root is not in a git repository. */
  readonly skipDependencyDirs?: boolean;
}

/**
 * Walks `root` lazily, yielding the files to scan in listing order (each directory's entries sorted
 * by name, files before subdirectories) and recording what was skipped, and why, in `skipped` /
 * `warnings` as it goes. Lazy so a caller can start scanning (or start worker threads) while the
 * rest of the tree is still being listed.
 */
export function* walkWorkingTree(options: ListOptions, skipped: SkippedEntry[], warnings: string[]): Generator<TreeFile, void, undefined> {
  const { root } = options;
  const wantsPath = options.wantsPath ?? (() => true);
  const realRoot = realpathSync(root);
  const skipDependencyDirs = options.skipDependencyDirs ?? !isInGitRepository(realRoot);

  const rootLevels: IgnoreLevel[] = [];
  const exclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'));
  if (exclude) rootLevels.push({ base: '', rules: ignore().add(exclude) });

  // Synchronous on purpose: a tree walk is thousands of tiny metadata calls, which cost far more as
  // thread-pool round trips than as direct system calls.
  function* walk(dirAbs: string, dirRel: string, parentLevels: readonly IgnoreLevel[]): Generator<TreeFile, void, undefined> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      warnings.push(`${dirRel || '.'}: directory could not be read (${code}); skipped`);
      skipped.push({ path: dirRel || '.', reason: 'unreadable' });
      return;
    }
    let levels = parentLevels;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = readIgnoreFile(join(dirAbs, '.gitignore'));
      if (text) levels = [...parentLevels, { base: dirRel ? `${dirRel}/` : '', rules: ignore().add(text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: [string, string][] = [];
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = dirRel ? `${dirRel}/${e.name}` : e.name;
      const abs = dirAbs + sep + e.name; // dirAbs is already normalized: plain concatenation is enough
      if (e.isDirectory()) {
        if (isIgnored(levels, `${rel}/`)) continue;
        if (skipDependencyDirs && isDependencyDir(e.name, abs)) skipped.push({ path: rel, reason: SKIP_DEPENDENCY_DIR });
        else subdirs.push([abs, rel]);
        continue;
      }
      if (isIgnored(levels, rel)) continue;
      if (e.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(abs);
        } catch {
          target = undefined; // dangling link: nothing to follow
        }
        skipped.push({ path: rel, reason: target && !isInside(realRoot, target) ? SKIP_SYMLINK_OUTSIDE : SKIP_SYMLINK });
        continue;
      }
      if (!e.isFile()) {
        skipped.push({ path: rel, reason: SKIP_SPECIAL });
        continue;
      }
      if (wantsPath(rel)) yield { path: rel, abs };
    }
    for (const [abs, rel] of subdirs) yield* walk(abs, rel, levels);
  }

  yield* walk(root.endsWith(sep) && root.length > 1 ? root.slice(0, -1) : root, '', rootLevels);
}

/** Walks `root` and returns the files to scan, plus what was skipped and why. */
export function listWorkingTree(options: ListOptions): TreeListing {
  const skipped: SkippedEntry[] = [];
  const warnings: string[] = [];
  const files = [...walkWorkingTree(options, skipped, warnings)];
  return { files, skipped, warnings };
}
