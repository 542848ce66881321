/**
 * The one place that decides how keyless starts git. Git is a data source here, never a program
 * runner: a scanned repository (its `.git/config`, `.gitattributes`, refs) and the user's own git
 * config may name programs (fsmonitor, pagers, gpg, external diff, textconv, filters, hooks) or
 * change output (colour, decorations, signatures, replace objects). Every git call keyless makes
 * gets the arguments and environment below, whatever config files say.
 *
 * - `-c` settings: command-line config wins over every config file (system, global, repository,
 *   worktree, includes), so these hold for user-level config too.
 * - Filters (`filter.<x>.clean/smudge/process`) and textconv (`diff.<x>.textconv`) are applied only
 *   by commands that convert content: keyless never asks for that. `cat-file --batch` without
 *   `--textconv`/`--filters` returns raw objects (refused below if asked), `log --raw`, `diff --raw`,
 *   `rev-list`, `for-each-ref`, `rev-parse` never read attributes; `log`/`show`/`diff` also get
 *   `--no-textconv --no-ext-diff` in case a patch or a blob is ever shown. The global and system
 *   attribute files are switched off as well (`core.attributesFile`, GIT_ATTR_NOSYSTEM).
 * - `safe.directory` is not touched: git's own ownership check stays as strict as the user set it.
 * - `protocol.allow=never`: no transport at all, so a partial clone never fetches missing objects
 *   (GIT_NO_LAZY_FETCH needs git 2.44) and no remote helper can run; a missing blob stays missing.
 */
import { isAbsolute, resolve } from 'node:path';

/** A path no program can exist at (`/dev/null` is not a directory). */
const NO_PROGRAM = '/dev/null/keyless-runs-no-program';

/** `-c` settings given to every git call. */
export const SAFE_GIT_CONFIG: readonly (readonly [key: string, value: string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.untrackedCache', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.attributesFile', '/dev/null'],
  ['core.askPass', NO_PROGRAM],
  ['core.sshCommand', NO_PROGRAM],
  ['diff.external', ''],
  ['log.showSignature', 'false'],
  ['log.decorate', 'false'],
  ['gpg.program', NO_PROGRAM],
  ['gpg.openpgp.program', NO_PROGRAM],
  ['gpg.ssh.program', NO_PROGRAM],
  ['gpg.x509.program', NO_PROGRAM],
  ['color.ui', 'false'],
  ['color.diff', 'false'],
  ['i18n.logOutputEncoding', 'UTF-8'],
  ['protocol.allow', 'never'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/** Extra options per subcommand (inserted right after its name). */
const SUBCOMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  log: ['--no-ext-diff', '--no-textconv', '--no-color', '--no-decorate', '--no-show-signature'],
  show: ['--no-ext-diff', '--no-textconv', '--no-color', '--no-decorate', '--no-show-signature'],
  diff: ['--no-ext-diff', '--no-textconv', '--no-color'],
};

/** Options that would make git run a configured program on content; keyless never passes them. */
const REFUSED = new Set(['--textconv', '--filters', '--ext-diff', '--show-signature', '-p', '--patch']);

/**
 * Environment variables that point git at another repository, other objects' history or a program.
 * GIT_INDEX_FILE is kept (a pre-commit hook runs with the index being committed in it) but made
 * absolute, as git -C would otherwise read a relative one from another directory. The object-store
 * variables (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_QUARANTINE_PATH) are kept:
 * they only add objects, as a server-side hook needs.
 */
const DROPPED_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_GRAFT_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_PROXY_COMMAND',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_ALLOW_PROTOCOL',
  'GIT_PROTOCOL_FROM_USER',
];

/** The environment of every git call. */
export function safeGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of DROPPED_ENV) delete env[key];
  for (const key of Object.keys(env)) {
    if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key) || key.startsWith('GIT_TRACE')) delete env[key];
  }
  const index = env['GIT_INDEX_FILE'];
  if (index !== undefined) {
    if (index === '') delete env['GIT_INDEX_FILE'];
    else if (!isAbsolute(index)) env['GIT_INDEX_FILE'] = resolve(index);
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C',
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_OPTIONAL_LOCKS: '0',
    // Deprecated grafts rewrite parents (and can hide history): the real parents are scanned.
    GIT_GRAFT_FILE: '/dev/null/keyless-no-grafts',
  };
}

export interface SafeGitOptions {
  /**
   * Leave `core.hooksPath` as configured: only for asking git where hooks live (install-hook), a
   * question that runs no program.
   */
  readonly honourHooksPath?: boolean;
  /**
   * Memory settings for this call (`key=value`, e.g. GIT_MEMORY_LISTING), given after the safe
   * settings. Only keys that bound caches and memory maps, never one that runs a program.
   */
  readonly tuning?: readonly string[];
}

/**
 * The history listing (`git log --raw` over every commit) with git's delta base cache at 16 MiB
 * rather than 96, and at most 256 MiB of pack files mapped in 32 MiB windows: typescript-eslint's
 * listing peaked at 221 MB RSS with git's defaults, 162 MB so (below the node process's peak).
 * Tighter maps (64 MiB in 8 MiB windows, used before) thrash on a big pack whose objects are read out
 * of order: on a 1M-commit fast-import history (826 MB pack) the listing of 20k commits took 38 s
 * (14 s of it in the kernel, mapping and unmapping windows) against 3.6 s.
 * The blob readers (`cat-file` of path versions, GIT_MEMORY_BLOBS) keep git's delta base cache (a small
 * one makes reading lockfile versions 2.5 times slower there) and the tighter maps: with 256 MiB, one
 * `cat-file` held up to 321 MB on typescript-eslint, above the node process. Whether 64/8 costs them
 * time on a big out-of-order pack is not measured apart (the 1M-commit scan spent 50 s in the kernel).
 */
export const GIT_MEMORY_LISTING: readonly string[] = ['core.deltaBaseCacheLimit=16m', 'core.packedGitLimit=256m', 'core.packedGitWindowSize=32m'];
export const GIT_MEMORY_BLOBS: readonly string[] = ['core.packedGitLimit=64m', 'core.packedGitWindowSize=8m'];

/** Settings git may be tuned with (SafeGitOptions.tuning): caches and pack maps, nothing else. */
const TUNABLE = new Set(['core.deltabasecachelimit', 'core.packedgitlimit', 'core.packedgitwindowsize']);

/**
 * The full argument list for `git <args>` run in `cwd`: `--no-pager`, the safe `-c` settings,
 * `-C cwd`, then the subcommand with its safety flags. Throws on an option that would make git run
 * a configured program on content.
 */
export function safeGitArgs(cwd: string, args: readonly string[], options: SafeGitOptions = {}): string[] {
  const [sub = '', ...rest] = args;
  const refused = rest.find((a) => REFUSED.has(a));
  if (refused) throw new Error(`internal error: git ${sub} ${refused} is not allowed (it can run configured programs)`);
  const config = SAFE_GIT_CONFIG.filter(([k]) => !(options.honourHooksPath && k === 'core.hooksPath'));
  const tuning = options.tuning ?? [];
  const untunable = tuning.find((t) => !TUNABLE.has(t.split('=')[0]!.toLowerCase()));
  if (untunable !== undefined) throw new Error(`internal error: git setting ${untunable} is not a memory setting`);
  return ['--no-pager', ...config.flatMap(([k, v]) => ['-c', `${k}=${v}`]), ...tuning.flatMap((t) => ['-c', t]), '-C', cwd, sub, ...(SUBCOMMAND_FLAGS[sub] ?? []), ...rest];
}

/**
 * Protocols a fetch may use (`keyless scan-repos` only; every other git call has no transport at
 * all): https, ssh (the system's `ssh` in batch mode, never a configured command) and local paths.
 * Not `ext::` (runs a command), `git://` or `http://` (unauthenticated, in clear).
 */
export const FETCH_PROTOCOLS: readonly string[] = ['https', 'ssh', 'file'];

/**
 * The `-c` settings of a clone or fetch: the safe settings above, with the transport that a fetch
 * needs let through for FETCH_PROTOCOLS only.
 */
export function safeFetchConfig(): string[] {
  const settings = SAFE_GIT_CONFIG.map(([k, v]) => `${k}=${k === 'core.sshCommand' ? 'ssh -o BatchMode=yes' : v}`);
  return [...settings, ...FETCH_PROTOCOLS.map((p) => `protocol.${p}.allow=always`)];
}

/** The environment of a clone or fetch: the safe environment, without editors (a fetch edits nothing). */
export function safeFetchEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = safeGitEnv(base);
  for (const key of ['EDITOR', 'VISUAL']) delete env[key];
  return env;
}
