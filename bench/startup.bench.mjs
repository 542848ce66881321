#!/usr/bin/env node
// Start-up bench: the pre-commit and pull-request scans, whose cost is mostly fixed (node, module
// loading, git calls), against `node -e 0` measured in the same run, alternating, median of N:
//   `keyless scan --staged` with one small staged file, and `keyless scan --range HEAD~10..HEAD`.
// REPO: argv[2], else KEYLESS_BENCH_REPO, else a generated repository (300 files, 12 commits).
// The repository is never touched: it is cloned (objects shared, no checkout) into a scratch
// directory whose index is read from HEAD, and the file is staged there. Runs: KEYLESS_BENCH_RUNS
// (default 7). KEYLESS_BENCH_COMPARE=/other/bin/keyless.js times another build too, in the same rounds.
// Figures are printed, never asserted (targets, issue 18: staged <= 2.5x, range <= 3.5x).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const keylessBin = join(repoRoot, 'packages', 'scanner', 'bin', 'keyless.js');
const RUNS = Number(process.env.KEYLESS_BENCH_RUNS ?? 7);
const RANGE = 'HEAD~10..HEAD';

const git = (cwd, ...args) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A deterministic repository of 12 commits, used when no real one is given. */
function generatedRepo() {
  const root = join(repoRoot, 'bench', '.work', 'startup-repo');
  if (existsSync(join(root, '.generated-v1'))) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (let c = 0; c < 12; c++) {
    for (let i = 0; i < (c === 0 ? 300 : 8); i++) {
      const n = c === 0 ? i : (c * 37 + i * 11) % 300;
      write(`src/pkg${n % 12}/module${n}.ts`, `export const value${n} = ${c};\nexport function run${n}(x: string): string {\n  return x + '${c}';\n}\n`);
    }
    write('config/settings.yaml', `service:\n  name: svc\n  replicas: ${c}\n`);
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', `commit ${c}`);
  }
  writeFileSync(join(root, '.generated-v1'), '');
  return root;
}

/** A scratch clone sharing the objects of `source`, its index read from HEAD, one small file staged. */
function scratchClone(source) {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-startup-'));
  execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', source, join(dir, 'repo')], { stdio: 'ignore' });
  const repo = join(dir, 'repo');
  git(repo, 'read-tree', 'HEAD');
  writeFileSync(join(repo, 'keyless-bench-staged.ts'), 'export const greeting = "hello";\n');
  git(repo, 'add', 'keyless-bench-staged.ts');
  return { dir, repo };
}

/** Preloaded into every run (the floor's too): prints the node process's CPU time on exit. */
const CPU_PROBE =
  'data:text/javascript,' +
  encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`keyless-bench-cpu ${u.user} ${u.system}\\n`); });");

/** Wall time, and the node process's CPU time (git's not included): on a loaded machine, CPU varies less. */
function timed(args, cwd, cpus) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_PROBE, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 300)}`);
  const cpu = /^keyless-bench-cpu (\d+) (\d+)$/m.exec(r.stderr);
  cpus.push(cpu ? (Number(cpu[1]) + Number(cpu[2])) / 1e6 : NaN);
  return wall;
}

const given = process.argv[2] ?? process.env.KEYLESS_BENCH_REPO;
const source = given ?? generatedRepo();
const { dir, repo } = scratchClone(source);
console.log(`repository: ${source}${given ? '' : ' (generated)'}; scratch clone ${repo}; ${RUNS} runs, alternating`);
try {
  const floor = [];
  const staged = [];
  const range = [];
  const other = process.env.KEYLESS_BENCH_COMPARE;
  const otherStaged = [];
  const otherRange = [];
  const loads = [];
  const cpu = { floor: [], staged: [], range: [], otherStaged: [], otherRange: [] };
  for (let i = 0; i < RUNS; i++) {
    loads.push(loadavg()[0]);
    floor.push(timed(['-e', '0'], repo, cpu.floor));
    staged.push(timed([keylessBin, 'scan', '--staged', '--quiet'], repo, cpu.staged));
    if (other) otherStaged.push(timed([other, 'scan', '--staged', '--quiet'], repo, cpu.otherStaged));
    range.push(timed([keylessBin, 'scan', '--range', RANGE, '--quiet'], repo, cpu.range));
    if (other) otherRange.push(timed([other, 'scan', '--range', RANGE, '--quiet'], repo, cpu.otherRange));
  }
  const f = median(floor);
  const fc = median(cpu.floor);
  const line = (name, xs, cpus, target) =>
    console.log(
      `${name}: ${median(xs).toFixed(3)} s (runs: ${xs.map((x) => x.toFixed(2)).join(', ')}) = ${(median(xs) / f).toFixed(2)}x node -e 0 ` +
        `(target <= ${target}x); CPU ${median(cpus).toFixed(3)} s = ${(median(cpus) / fc).toFixed(2)}x`,
    );
  console.log(`node -e 0: ${f.toFixed(3)} s (runs: ${floor.map((x) => x.toFixed(2)).join(', ')}); CPU ${fc.toFixed(3)} s`);
  line('scan --staged (1 small file)', staged, cpu.staged, 2.5);
  line(`scan --range ${RANGE}`, range, cpu.range, 3.5);
  if (other) {
    line(`  compared build ${other}: scan --staged`, otherStaged, cpu.otherStaged, 2.5);
    line(`  compared build ${other}: scan --range ${RANGE}`, otherRange, cpu.otherRange, 3.5);
  }
  console.log(`load average before each round: ${loads.map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
