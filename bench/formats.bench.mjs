#!/usr/bin/env node
// Cost of the format readers in the content pipeline.
//
// Reads every tracked text file of a repository (KEYLESS_BENCH_REPO or argv[2]; else a generated
// mixed tree under bench/.work/) into memory, then alternates, N rounds (KEYLESS_BENCH_RUNS, default
// 5, after one warm-up round):
//   engine    engine.scanText on every file (the reference: detectors on raw text, no readers)
//   readers   readerFor(path).read on every file (structured readers + the text reader)
//   pipeline  scanContent on every file (readers + engine + candidates + inline ignores)
// Prints MB/s per reader (median round) and the median ratio pipeline / engine, in wall and CPU time.
// Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = new URL('../packages/scanner/dist/src/', import.meta.url).href;
const { readerFor } = await import(`${dist}formats/index.js`);
const { scanContent } = await import(`${dist}scan-content.js`);
const { buildEngine } = await import(`${dist}config/build-engine.js`);
const { decodeText, looksBinary } = await import(`${dist}pipeline/decode.js`);
const ROUNDS = Number(process.env.KEYLESS_BENCH_RUNS ?? 5);

/** A generated tree of code and config files (no secrets), used when no repository is given. */
function generatedRepo() {
  const root = join(here, '.work', 'formats-gen');
  if (existsSync(join(root, 'done'))) return root;
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < 300; i++) {
    const code = [];
    for (let f = 0; f < 20; f++) {
      code.push(
        `export function handler${f}(req: Request, options = { key: 'item-${f}', tokenName: "session" }): string {`,
        `  const value = options.key + req.url; // compare with the cached token`,
        `  return value.split("/").join(",");`,
        `}`,
      );
    }
    writeFileSync(join(root, `file-${i}.ts`), code.join('\n') + '\n');
    const settings = { Logging: { LogLevel: { Default: 'Information' } }, AzureAd: { Instance: 'https://login.microsoftonline.com/', ClientId: `id-${i}`, ClientSecret: '@Microsoft.KeyVault(VaultName=kv;SecretName=s)' } };
    writeFileSync(join(root, `appsettings-${i}.json`), JSON.stringify(settings, null, 2));
    if (i % 5 === 0) {
      writeFileSync(join(root, `pipeline-${i}.yml`), `trigger: [main]\nvariables:\n  - name: sqlPassword\n    value: $(SqlPassword)\nsteps:\n  - script: npm ci && npm test\n    env:\n      TOKEN: $(System.AccessToken)\n`);
      writeFileSync(join(root, `.env.${i}`), `API_URL=https://example.test\nAPI_KEY=\${API_KEY}\n`);
    }
  }
  writeFileSync(join(root, 'done'), '');
  return root;
}

function trackedFiles(root) {
  if (root.startsWith(join(here, '.work'))) return listGenerated(root);
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }).split('\0').filter(Boolean);
  } catch {
    return listGenerated(root);
  }
}

/** Files under a directory that is not a git work tree of its own (the generated tree). */
function listGenerated(root) {
  return readdirSync(root).filter((name) => name !== 'done');
}

const root = process.env.KEYLESS_BENCH_REPO ?? process.argv[2] ?? generatedRepo();
const files = [];
let chars = 0;
for (const path of trackedFiles(root)) {
  let bytes;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    continue;
  }
  if (bytes.length > 1024 * 1024 || looksBinary(bytes)) continue;
  const text = decodeText(bytes);
  files.push({ path, text, reader: readerFor(path, text) });
  chars += text.length;
}
const engine = buildEngine({});

function timed(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const perReader = new Map();
function runReaders() {
  for (const f of files) {
    const start = performance.now();
    try {
      f.reader.read(f.text, f.path);
    } catch {
      // malformed: the pipeline falls back to text; counted in the pipeline run
    }
    const entry = perReader.get(f.reader.name) ?? { chars: 0, times: [] };
    entry.current = (entry.current ?? 0) + performance.now() - start;
    perReader.set(f.reader.name, entry);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = { engine: [], readers: [], pipeline: [] };
let warnings = 0;
let matches = 0;
for (let r = 0; r <= ROUNDS; r++) {
  const e = timed(() => {
    for (const f of files) engine.scanText(f.text);
  });
  for (const entry of perReader.values()) entry.current = 0;
  const rd = timed(runReaders);
  const p = timed(() => {
    warnings = 0;
    matches = 0;
    for (const f of files) {
      const res = scanContent(f.text, f.path, engine);
      matches += res.matches.length;
      if (res.warning) warnings++;
    }
  });
  if (r === 0) continue; // warm-up
  rounds.engine.push(e);
  rounds.readers.push(rd);
  rounds.pipeline.push(p);
  for (const entry of perReader.values()) entry.times.push(entry.current);
}
for (const f of files) perReader.get(f.reader.name).chars += f.text.length;

const mb = chars / 1e6;
console.log(`${root}: ${files.length} text files, ${mb.toFixed(1)} M chars, ${ROUNDS} rounds (median)`);
for (const [name, entry] of [...perReader].sort((a, b) => b[1].chars - a[1].chars)) {
  const ms = median(entry.times);
  console.log(`  reader ${name.padEnd(9)} ${String(files.filter((f) => f.reader.name === name).length).padStart(6)} files ${(entry.chars / 1e6).toFixed(2).padStart(7)} M chars ${ms.toFixed(0).padStart(6)} ms ${(entry.chars / 1e3 / Math.max(ms, 0.001)).toFixed(1).padStart(8)} MB/s`);
}
for (const k of ['engine', 'readers', 'pipeline']) {
  const wall = median(rounds[k].map((x) => x.wall));
  console.log(`  ${k.padEnd(9)} ${wall.toFixed(0).padStart(6)} ms wall ${(mb / (wall / 1000)).toFixed(1).padStart(7)} MB/s`);
}
const ratio = (key) => median(rounds.pipeline.map((p, i) => p[key] / rounds.engine[i][key]));
console.log(`  pipeline / engine: ${ratio('wall').toFixed(2)}x wall, ${ratio('cpu').toFixed(2)}x CPU (${matches} findings, ${warnings} fallback warnings)`);
