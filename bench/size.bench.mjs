#!/usr/bin/env node
// Size bench (issue 18): the cost of a cold full-history scan at every repository size, beside its
// floors measured in the same run. For each repository (generated histories of 50, 500, 5k and 50k
// commits, see synthetic-history.mjs, with npm tokens for secrets, then any real clones passed as arguments):
//   commits   `git rev-list --all --count`;  objects: `git count-objects -v` (loose + in packs)
//   node      `node -e 0`: the floor of any node CLI
//   git log   `git log -p -U0 --all --no-renames > /dev/null`: what a diff-based scanner pays at least
//   keyless   `keyless scan --history --no-cache` (the CLI as users run it, text report, relaunch
//             included), output to /dev/null
// The three alternate --rounds times (default 3) and the medians are printed, with keyless's ratio
// to git log and to node -e 0, and keyless's peak RSS (GNU time: the largest process, node or git).
// CPU (user+system of the process and its children, GNU time) is printed beside each wall time, with
// the same ratios in CPU: on a shared machine wall time follows the load, CPU time much less.
// Options: --sizes 50,500,5000,50000  --rounds R  --keep (keep generated repos)  PATH... (real clones;
// also KEYLESS_BENCH_REPOS, colon-separated). The scanned repositories are never written to.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticRepo } from './synthetic-history.mjs';

// KEYLESS_BENCH_BIN: another build's bin/keyless.js (to compare two builds in turn).
const cliBin = process.env.KEYLESS_BENCH_BIN ?? fileURLToPath(new URL('../packages/scanner/bin/keyless.js', import.meta.url));
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) {
  console.error('size bench: needs GNU time at /usr/bin/time (wall time and peak RSS of each process)');
  process.exit(1);
}

const args = process.argv.slice(2);
const valued = new Set(['--sizes', '--rounds']);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('sizes') ?? '50,500,5000,50000').split(',').filter(Boolean).map(Number);
const rounds = Math.max(1, Number(opt('rounds') ?? 3));
const keep = args.includes('--keep');
const clones = [
  ...args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1])),
  ...(process.env.KEYLESS_BENCH_REPOS ?? '').split(':').filter(Boolean),
];

const git = (cwd, ...a) => execFileSync('git', ['-C', cwd, ...a], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `cmd args` under GNU time, stdout to /dev/null; wall (s), peak RSS (MB), exit code. */
function timed(cmd, cmdArgs, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', 'KEYLESS-TIME %e %M %U %S', cmd, ...cmdArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('KEYLESS-TIME '));
  if (!line) throw new Error(`no timing for ${cmd} ${cmdArgs.join(' ')}: ${r.stderr.slice(-300)}`);
  const wall = (performance.now() - t0) / 1000;
  const [, , rssKb, user, sys] = line.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, code: r.status, stderr: r.stderr };
}

function objectsOf(repo) {
  const v = Object.fromEntries(git(repo, 'count-objects', '-v').split('\n').map((l) => l.split(': ')));
  return Number(v.count ?? 0) + Number(v['in-pack'] ?? 0);
}

function measure(name, repo) {
  const commits = Number(git(repo, 'rev-list', '--all', '--count'));
  const objects = objectsOf(repo);
  const cache = mkdtempSync(join(tmpdir(), 'keyless-size-cache-'));
  const node = [];
  const floor = [];
  const scan = [];
  const rss = [];
  const cpu = { node: [], floor: [], scan: [] };
  try {
    for (let i = 0; i < rounds; i++) {
      const n = timed(process.execPath, ['-e', '0']);
      node.push(n.wall);
      cpu.node.push(n.cpu);
      const g = timed('git', ['-C', repo, 'log', '-p', '-U0', '--all', '--no-renames']);
      floor.push(g.wall);
      cpu.floor.push(g.cpu);
      const r = timed(process.execPath, [cliBin, 'scan', '--history', '--no-cache', repo], { KEYLESS_CACHE_DIR: cache });
      if (r.code !== 0 && r.code !== 1) throw new Error(`keyless on ${repo} exited ${r.code}: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
      scan.push(r.wall);
      cpu.scan.push(r.cpu);
      rss.push(r.rssMb);
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const [n, f, k] = [median(node), median(floor), median(scan)];
  const [nc, fc, kc] = [median(cpu.node), median(cpu.floor), median(cpu.scan)];
  // GNU time counts CPU in hundredths: a floor under 0.01 s has no CPU ratio.
  const cpuRatio = (a, b, digits) => (b > 0 ? `${(a / b).toFixed(digits)}×` : '—');
  console.log(
    `| ${name} | ${commits.toLocaleString('en')} | ${objects.toLocaleString('en')} | ${f.toFixed(2)} s (${fc.toFixed(2)}) | ${k.toFixed(2)} s (${kc.toFixed(2)}) | ` +
      `${(k / f).toFixed(2)}× (${cpuRatio(kc, fc, 2)}) | ${n.toFixed(2)} s (${nc.toFixed(2)}) | ${(k / n).toFixed(1)}× (${(kc / nc).toFixed(1)}×) | ${median(rss).toFixed(0)} MB |`,
  );
}

console.log(`cold history scans, medians of ${rounds} alternating rounds (floors measured beside each scan); wall (CPU user+sys)`);
console.log('| repository | commits | objects | git log -p | keyless | ratio | node -e 0 | × node | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const repo = await syntheticRepo(size, { builtIn: true });
  try {
    measure(`generated ${size.toLocaleString('en')}`, repo);
  } finally {
    if (keep) console.log(`  kept ${repo}`);
    else rmSync(repo, { recursive: true, force: true });
  }
}
for (const repo of clones) measure(repo, repo);
