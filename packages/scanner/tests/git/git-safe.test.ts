/**
 * The safe git invocation (issue 12, item 3): the `-c` overrides every call gets, the flags added to
 * the subcommands that could show content, the options refused, and the environment (redirecting
 * variables dropped, GIT_INDEX_FILE kept but absolute, replace objects and grafts off, no pager).
 * The end-to-end proof that no configured program runs is test/hostile-git-config.test.ts.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { GIT_MEMORY_BLOBS, GIT_MEMORY_LISTING, safeGitArgs, safeGitEnv } from '../../src/sources/git/git-safe.js';

/** The `-c key=value` pairs of an argument list. */
function configOf(args: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  args.forEach((a, i) => {
    if (a === '-c') {
      const kv = args[i + 1]!;
      const eq = kv.indexOf('=');
      m.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
  });
  return m;
}

describe('safe git invocation', () => {
  test('every call disables configured programs and output changes, then runs the subcommand in cwd', () => {
    const args = safeGitArgs('/repo', ['rev-parse', '--absolute-git-dir']);
    assert.equal(args[0], '--no-pager');
    const c = configOf(args);
    assert.equal(c.get('core.fsmonitor'), 'false');
    assert.equal(c.get('core.hooksPath'), '/dev/null');
    assert.equal(c.get('core.pager'), 'cat');
    assert.equal(c.get('core.attributesFile'), '/dev/null');
    assert.equal(c.get('diff.external'), '');
    assert.equal(c.get('log.showSignature'), 'false');
    assert.equal(c.get('log.decorate'), 'false');
    assert.equal(c.get('color.ui'), 'false');
    assert.equal(c.get('protocol.allow'), 'never');
    for (const k of ['gpg.program', 'gpg.openpgp.program', 'gpg.ssh.program', 'gpg.x509.program', 'core.askPass', 'core.sshCommand']) {
      assert.match(c.get(k) ?? '', /^\/dev\/null\//, k);
    }
    assert.ok(!c.has('safe.directory'), 'safe.directory is never weakened');
    assert.deepEqual(args.slice(-4), ['-C', '/repo', 'rev-parse', '--absolute-git-dir']);
  });

  test('log, show and diff never use textconv, external diff, colour, decorations or signatures', () => {
    for (const sub of ['log', 'show']) {
      const args = safeGitArgs('/r', [sub, 'HEAD']);
      const at = args.indexOf(sub);
      assert.deepEqual(args.slice(at), [sub, '--no-ext-diff', '--no-textconv', '--no-color', '--no-decorate', '--no-show-signature', 'HEAD']);
    }
    const diff = safeGitArgs('/r', ['diff', '--cached', '--raw']);
    assert.deepEqual(diff.slice(diff.indexOf('diff')), ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--cached', '--raw']);
  });

  test('options that run configured programs on content are refused', () => {
    for (const [sub, opt] of [['cat-file', '--textconv'], ['cat-file', '--filters'], ['log', '--ext-diff'], ['log', '--show-signature'], ['log', '-p']] as const) {
      assert.throws(() => safeGitArgs('/r', [sub, opt]), /is not allowed/);
    }
  });

  test('memory settings come after the safe ones; any other setting is refused', () => {
    const args = safeGitArgs('/r', ['log', 'HEAD'], { tuning: GIT_MEMORY_LISTING });
    const c = configOf(args);
    assert.equal(c.get('core.deltaBaseCacheLimit'), '16m');
    assert.equal(c.get('core.packedGitLimit'), '256m');
    assert.deepEqual([...c.keys()].slice(-3), ['core.deltaBaseCacheLimit', 'core.packedGitLimit', 'core.packedGitWindowSize']);
    const at = args.indexOf('core.packedGitWindowSize=32m');
    assert.deepEqual(args.slice(at + 1, at + 4), ['-C', '/r', 'log']);
    assert.deepEqual(configOf(safeGitArgs('/r', ['cat-file', '--batch'], { tuning: GIT_MEMORY_BLOBS })).get('core.packedGitWindowSize'), '8m');
    for (const bad of ['core.hooksPath=/tmp/evil', 'diff.external=sh', 'core.pager=less']) {
      assert.throws(() => safeGitArgs('/r', ['log'], { tuning: [bad] }), /not a memory setting/);
    }
  });

  test('install-hook alone may ask where core.hooksPath points', () => {
    assert.ok(!configOf(safeGitArgs('/r', ['rev-parse', '--git-path', 'hooks'], { honourHooksPath: true })).has('core.hooksPath'));
  });

  test('the environment: redirecting variables dropped, the hook index kept (absolute), no replace objects or grafts', () => {
    const env = safeGitEnv({
      PATH: '/bin',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_INDEX_FILE: '.git/next-index.lock',
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: '/tmp/x',
      GIT_EXTERNAL_DIFF: '/tmp/x',
      GIT_SSH_COMMAND: '/tmp/x',
      GIT_PAGER: 'less',
      PAGER: 'less',
      GIT_TRACE: '1',
      GIT_ALLOW_PROTOCOL: 'file:ext',
      GIT_CONFIG_GLOBAL: '/home/u/.gitconfig',
    });
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_EXTERNAL_DIFF', 'GIT_SSH_COMMAND', 'GIT_TRACE', 'GIT_ALLOW_PROTOCOL']) {
      assert.equal(env[k], undefined, k);
    }
    assert.equal(env['GIT_INDEX_FILE'], resolve('.git/next-index.lock'));
    assert.equal(env['GIT_PAGER'], 'cat');
    assert.equal(env['PAGER'], 'cat');
    assert.equal(env['GIT_NO_REPLACE_OBJECTS'], '1');
    assert.equal(env['GIT_NO_LAZY_FETCH'], '1');
    assert.equal(env['GIT_ATTR_NOSYSTEM'], '1');
    assert.equal(env['GIT_OPTIONAL_LOCKS'], '0');
    assert.equal(env['GIT_TERMINAL_PROMPT'], '0');
    assert.match(env['GIT_GRAFT_FILE'] ?? '', /^\/dev\/null\//);
    // The user's choice of config files stays: the -c overrides above win over every file.
    assert.equal(env['GIT_CONFIG_GLOBAL'], '/home/u/.gitconfig');
    assert.equal(env['PATH'], '/bin');
  });
});
