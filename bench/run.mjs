#!/usr/bin/env node
// `pnpm bench [name...] [-- options]`: runs bench/<name>.bench.mjs (all when none named) and prints
// their figures. Each bench measures against a reference run in the same process and prints ratios.
// Pass a real checkout with KEYLESS_BENCH_REPO=/path (falls back to a generated tree/history). Paths
// given as arguments (`pnpm bench size /path/to/clone ...`) are real clones for the size bench
// (KEYLESS_BENCH_REPOS).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const isPath = (a) => a.includes('/');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-') && !isPath(a));
const repos = process.argv.slice(2).filter(isPath);
const env = repos.length ? { ...process.env, KEYLESS_BENCH_REPOS: [process.env.KEYLESS_BENCH_REPOS, ...repos].filter(Boolean).join(':') } : process.env;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b}`);
  const r = spawnSync(process.execPath, ['--expose-gc', `${dir}${b}`], { stdio: 'inherit', env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
