#!/usr/bin/env node
// Working-tree scan benchmark: `keyless scan PATH` wall time (median of KEYLESS_BENCH_RUNS CLI runs,
// default 5), files, MB/s and findings, against the read-every-file floor (`git ls-files -z | xargs
// -0 cat` in a checkout) measured alternately in the same run, as a ratio; then the same files of
// `<PATH>/packages/eslint-plugin` (or the whole generated tree) scanned by keyless and by
// secretlint's recommended preset, printed as a ratio.
// KEYLESS_BENCH_SECRETLINT=0 skips the secretlint comparison.
// PATH: argv[2], else KEYLESS_BENCH_REPO, else a generated tree in bench/.work/tree (a few thousand
// TS/JSON/YAML files with a handful of generated secrets). Figures are printed, never asserted.
// Each keyless run also reports its CPU time (user+system, all threads, read in the child at exit)
// and the 1-minute load average before it: on a shared machine wall time follows the load, CPU
// time much less. The fixed cost (`keyless scan` of an empty directory: node, modules, detector
// compilation) is measured in the same rounds; the rest of the CPU, per MB scanned, is the
// scanning cost, and fixed + scanning / cores is the least wall time the scan could take here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const keylessBin = join(repoRoot, 'packages', 'scanner', 'bin', 'keyless.js');
const secretlintBin = join(repoRoot, 'node_modules', '.bin', 'secretlint');
const RUNS = Number(process.env.KEYLESS_BENCH_RUNS ?? 5);
/** Preloaded into each keyless run: prints the process's CPU time (all threads) on exit. */
const CPU_PROBE =
  'data:text/javascript,' +
  encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`keyless-bench-cpu ${u.user} ${u.system}\\n`); });");

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A deterministic synthetic tree, used when no real checkout is given. */
async function generatedTree() {
  const root = join(repoRoot, 'bench', '.work', 'tree');
  const marker = join(root, '.generated-v2');
  if (existsSync(marker)) return root;
  rmSync(root, { recursive: true, force: true });
  const gen = await import(join(repoRoot, 'packages', 'scanner', 'dist', 'src', 'detect', 'index.js'));
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // Ordinary code: a keyword such as "key" or "token" now and then, as in real sources.
  const body = (i) =>
    Array.from({ length: 10 + (i % 30) }, (_, j) =>
      j % 12 === 5
        ? `export const cacheKey${j} = (id: string): string => \`item:\${id}:${j}\`;\n`
        : `export function handler${i}_${j}(input: string, count: number): string[] {\n  return input.split(',').slice(0, count).map((part) => part.trim() + '${j}');\n}\n`,
    ).join('\n');
  for (let i = 0; i < 3000; i++) {
    const pkg = `packages/pkg${i % 40}`;
    if (i % 10 === 0) write(`${pkg}/config/settings${i}.json`, JSON.stringify({ name: `svc${i}`, url: `https://svc${i}.example.com/api`, retries: i % 5, features: { a: true, b: [1, 2, 3] } }, null, 2));
    else if (i % 10 === 1) write(`${pkg}/deploy/values${i}.yaml`, `service:\n  name: svc${i}\n  replicas: ${i % 4}\n  image: registry.example.com/svc:${i}\n  env:\n    - name: MODE\n      value: production\n`);
    else write(`${pkg}/src/module${i}.ts`, body(i));
  }
  write('packages/pkg1/config/appsettings.json', JSON.stringify({ Storage: { ConnectionString: gen.generateStorageConnectionString(7) } }, null, 2));
  write('packages/pkg2/src/secrets.ts', `export const key = "${gen.generateIdentifiableKey('storage', 3)}";\n`);
  write('packages/pkg3/.env', `CLIENT_SECRET=${gen.generateEntraClientSecret(5)}\n`);
  write('packages/eslint-plugin/README.md', '# eslint-plugin (generated)\n');
  for (let i = 0; i < 300; i++) write(`packages/eslint-plugin/src/rule${i}.ts`, body(i));
  writeFileSync(marker, '');
  return root;
}

function runKeyless(path) {
  const started = performance.now();
  const load = loadavg()[0];
  const r = spawnSync(process.execPath, ['--import', CPU_PROBE, keylessBin, 'scan', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  const cpuUs = /^keyless-bench-cpu (\d+) (\d+)$/m.exec(r.stderr);
  const cpu = cpuUs ? (Number(cpuUs[1]) + Number(cpuUs[2])) / 1e6 : NaN;
  if (r.status !== 0 && r.status !== 1) throw new Error(`keyless failed (${r.status}): ${r.stderr}`);
  const summary = /scanned (\d+) files \(([\d.]+) (B|KiB|MiB)\)/.exec(r.stderr);
  const unit = { B: 1, KiB: 1024, MiB: 1024 * 1024 }[summary?.[3] ?? 'B'];
  return {
    wall,
    cpu,
    load,
    files: Number(summary?.[1] ?? 0),
    bytes: Number(summary?.[2] ?? 0) * unit,
    findings: JSON.parse(r.stdout).findings,
  };
}

/** Wall time of reading every file of the tree once (the scan's floor): tracked files in a checkout. */
function readEveryFile(path) {
  const list = existsSync(join(path, '.git')) ? 'git ls-files -z' : 'find . -type f -not -path "./.git/*" -print0';
  const started = performance.now();
  const r = spawnSync('sh', ['-c', `${list} | xargs -0 cat > /dev/null`], { cwd: path, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`reading every file failed (${r.status})`);
  return (performance.now() - started) / 1000;
}

function runSecretlint(path) {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-secretlint-'));
  const rc = join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const started = performance.now();
  const r = spawnSync(secretlintBin, ['**/*', '--secretlintrc', rc, '--format', 'json', '--no-color'], { cwd: path, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint failed (${r.status}): ${r.stderr.slice(0, 300)}`);
  return { wall };
}

const given = process.argv[2] ?? process.env.KEYLESS_BENCH_REPO;
const root = given ?? (await generatedTree());
console.log(`tree: ${root}${given ? '' : ' (generated)'}`);

// The floor: reading every file the scan reads, measured alternately with the scans.
const floors = [];
const runs = [];
const empties = [];
const emptyDir = mkdtempSync(join(tmpdir(), 'keyless-bench-empty-'));
for (let i = 0; i < RUNS; i++) {
  floors.push(readEveryFile(root));
  runs.push(runKeyless(root));
  empties.push(runKeyless(emptyDir));
}
rmSync(emptyDir, { recursive: true, force: true });
const best = runs[runs.length - 1];
const wall = median(runs.map((r) => r.wall));
const floor = median(floors);
console.log(
  `read-every-file floor (${existsSync(join(root, '.git')) ? 'git ls-files -z | xargs -0 cat' : 'find -type f | xargs cat'}): ` +
    `${floor.toFixed(3)} s (median of ${RUNS}: ${floors.map((f) => f.toFixed(2)).join(', ')}); ` +
    `keyless scan = ${(wall / floor).toFixed(2)}x the floor (target <= 1.6x)`,
);
const cpu = median(runs.map((r) => r.cpu));
console.log(
  `keyless scan: ${wall.toFixed(2)} s wall (median of ${RUNS}: ${runs.map((r) => r.wall.toFixed(2)).join(', ')}), ${best.files} files, ` +
    `${(best.bytes / 1e6).toFixed(1)} MB, ${(best.bytes / 1e6 / wall).toFixed(1)} MB/s, ${best.findings.length} findings`,
);
console.log(
  `  CPU ${cpu.toFixed(2)} s (median; runs: ${runs.map((r) => r.cpu.toFixed(2)).join(', ')}), ` +
    `load average before each run: ${runs.map((r) => r.load.toFixed(2)).join(', ')} on ${availableParallelism()} cores`,
);
const fixedCpu = median(empties.map((r) => r.cpu));
const scanCpu = Math.max(0, cpu - fixedCpu);
const cores = availableParallelism();
console.log(
  `  fixed cost (scan of an empty directory): ${fixedCpu.toFixed(2)} s CPU; scanning: ${scanCpu.toFixed(2)} s CPU = ` +
    `${((scanCpu * 1000) / (best.bytes / 1e6)).toFixed(0)} ms/MB, ${((scanCpu * 1e6) / Math.max(1, best.files)).toFixed(0)} µs/file; ` +
    `least wall on ${cores} cores ~ ${(fixedCpu + scanCpu / cores).toFixed(2)} s = ${((fixedCpu + scanCpu / cores) / floor).toFixed(1)}x the floor`,
);
for (const f of best.findings.slice(0, 20)) console.log(`  finding: ${f.ruleId} ${f.path}:${f.line}:${f.column} ${f.secret}`);

const sub = join(root, 'packages', 'eslint-plugin');
const compared = existsSync(sub) ? sub : root;
if (process.env.KEYLESS_BENCH_SECRETLINT === '0') {
  console.log('secretlint comparison: skipped (KEYLESS_BENCH_SECRETLINT=0)');
} else if (!existsSync(secretlintBin)) {
  console.log('secretlint comparison: skipped (node_modules/.bin/secretlint not installed)');
} else {
  const oursRuns = Array.from({ length: RUNS }, () => runKeyless(compared));
  const ours = median(oursRuns.map((r) => r.wall));
  const load = loadavg()[0];
  const theirs = runSecretlint(compared);
  console.log(
    `same files (${compared}): keyless ${ours.toFixed(2)} s wall (CPU ${median(oursRuns.map((r) => r.cpu)).toFixed(2)} s), ` +
      `secretlint recommended preset ${theirs.wall.toFixed(2)} s wall (load average before it ${load.toFixed(2)})`,
  );
  console.log(`ratio: keyless is ${(theirs.wall / ours).toFixed(1)}x faster than secretlint (target >= 20x)`);
}
