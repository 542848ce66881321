/**
 * Lists the files of a working tree to scan: a pruned directory walk that honours `.gitignore`
 * files at every level (and `.git/info/exclude` at the root) for untracked files only (files git
 * tracks are listed whatever a rule says, as git itself does), never enters `.git` (nor, outside a
 * git repository, dependency folders: dependency-dirs.ts), and never follows symbolic links (a link
 * pointing outside the root is reported as such; in git a link is a blob holding its target's path,
 * not the target's content). Special files (FIFOs, sockets, devices) are never opened. A name that
 * is not valid UTF-8 is shown with `\xNN` escapes and read by its raw bytes. A directory that cannot
 * be read is listed as unreadable. Knows nothing of detectors.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isDependencyDir, isInGitRepository, SKIP_DEPENDENCY_DIR } from './dependency-dirs.js';
import { isUtf8Name, nameFromBytes } from './raw-name.js';
import { SKIP_UNREADABLE } from '../git/skip-reasons.js';
import { SKIP_SPECIAL, SKIP_SYMLINK, SKIP_SYMLINK_OUTSIDE } from './skip-reasons.js';
import type { TrackedPaths } from './tracked-files.js';

/**
 * A file to scan: path relative to the root (forward slashes; stray bytes of a name that is not
 * UTF-8 as `\xNN`) and absolute path (the raw bytes when some name on the way is not UTF-8).
 */
export interface TreeFile {
  readonly path: string;
  readonly abs: string | Uint8Array;
}

export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
  /** The error code of an unreadable entry (EACCES, ENAMETOOLONG...). */
  readonly detail?: string;
}

/** A directory entry: its shown name, and its raw bytes when the name is not UTF-8. */
interface Entry {
  readonly name: string;
  readonly raw?: Buffer;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

export interface TreeListing {
  readonly files: TreeFile[];
  readonly skipped: SkippedEntry[];
  readonly warnings: string[];
}

export { SKIP_SPECIAL, SKIP_SYMLINK, SKIP_SYMLINK_OUTSIDE } from './skip-reasons.js';

/** The ignore rules of one directory, matched relative to that directory. */
interface IgnoreLevel {
  /** Relative dir of the .gitignore with a trailing slash ('' at the root). */
  readonly base: string;
  readonly rules: Ignore;
}

function readIgnoreFile(file: string | Buffer): string | undefined {
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
  /** The files git tracks under the root (sources/tree/tracked-files.ts): listed even when ignored. */
  readonly tracked?: TrackedPaths;
  /** Skip dependency folders (node_modules, .venv...); default: when root is not in a git repository. */
  readonly skipDependencyDirs?: boolean;
}

/**
 * The entries of a directory. Node decodes names as UTF-8 (stray bytes become U+FFFD): when a name
 * holds U+FFFD the directory is read again as bytes, so such a name is shown escaped and opened by
 * its real bytes instead of a string naming nothing.
 */
function readEntries(dirAbs: string | Buffer): Entry[] {
  const entries = readdirSync(dirAbs, { withFileTypes: true });
  if (typeof dirAbs === 'string' && !entries.some((e) => e.name.includes('\uFFFD'))) return entries;
  return readdirSync(dirAbs, { withFileTypes: true, encoding: 'buffer' }).map((e) => ({
    name: nameFromBytes(e.name),
    ...(isUtf8Name(e.name) ? {} : { raw: e.name }),
    isDirectory: () => e.isDirectory(),
    isFile: () => e.isFile(),
    isSymbolicLink: () => e.isSymbolicLink(),
  }));
}

/** An entry's absolute path: a string, or bytes once a name on the way is not UTF-8. */
function childPath(dirAbs: string | Buffer, e: Entry): string | Buffer {
  if (typeof dirAbs === 'string' && e.raw === undefined) return dirAbs + sep + e.name; // dirAbs is normalized
  return Buffer.concat([typeof dirAbs === 'string' ? Buffer.from(dirAbs) : dirAbs, Buffer.from(sep), e.raw ?? Buffer.from(e.name)]);
}

/**
 * Walks `root` lazily, yielding the files to scan in listing order (each directory's entries sorted
 * by name, files before subdirectories) and recording what was skipped, and why, in `skipped` as
 * it goes. Lazy so a caller can start scanning (or start worker threads) while the
 * rest of the tree is still being listed.
 */
export function* walkWorkingTree(options: ListOptions, skipped: SkippedEntry[]): Generator<TreeFile, void, undefined> {
  const { root, tracked } = options;
  const wantsPath = options.wantsPath ?? (() => true);
  const realRoot = realpathSync(root);
  const skipDependencyDirs = options.skipDependencyDirs ?? !isInGitRepository(realRoot);

  const rootLevels: IgnoreLevel[] = [];
  const exclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'));
  if (exclude) rootLevels.push({ base: '', rules: ignore().add(exclude) });

  // Synchronous on purpose: a tree walk is thousands of tiny metadata calls, which cost far more as
  // thread-pool round trips than as direct system calls. One generator and an explicit stack (not a
  // generator per directory, whose yield* would pass every file up through each level).
  // `ignoredDir`: whether the directory is matched by an ignore rule (then walked only for its
  // tracked files), asked only when needed: an untracked entry in it, or a .gitignore to read. In a
  // clean checkout every entry is tracked, so the rules are matched against almost nothing.
  const stack: Frame[] = [{ dirAbs: root.endsWith(sep) && root.length > 1 ? root.slice(0, -1) : root, dirRel: '', levels: rootLevels, ignoredDir: () => false }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { dirAbs, dirRel, ignoredDir } = frame;
    let entries: Entry[];
    try {
      entries = readEntries(dirAbs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      skipped.push({ path: dirRel || '.', reason: SKIP_UNREADABLE, detail: code });
      continue;
    }
    let levels = frame.levels;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile()) && !ignoredDir()) {
      const text = readIgnoreFile(typeof dirAbs === 'string' ? join(dirAbs, '.gitignore') : Buffer.concat([dirAbs, Buffer.from(`${sep}.gitignore`)]));
      if (text) levels = [...levels, { base: dirRel ? `${dirRel}/` : '', rules: ignore().add(text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: Frame[] = [];
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = dirRel ? `${dirRel}/${e.name}` : e.name;
      const abs = childPath(dirAbs, e);
      if (e.isDirectory()) {
        const dirLevels = levels;
        const ignored = once(() => ignoredDir() || isIgnored(dirLevels, `${rel}/`));
        // A directory holding tracked files is walked whatever the rules say.
        if (!tracked?.dirs.has(rel) && ignored()) continue;
        if (skipDependencyDirs && isDependencyDir(e.name, abs) && !ignored()) skipped.push({ path: rel, reason: SKIP_DEPENDENCY_DIR });
        else subdirs.push({ dirAbs: abs, dirRel: rel, levels, ignoredDir: ignored });
        continue;
      }
      // A tracked file is listed whatever the rules say: asked first, the rules are matched only
      // against untracked files (in a clean checkout, almost none).
      if (!tracked?.files.has(rel) && (ignoredDir() || isIgnored(levels, rel))) continue;
      if (e.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(abs, 'utf8');
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
    // Depth first, in name order: the first subdirectory is walked next.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
}

/** A directory waiting to be walked: its path, the ignore rules above it, whether a rule matches it. */
interface Frame {
  readonly dirAbs: string | Buffer;
  readonly dirRel: string;
  readonly levels: readonly IgnoreLevel[];
  readonly ignoredDir: () => boolean;
}

/** `f`, called at most once. */
function once(f: () => boolean): () => boolean {
  let value: boolean | undefined;
  return () => (value ??= f());
}

/** Walks `root` and returns the files to scan, plus what was skipped and why. */
export function listWorkingTree(options: ListOptions): TreeListing {
  const skipped: SkippedEntry[] = [];
  const warnings: string[] = [];
  const files = [...walkWorkingTree(options, skipped)];
  return { files, skipped, warnings };
}
