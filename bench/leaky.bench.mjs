#!/usr/bin/env node
// Recall/precision on the public leaky-repo benchmark (Plazmaz/leaky-repo), by line.
// `node bench/leaky.bench.mjs /path/to/leaky-checkout [keyless scan options, e.g. --confidence low]`
// (or KEYLESS_LEAKY_REPO=/path); without a
// checkout it says what it needs and exits 0. Get one with
//   git clone -q https://github.com/Plazmaz/leaky-repo /tmp/leaky
// It runs `keyless scan <checkout> --format json` and compares the findings' lines with
// bench/leaky-labels.json (our own labels: path -> risky and informative line numbers; a
// [start, end] pair is one multi-line secret). Printed: risky lines found / all risky lines,
// informative lines flagged, false positives (flagged lines that are neither), per file.
// Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const keylessBin = join(repoRoot, 'packages', 'scanner', 'bin', 'keyless.js');
const labels = JSON.parse(readFileSync(join(repoRoot, 'bench', 'leaky-labels.json'), 'utf8'));

const checkout = process.argv[2] ?? process.env.KEYLESS_LEAKY_REPO;
if (!checkout || !existsSync(join(checkout, '.leaky-meta'))) {
  console.log('leaky.bench: needs a leaky-repo checkout: node bench/leaky.bench.mjs <path> (or KEYLESS_LEAKY_REPO=<path>);');
  console.log('  git clone -q https://github.com/Plazmaz/leaky-repo /tmp/leaky');
  process.exit(0);
}

/** A label entry (a line or a [start, end] block) covers `line`? */
function covers(entry, line) {
  return Array.isArray(entry) ? line >= entry[0] && line <= entry[1] : line === entry;
}

/** The benchmark's own per-file counts, to check that our labels agree with them. */
function csvCounts() {
  const csv = join(checkout, '.leaky-meta', 'secrets.csv');
  const out = new Map();
  if (!existsSync(csv)) return out;
  for (const raw of readFileSync(csv, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [path, risky, informative] = line.split(',');
    if (path && risky !== undefined && informative !== undefined) out.set(path, { risky: Number(risky), informative: Number(informative) });
  }
  return out;
}

const started = process.hrtime.bigint();
const extraArgs = process.argv.slice(3);
const run = spawnSync(process.execPath, [keylessBin, 'scan', checkout, '--format', 'json', '--quiet', ...extraArgs], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
if (run.status !== 0 && run.status !== 1) {
  console.error(`leaky.bench: keyless exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
  process.exit(1);
}
const { findings } = JSON.parse(run.stdout);

/** path -> set of flagged lines (with the rule ids that flagged them). */
const flagged = new Map();
for (const f of findings) {
  const lines = flagged.get(f.path) ?? new Map();
  lines.set(f.line, [...(lines.get(f.line) ?? []), f.ruleId]);
  flagged.set(f.path, lines);
}

let riskyTotal = 0;
let riskyFound = 0;
let informativeFlagged = 0;
let falsePositives = 0;
const rows = [];
const fpRows = [];
const counts = csvCounts();
const mismatches = [];
for (const path of new Set([...Object.keys(labels.files), ...flagged.keys()])) {
  const label = labels.files[path] ?? { risky: [], informative: [] };
  const lines = flagged.get(path) ?? new Map();
  const found = label.risky.filter((e) => [...lines.keys()].some((l) => covers(e, l))).length;
  const info = label.informative.filter((e) => [...lines.keys()].some((l) => covers(e, l))).length;
  const fps = [...lines.entries()].filter(([l]) => ![...label.risky, ...label.informative].some((e) => covers(e, l)));
  riskyTotal += label.risky.length;
  riskyFound += found;
  informativeFlagged += info;
  falsePositives += fps.length;
  for (const [l, ids] of fps) fpRows.push(`  ${path}:${l} (${ids.join(', ')})`);
  rows.push({ path, risky: `${found}/${label.risky.length}`, informative: `${info}/${label.informative.length}`, fp: fps.length });
  const c = counts.get(path);
  if (c && (c.risky !== label.risky.length || c.informative !== label.informative.length)) mismatches.push(path);
}

rows.sort((a, b) => (a.path < b.path ? -1 : 1));
const width = Math.max(...rows.map((r) => r.path.length));
console.log(`${'file'.padEnd(width)}  risky found  informative flagged  false positives`);
for (const r of rows) console.log(`${r.path.padEnd(width)}  ${r.risky.padStart(11)}  ${r.informative.padStart(19)}  ${String(r.fp).padStart(15)}`);
if (fpRows.length) console.log(`false positives:\n${fpRows.join('\n')}`);
if (mismatches.length) console.log(`labels disagree with secrets.csv counts for: ${mismatches.join(', ')}`);
const pct = riskyTotal ? ((100 * riskyFound) / riskyTotal).toFixed(1) : '0';
console.log(
  `risky lines found: ${riskyFound}/${riskyTotal} (${pct}%); informative lines flagged: ${informativeFlagged}; false positives: ${falsePositives}; findings: ${findings.length}; ${ms.toFixed(0)} ms`,
);
