/**
 * Generated git histories for the sharding and merging tests (written with `git fast-import`, so a
 * few hundred commits take a fraction of a second): many paths and commits, secrets of a test-only
 * detector (`e2e-token`, from keyless.config.json) added, changed, removed and re-added, renames, one
 * secret repeated across paths, inline-ignored secrets, a side branch merged back, and runs of
 * commits with the same committer time (the scan then orders by log position). Tokens are built at
 * run time from numbers (never a literal secret in this file).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CONFIG = JSON.stringify({
  detectors: [{ id: 'e2e-token', pattern: 'ekt_(?<secret>[a-z0-9]{28})', keywords: ['ekt_'] }],
});

/** A fake token of the test detector (28 characters after the prefix). */
export const token = (n: number) => ['ekt', `${n}`.padStart(6, '0') + 'q7'.repeat(11)].join('_');

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Shard Dev',
  GIT_AUTHOR_EMAIL: 'shard@example.test',
  GIT_COMMITTER_NAME: 'Shard Dev',
  GIT_COMMITTER_EMAIL: 'shard@example.test',
  NO_COLOR: '1',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryShape {
  readonly commits: number;
  readonly paths: number;
  readonly seed: number;
}

const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;

/** The fast-import stream of a history of `shape` on `main` (continuing from commit `from` when given). */
export function historyStream(shape: HistoryShape, startTime: number, from?: string): string {
  const rand = prng(shape.seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const exts = ['.env', '.ts', '.yaml', '.json', '.txt'];
  // Each branch's files (the side branch starts again from main each time it is created).
  const main = { paths: Array.from({ length: shape.paths }, (_, i) => `dir${i % 7}/file${i}${exts[i % exts.length]}`), content: new Map<string, string[]>() };
  let side = main;
  const out: string[] = [];
  let time = startTime;
  let mark = 0;
  let nextToken = shape.seed * 1000;
  const shared = token(shape.seed * 1000 + 999);
  const line = (p: string, i: number) => {
    const r = rand();
    const value = r < 0.25 ? token(nextToken++) : r < 0.3 ? shared : `plain-${i}-${pick(1000)}`;
    const ignore = r < 0.05 ? ' # keyless-ignore' : '';
    return p.endsWith('.ts') ? `export const v${i} = "${value}";${ignore ? ' // keyless-ignore' : ''}` : `KEY_${i}=${value}${ignore}`;
  };
  for (let c = 0; c < shape.commits; c++) {
    mark++;
    // Runs of three commits share a committer time.
    if (c % 3 === 0) time += 60;
    const onSide = c > 10 && c % 17 >= 12 && c % 17 <= 14;
    const branch = onSide ? 'refs/heads/side' : 'refs/heads/main';
    out.push(`commit ${branch}\nmark :${mark}\ncommitter Shard Dev <shard@example.test> ${time} +0000\n${data(`commit ${c}`)}`);
    if (c === 0 && from !== undefined) out.push(`from ${from}\n`);
    if (onSide && c % 17 === 12) {
      out.push(`from :${mark - 1}\n`);
      side = { paths: [...main.paths], content: new Map([...main.content].map(([p, l]) => [p, [...l]])) };
    }
    // The merge commit's tree is main's: the side branch's changes stay in its own commits.
    if (!onSide && c > 10 && c % 17 === 15) out.push(`merge :${mark - 1}\n`);
    const state = onSide ? side : main;
    const { content } = state;
    const changes = 1 + pick(4);
    for (let k = 0; k < changes; k++) {
      const p = state.paths[pick(state.paths.length)]!;
      const lines = content.get(p) ?? [];
      const action = rand();
      if (action < 0.08 && lines.length > 0) {
        // Rename: the same content at a new path (a new path for the scan: --no-renames).
        if (content.has(`${p.replace(/\.[a-z]+$/, '')}-moved${c}${p.slice(p.lastIndexOf('.'))}`)) continue;
        const to = `${p.replace(/\.[a-z]+$/, '')}-moved${c}${p.slice(p.lastIndexOf('.'))}`;
        out.push(`R ${p} ${to}\n`);
        content.set(to, lines);
        content.delete(p);
        state.paths = state.paths.map((x) => (x === p ? to : x));
        continue;
      }
      if (action < 0.18 && lines.length > 1) lines.splice(pick(lines.length), 1);
      else if (action < 0.4 && lines.length > 0) lines[pick(lines.length)] = line(p, c);
      else lines.push(line(p, c * 10 + k));
      content.set(p, lines);
      out.push(`M 100644 inline ${p}\n${data(`${lines.join('\n')}\n`)}`);
    }
    if (c === 0) out.push(`M 100644 inline keyless.config.json\n${data(CONFIG)}`);
  }
  out.push('done\n');
  return out.join('');
}

/** Runs `git fast-import` on `stream` in `root`. */
export function fastImport(root: string, stream: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: root, env: GIT_ENV, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${err.split('\n')[0]}`))));
    child.stdin.end(stream);
  });
}

/** A new repository (work tree checked out at main) holding a generated history. */
export async function generatedRepo(shape: HistoryShape, parent = tmpdir()): Promise<string> {
  const root = realpathSync(mkdtempSync(join(parent, 'keyless-shard-')));
  git(root, 'init', '-q', '-b', 'main');
  await fastImport(root, historyStream(shape, 1_700_000_000));
  git(root, 'checkout', '-q', '-f', 'main');
  return root;
}

/** Adds a generated history of `shape` on top of main (and moves the side branch), later in time. */
export async function appendHistory(root: string, shape: HistoryShape, startTime: number): Promise<void> {
  await fastImport(root, historyStream(shape, startTime, git(root, 'rev-parse', 'main')));
  git(root, 'checkout', '-q', '-f', 'main');
}
