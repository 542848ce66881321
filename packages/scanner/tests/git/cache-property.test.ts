/**
 * Issue 12, item 4: the history cache can never hide a secret. Property: small repositories are
 * mutated at random between cached history scans — commits (some adding new secrets, some repeating
 * old ones), branches, merges, deleted and restored refs, hard resets, amends and forced rebases
 * (history rewrites), commits on a detached HEAD left behind, lightweight and annotated tags,
 * commits carrying a signature header (written with hash-object: no gpg here, nothing verifies it),
 * gc of what became unreachable, and for histories that start as a shallow `--depth 1` clone of a
 * local repository: deepening, unshallowing and fetching new upstream commits. After every mutation
 * a cached scan must report exactly the findings (commit, path, position, occurrences...) of a
 * `--no-cache` scan of the same state.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { scanHistory } from '../../src/scan/git-scans.js';
import type { KeylessConfig } from '../../src/config/types.js';
import type { Finding } from '../../src/finding/finding.js';
import { FUZZ_SEED } from '../fuzz/fuzz-settings.js';
import { fakeToken, TempRepo, tempCacheDir, testConfig } from './git-fixture.js';

/** Random histories (each a handful of mutations, two scans per mutation). */
const HISTORIES = 25;

const OPS = [
  'commit', 'commit', 'commit', 'branch', 'branch', 'merge', 'merge', 'delete-ref', 'delete-ref', 'restore-ref', 'restore-ref', 'restore-ref', 'reset', 'amend', 'rebase', 'rebase', 'detached',
  'tag', 'annotated-tag', 'signed', 'gc',
  // Only for histories that start as a shallow clone (about half): weighted up to run often there.
  'deepen', 'deepen', 'unshallow', 'unshallow', 'upstream', 'upstream',
] as const;
type OpKind = (typeof OPS)[number];
const KINDS = [...new Set(OPS)];
const CLONE_ONLY = new Set<OpKind>(['deepen', 'unshallow', 'upstream']);
interface Op {
  readonly kind: OpKind;
  readonly a: number;
  readonly b: number;
  /** 0: no secret, 1: a new secret, 2: an earlier secret again. */
  readonly secret: number;
}

const PATHS = ['a.txt', 'conf/b.env', 'c.yaml'];
const tally = { histories: 0, mutations: 0, scans: 0, cacheHits: 0, differences: 0, byOp: new Map<string, number>() };
const cleanup: (() => void)[] = [];
after(() => {
  cleanup.forEach((f) => f());
  const ops = [...tally.byOp].sort().map(([k, n]) => `${k}=${n}`).join(', ');
  process.stdout.write(
    `# cache-property: ${tally.histories} random histories, ${tally.mutations} mutations (${ops}), ${tally.scans} scans, ` +
      `${tally.cacheHits} cached scans built on the cache, ${tally.differences} differences from --no-cache\n`,
  );
});

/** One history under test: the repository, its upstream (for clones), and what the ops remember. */
class History {
  readonly secrets: string[] = [];
  readonly deleted: [string, string][] = [];
  private n = 0;
  constructor(
    readonly r: TempRepo,
    readonly upstream: TempRepo | undefined,
  ) {}

  git(...args: string[]): string {
    return this.r.git(...args);
  }

  tryGit(...args: string[]): boolean {
    try {
      this.r.git(...args);
      return true;
    } catch {
      return false;
    }
  }

  next(): number {
    return ++this.n;
  }

  /** Changes one file (overwritten or appended), maybe with a secret line. */
  change(repo: TempRepo, op: Op): void {
    const path = PATHS[op.a % PATHS.length]!;
    let line = `n${this.next()}=plain\n`;
    if (op.secret === 1 || (op.secret === 2 && this.secrets.length === 0)) {
      const s = fakeToken();
      this.secrets.push(s);
      line += `key=${s}\n`;
    } else if (op.secret === 2) line += `again=${this.secrets[op.b % this.secrets.length]!}\n`;
    let before = '';
    try {
      before = op.b % 2 === 0 ? repo.git('show', `HEAD:${path}`) + '\n' : '';
    } catch {
      before = '';
    }
    repo.write(path, before + line);
  }

  commits(): string[] {
    return this.git('rev-list', '--all').split('\n').filter(Boolean);
  }

  /** Where HEAD is: a branch name, or a commit id when detached. */
  where(): string {
    try {
      return this.git('symbolic-ref', '-q', '--short', 'HEAD');
    } catch {
      return this.git('rev-parse', 'HEAD');
    }
  }

  /** Branches and tags that may be deleted (never main, never the checked-out branch). */
  deletableRefs(): string[] {
    const current = this.where();
    return this.git('for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/tags')
      .split('\n')
      .filter((r) => r && r !== 'refs/heads/main' && r !== `refs/heads/${current}`);
  }

  isShallow(): boolean {
    return this.git('rev-parse', '--is-shallow-repository') === 'true';
  }
}

/** Applies one mutation; false when it did not apply in this state (nothing changed), or the kind applied instead. */
function apply(h: History, op: Op): boolean | OpKind {
  const { r } = h;
  const n = h.next();
  switch (op.kind) {
    case 'commit':
      h.change(r, op);
      r.commit(`c${n}`);
      return true;
    case 'branch': {
      const commits = h.commits();
      const back = h.where();
      h.git('checkout', '-q', '-b', `b${n}`, commits[op.a % commits.length]!);
      h.change(r, op);
      r.commit(`on b${n}`);
      h.git('checkout', '-q', back);
      return true;
    }
    case 'merge': {
      const branches = h.git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter((b) => b && b !== h.where());
      if (branches.length === 0) return false;
      if (!h.tryGit('merge', '-q', '--no-edit', '-X', 'theirs', '--allow-unrelated-histories', branches[op.a % branches.length]!)) {
        h.tryGit('merge', '--abort');
        return false;
      }
      return true;
    }
    case 'delete-ref': {
      const refs = h.deletableRefs();
      if (refs.length === 0) return false;
      const ref = refs[op.a % refs.length]!;
      h.deleted.push([ref, h.git('rev-parse', ref)]);
      h.git('update-ref', '-d', ref);
      return true;
    }
    case 'restore-ref': {
      // Nothing deleted yet: delete now (counted as delete-ref), so a later restore has something.
      if (h.deleted.length === 0) return apply(h, { ...op, kind: 'delete-ref' }) ? 'delete-ref' : false;
      const i = op.a % h.deleted.length;
      const [ref, id] = h.deleted.splice(i, 1)[0]!;
      if (!h.tryGit('cat-file', '-e', id)) return false; // collected by gc meanwhile
      h.git('update-ref', ref, id);
      return true;
    }
    case 'reset':
      if (!h.tryGit('rev-parse', '-q', '--verify', 'HEAD~1^{commit}')) return false;
      h.git('reset', '-q', '--hard', 'HEAD~1');
      return true;
    case 'amend':
      h.change(r, op);
      h.git('add', '-A');
      h.git('commit', '-q', '--amend', '--allow-empty', '-m', `amended ${n}`);
      return true;
    case 'rebase':
      if (!h.tryGit('rev-parse', '-q', '--verify', 'HEAD~2^{commit}')) return false;
      if (!h.tryGit('rebase', '-q', '--force-rebase', 'HEAD~2')) {
        h.tryGit('rebase', '--abort');
        return false;
      }
      return true;
    case 'detached': {
      const back = h.where();
      h.git('checkout', '-q', '--detach');
      h.change(r, op);
      r.commit(`detached ${n}`);
      // Half the time HEAD goes back, leaving the commit reachable from nothing.
      if (op.b % 2 === 0) h.git('checkout', '-q', back);
      return true;
    }
    case 'tag':
    case 'annotated-tag': {
      const commits = h.commits();
      const at = commits[op.a % commits.length]!;
      if (op.kind === 'tag') h.git('tag', `t${n}`, at);
      else h.git('tag', '-a', '-m', `tag ${n}`, `at${n}`, at);
      return true;
    }
    case 'signed': {
      h.change(r, op);
      h.git('add', '-A');
      const tree = h.git('write-tree');
      const time = 1_800_000_000 + n * 60;
      const who = `Test Author <author@example.test> ${time} +0000`;
      const sig = ['-----BEGIN PGP SIGNATURE-----', '', `iQEzBAABCAAdFiEE${n}fake`, '=FAKE', '-----END PGP SIGNATURE-----'].join('\n ');
      const raw = `tree ${tree}\nparent ${h.git('rev-parse', 'HEAD')}\nauthor ${who}\ncommitter ${who}\ngpgsig ${sig}\n\nsigned ${n}\n`;
      const id = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: r.dir, input: raw, encoding: 'utf8' }).trim();
      h.git('update-ref', 'HEAD', id);
      return true;
    }
    case 'gc':
      h.git('reflog', 'expire', '--expire=now', '--all');
      h.git('gc', '-q', '--prune=now');
      return true;
    case 'deepen':
      if (!h.upstream || !h.isShallow()) return false;
      h.git('fetch', '-q', '--deepen=1', 'origin');
      return true;
    case 'unshallow':
      if (!h.upstream || !h.isShallow()) return false;
      h.git('fetch', '-q', '--unshallow', 'origin');
      return true;
    case 'upstream':
      if (!h.upstream) return false;
      h.change(h.upstream, op);
      h.upstream.commit(`upstream ${n}`);
      h.git('fetch', '-q', 'origin');
      return true;
  }
}

/** A fresh history: a repository with a few commits, or a `--depth 1` clone of one. */
function newHistory(shallow: boolean, initial: readonly Op[]): History {
  if (!shallow) {
    const h = new History(new TempRepo(), undefined);
    cleanup.push(() => h.r.remove());
    for (const op of initial) apply(h, { ...op, kind: 'commit' });
    return h;
  }
  const upstream = new TempRepo();
  const seed = new History(upstream, undefined);
  for (const op of initial) apply(seed, { ...op, kind: 'commit' });
  const dir = mkdtempSync(join(tmpdir(), 'keyless-git-clone-'));
  rmSync(dir, { recursive: true });
  upstream.git('clone', '-q', '--depth', '1', '--no-local', `file://${upstream.dir}`, dir);
  const clone = new TempRepo(dir, false);
  clone.git('config', 'user.name', 'Test Author');
  clone.git('config', 'user.email', 'author@example.test');
  clone.git('config', 'commit.gpgsign', 'false');
  const h = new History(clone, upstream);
  h.secrets.push(...seed.secrets);
  cleanup.push(() => upstream.remove(), () => clone.remove());
  return h;
}

/** A history scan with the cache at `cacheDir` (or --no-cache); `hit` when it built on the cache. */
async function scan(root: string, config: KeylessConfig, cacheDir: string, cache: boolean): Promise<{ findings: Finding[]; hit: boolean }> {
  const saved = process.env['KEYLESS_CACHE_DIR'];
  const write = process.stderr.write.bind(process.stderr);
  let trace = '';
  process.env['KEYLESS_CACHE_DIR'] = cacheDir;
  process.stderr.write = ((s: string) => ((trace += s), true)) as typeof process.stderr.write;
  try {
    const out = await scanHistory({ root, config, cache, debug: true });
    tally.scans++;
    return { findings: out.findings, hit: /cache hit/.test(trace) };
  } finally {
    process.stderr.write = write;
    if (saved === undefined) delete process.env['KEYLESS_CACHE_DIR'];
    else process.env['KEYLESS_CACHE_DIR'] = saved;
  }
}

const op = fc.record({ kind: fc.constantFrom(...OPS), a: fc.nat(50), b: fc.nat(50), secret: fc.nat(2) });

describe('history cache property (issue 12, item 4)', { timeout: 600_000 }, () => {
  test('after random mutations, every cached history scan reports exactly what a --no-cache scan reports', async () => {
    const config = await testConfig();
    const firstDifference: string[] = [];
    const property = fc.asyncProperty(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 3 }), fc.array(op, { minLength: 3, maxLength: 5 }), async (shallowDrawn, initial, drawn) => {
      // Every kind of mutation runs: history i starts with kind i (a restore after a delete; the
      // clone-only kinds on a shallow clone), then the random ones.
      const forced = KINDS[tally.histories % KINDS.length]!;
      tally.histories++;
      const shallow = shallowDrawn || CLONE_ONLY.has(forced);
      const first = { ...drawn[0]!, kind: forced };
      const mutations = forced === 'restore-ref' ? [{ ...first, kind: 'delete-ref' as const }, first, ...drawn] : [first, ...drawn];
      const h = newHistory(shallow, initial);
      const cacheDir = tempCacheDir();
      cleanup.push(() => rmSync(cacheDir, { recursive: true, force: true }));
      await scan(h.r.dir, config, cacheDir, true);
      const done: string[] = [];
      for (const m of mutations) {
        const applied = apply(h, m);
        if (applied === false) continue;
        const kind = applied === true ? m.kind : applied;
        done.push(kind);
        tally.mutations++;
        tally.byOp.set(kind, (tally.byOp.get(kind) ?? 0) + 1);
        const cached = await scan(h.r.dir, config, cacheDir, true);
        const full = await scan(h.r.dir, config, cacheDir, false);
        if (cached.hit) tally.cacheHits++;
        if (JSON.stringify(cached.findings) !== JSON.stringify(full.findings)) {
          tally.differences++;
          if (firstDifference.length === 0) {
            firstDifference.push(`${shallow ? 'shallow clone' : 'repository'}, after ${done.join(' → ')}`, `cached: ${JSON.stringify(cached.findings)}`, `no-cache: ${JSON.stringify(full.findings)}`);
          }
        }
      }
    });
    await fc.assert(property, { seed: FUZZ_SEED, numRuns: HISTORIES });
    assert.equal(tally.differences, 0, firstDifference.join('\n'));
    // The property is about the cache: most cached scans must have built on it.
    assert.ok(tally.cacheHits > tally.mutations / 3, `only ${tally.cacheHits} of ${tally.mutations} cached scans used the cache`);
  });
});
