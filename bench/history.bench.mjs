#!/usr/bin/env node
// History scanning bench (issue 3). Measures, in one run:
//   floor   `git log -p -U0 --all --no-renames > /dev/null` (what diff-based scanners pay at least)
//   full    our history scan with a cold cache (child process: wall, peak RSS, findings); floor and
//           full alternate KEYLESS_BENCH_PAIRS times (default 3) and the median ratio is reported
//   rescan  the same after one new commit, cache warm (on a temporary clone)
//   staged  `--staged` with one small staged file (on the same temporary clone)
// Repository: KEYLESS_BENCH_REPO or the first argument; otherwise a synthetic history is generated
// (KEYLESS_BENCH_COMMITS, default 4000) with a few generated secrets. The source repo is never modified.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const lib = new URL('../packages/scanner/dist/src/index.js', import.meta.url).href;
const gen = new URL('../packages/scanner/dist/src/detect/examples/generate.js', import.meta.url).href;
const cliBin = fileURLToPath(new URL('../packages/scanner/bin/keyless.js', import.meta.url));

// ---- child mode: one scan, prints one JSON line ---------------------------------------------
if (process.argv[2] === '--child') {
  const [, , , mode, root, cacheFlag] = process.argv;
  const t0 = performance.now();
  const { scanHistory, scanStaged, redactSecret } = await import(lib);
  const options = { root, config: {}, cache: cacheFlag !== '--no-cache' };
  const out = mode === 'staged' ? await scanStaged(options) : await scanHistory(options);
  const wall = performance.now() - t0;
  const findings = out.findings.map((f) => ({
    ruleId: f.ruleId, path: f.path, line: f.line, column: f.column, commit: f.commit?.commit, date: f.commit?.date,
    occurrences: f.occurrences, secret: redactSecret(f.secret), key: f.key,
  }));
  process.stdout.write(JSON.stringify({ wall, maxRssMb: process.resourceUsage().maxRSS / 1024, stats: { ...out.stats, skipped: out.stats.skipped.length }, warnings: out.warnings.slice(0, 5), findings }) + '\n');
  process.exit(0);
}

// ---- helpers ---------------------------------------------------------------------------------
const git = (cwd, ...args) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();

function timeToDevNull(cmd, args) {
  const fd = openSync('/dev/null', 'w');
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', fd, 'inherit'] });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  return ms;
}

// A full (cold) history scan runs in a node with the flags the CLI relaunches itself with for one
// (relaunch.ts); a re-scan with a cache runs in a plain node, as the CLI runs it.
const { HISTORY_NODE_FLAGS } = await import(new URL('../packages/scanner/dist/src/cli/relaunch.js', import.meta.url).href);

function child(mode, root, cache, env = {}, flags = []) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...flags, here, '--child', mode, root, cache ? '--cache' : '--no-cache'], {
    encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const processWall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`scan child failed (${mode})`);
  return { ...JSON.parse(r.stdout), processWall };
}

/** A synthetic history: realistic small source files edited over many commits, a few secrets. */
async function syntheticRepo(commits) {
  const g = await import(gen);
  const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-hist-'));
  git(tmpdir(), 'init', '-q', '-b', 'main', dir);
  const secrets = [
    ['src/config/storage.ts', () => `export const conn = "${g.generateStorageConnectionString(7)}";\n`],
    ['deploy/app.env', () => `AZURE_CLIENT_SECRET=${g.generateEntraClientSecret(3)}\n`],
    ['scripts/publish.sh', () => `export NPM_TOKEN=${g.generateNpmToken(5)}\n`],
  ];
  const words = ['user', 'order', 'invoice', 'token', 'key', 'cache', 'client', 'password', 'secret', 'config', 'item', 'request'];
  // Like a real commit, a version edits a few lines of a file (one function's default and the
  // header), not every line: line-novelty then works as it does on real histories.
  const file = (n, v) => {
    const w = words[n % words.length];
    const functions = 40 + (n % 30);
    let s = `// module ${n} v${v}\nimport { ${w}Service } from './${w}';\n\n`;
    for (let i = 0; i < functions; i++) {
      const fallback = i === v % functions ? v + i : i;
      s += `export function ${w}${i}(input: ${w}Input): number {\n  const ${w}Key = input.${w}[${i}] ?? ${fallback};\n  return ${w}Key * ${n};\n}\n\n`;
    }
    return s;
  };
  let stream = '';
  const t = 1_700_000_000;
  for (let c = 1; c <= commits; c++) {
    stream += `commit refs/heads/${c % 97 === 0 ? `feature/${c}` : 'main'}\nmark :${c}\ncommitter Bench <bench@example.test> ${t + c * 60} +0000\ndata 9\ncommit ${c % 10}\n`;
    if (c > 1 && c % 97 !== 0) stream += `from :${c - 1}\n`;
    else if (c > 1) stream += `from :${c - 1}\n`;
    for (let k = 0; k < 1 + (c % 4); k++) {
      const n = (c * 7 + k * 13) % 400;
      const content = file(n, c);
      stream += `M 100644 inline src/m${n}.ts\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
    const s = secrets[c % 1000 === 500 ? (c / 1000) % secrets.length | 0 : -1];
    if (s) {
      const content = s[1]();
      stream += `M 100644 inline ${s[0]}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: stream, maxBuffer: 1 << 28 });
  git(dir, 'checkout', '-q', 'main');
  return dir;
}

// ---- main ------------------------------------------------------------------------------------
const given = process.env.KEYLESS_BENCH_REPO || process.argv.slice(2).find((a) => !a.startsWith('-'));
const source = given || (await syntheticRepo(Number(process.env.KEYLESS_BENCH_COMMITS || 4000)));
const commitCount = git(source, 'rev-list', '--all', '--count');
console.log(`repo: ${given ? source : `synthetic (${source})`}, ${commitCount} commits`);

// KEYLESS_BENCH_FLOOR=0 skips the floor (e.g. to re-measure only the cached re-scan and staged).
const withFloor = process.env.KEYLESS_BENCH_FLOOR !== '0';
// The floor and our full scan run in alternation, KEYLESS_BENCH_PAIRS times (default 3): wall times
// on a shared machine drift by tens of percent, so the ratio is taken per pair, and its median reported.
const PAIRS = Math.max(1, Number(process.env.KEYLESS_BENCH_PAIRS ?? 3));
const floor = () => timeToDevNull('git', ['-C', source, 'log', '-p', '-U0', '--all', '--no-renames']);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Our scans run on a temporary clone sharing the source's objects (the source is never touched):
// the full scan with a cold cache (the same work as --no-cache, plus writing the cache), then the
// re-scan after one new commit with the cache warm, then --staged with one small staged file.
const clone = mkdtempSync(join(tmpdir(), 'keyless-bench-clone-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'keyless-bench-cache-'));
let full;
try {
  git(tmpdir(), 'clone', '-q', '--shared', '--no-checkout', source, clone);
  git(clone, 'fetch', '-q', 'origin', '+refs/*:refs/source/*');
  // Refs packed, as a fresh `git clone` leaves them (thousands of loose refs would cost every ref read).
  git(clone, 'pack-refs', '--all');
  git(clone, 'checkout', '-q', '-f');
  git(clone, 'config', 'user.name', 'Bench');
  git(clone, 'config', 'user.email', 'bench@example.test');
  const env = { KEYLESS_CACHE_DIR: cacheDir };
  const ratios = [];
  let peakRss = 0;
  for (let pair = 1; pair <= PAIRS; pair++) {
    const floorMs = withFloor ? floor() : NaN;
    // Each full scan starts with a cold cache; the last one's cache serves the re-scan below.
    rmSync(cacheDir, { recursive: true, force: true });
    full = child('history', clone, true, env, HISTORY_NODE_FLAGS);
    peakRss = Math.max(peakRss, full.maxRssMb);
    ratios.push(full.processWall / floorMs);
    console.log(`pair ${pair}/${PAIRS}: floor \`git log -p -U0 --all --no-renames > /dev/null\` ${(floorMs / 1000).toFixed(2)} s, keyless full history scan (cold cache) ${(full.processWall / 1000).toFixed(2)} s wall (process), ratio ${(full.processWall / floorMs).toFixed(2)}x, peak RSS ${Math.round(full.maxRssMb)} MB`);
  }
  console.log(`full   keyless history scan (cold cache): median ratio ${median(ratios).toFixed(2)}x floor over ${PAIRS} pairs (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}), peak RSS ${Math.round(peakRss)} MB (max), ${full.stats.commitsScanned} commits, ${full.stats.filesScanned} blobs, ${(full.stats.bytesScanned / 1e9).toFixed(2)} GB`);
  writeFileSync(join(clone, 'keyless-bench-new.txt'), `one new commit ${Date.now()}\n`);
  git(clone, 'add', 'keyless-bench-new.txt');
  git(clone, 'commit', '-q', '-m', 'bench: one new commit');
  const rescan = child('history', clone, true, env);
  // The same through the CLI, as CI runs it (with a cache, it scans in its own process: no relaunch).
  writeFileSync(join(clone, 'keyless-bench-new.txt'), `another new commit ${Date.now()}\n`);
  git(clone, 'commit', '-q', '-am', 'bench: another new commit');
  const cliRescanStart = performance.now();
  const cliRescan = spawnSync(process.execPath, [cliBin, 'scan', '--history', '--quiet', clone], { stdio: 'ignore', env: { ...process.env, ...env } });
  const cliRescanMs = performance.now() - cliRescanStart;
  if (cliRescan.status !== 0 && cliRescan.status !== 1) throw new Error('keyless scan --history (re-scan) failed');
  console.log(`rescan one new commit, cache warm: ${Math.round(rescan.processWall)} ms wall (process), same findings as the full scan: ${JSON.stringify(rescan.findings) === JSON.stringify(full.findings)}; CLI \`keyless scan --history\` after one more commit ${Math.round(cliRescanMs)} ms`);
  writeFileSync(join(clone, 'keyless-bench-staged.ts'), 'export const greeting = "hello";\n');
  git(clone, 'add', 'keyless-bench-staged.ts');
  const staged = child('staged', clone, false);
  // What a pre-commit hook runs: the CLI itself (it loads only what a staged scan needs).
  const cliWalls = [1, 2, 3].map(() => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cliBin, 'scan', '--staged', '--quiet', clone], { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error('keyless scan --staged failed');
    return performance.now() - t0;
  });
  const cliMedian = [...cliWalls].sort((a, b) => a - b)[1];
  console.log(
    `staged one small staged file: CLI \`keyless scan --staged\` ${Math.round(cliMedian)} ms wall (median of 3), ` +
      `library call in a fresh process ${Math.round(staged.processWall)} ms, ${staged.findings.length} findings`,
  );
} finally {
  rmSync(clone, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  if (!given) rmSync(source, { recursive: true, force: true });
}

console.log(`findings on the full history (${full.findings.length}), redacted:`);
for (const f of full.findings) {
  console.log(`  ${f.ruleId}  ${f.path}:${f.line}:${f.column}  ${f.commit?.slice(0, 12)} ${f.date?.slice(0, 10)}  x${f.occurrences}  ${f.key ? `${f.key}: ` : ''}${f.secret}`);
}
if (full.warnings.length) console.log(`warnings (first 5): ${full.warnings.join(' | ')}`);
