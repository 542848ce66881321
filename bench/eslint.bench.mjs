#!/usr/bin/env node
// ESLint overhead of @keyless/eslint-plugin's configs.recommended.
//
// Lints `packages/*/src/**/*.ts` (or KEYLESS_BENCH_GLOB) of a repository (KEYLESS_BENCH_REPO or
// argv[2]; else a generated set of TS files under bench/.work/) with ESLint's Node API, the parser
// configured in every run (@typescript-eslint/parser for .ts, ESLint's default for .js):
//   parser    only @typescript-eslint/parser (the reference)
//   keyless   + keyless configs.recommended
//   nosecrets + eslint-plugin-no-secrets (no-secrets/no-secrets)
//   trivial   + one rule that visits every `new` expression (calibration)
//   programOnly + one rule that listens to `Program` only (calibration: the least any rule costs, as
//             ESLint only traverses the AST, with code-path analysis, when a rule is on)
// Runs alternate (parser, keyless, nosecrets, trivial, programOnly) N times (KEYLESS_BENCH_RUNS, default 5, after
// one warm-up round); each ratio is the median over rounds of (config time / parser time in the
// same round), for wall time and for this process's CPU time (less sensitive to other load on a
// shared machine). Prints the problem counts of each config, then (unless KEYLESS_BENCH_PROFILE=0)
// the share of CPU-profile samples spent in keyless code during one more keyless run. Figures are
// printed, never asserted.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import noSecrets from 'eslint-plugin-no-secrets';

const here = fileURLToPath(new URL('.', import.meta.url));
const keyless = (await import(new URL('../packages/eslint-plugin/dist/src/index.js', import.meta.url).href)).default;
// Which files to lint (default: the typescript-eslint layout); e.g. "**/*.{js,ts}" for a sample app.
const PATTERN = process.env.KEYLESS_BENCH_GLOB ?? 'packages/*/src/**/*.ts';
const CODE_FILES = ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'];
const ROUNDS = Number(process.env.KEYLESS_BENCH_RUNS ?? 5);

/** A generated tree of ordinary TS files (no secrets), used when no repository is given. */
function generatedRepo() {
  const root = join(here, '.work', 'eslint-gen');
  const dir = join(root, 'packages', 'gen', 'src');
  if (existsSync(join(dir, 'file-399.ts'))) return root;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 400; i++) {
    const lines = [`import { helper${i % 7} } from './helpers-${i % 7}.js';`, ''];
    for (let f = 0; f < 12; f++) {
      lines.push(
        `/** Function ${f} of file ${i}. */`,
        `export function compute${f}(input: { name: string; count: number }, options = { label: 'item-${f}', retries: ${f} }): string {`,
        `  const parts = new Map<string, number>();`,
        `  for (let k = 0; k < input.count; k++) parts.set(\`\${input.name}-\${k}\`, k * ${f + 1});`,
        `  if (parts.size > ${f * 3}) throw new Error("too many parts for " + options.label);`,
        `  return [...parts.keys()].join(",") + helper${i % 7}(options.label, "separator-${f}");`,
        `}`,
      );
    }
    writeFileSync(join(dir, `file-${i}.ts`), lines.join('\n') + '\n');
  }
  for (let h = 0; h < 7; h++) writeFileSync(join(dir, `helpers-${h}.ts`), `export const helper${h} = (a: string, b: string) => a + b;\n`);
  return root;
}

const repo = process.env.KEYLESS_BENCH_REPO || process.argv[2] || generatedRepo();

const trivialPlugin = {
  rules: {
    // The least any rule costs: ESLint runs its traversal (code paths, selectors) only when a rule is on.
    'program-only': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        return {
          Program(node) {
            if (node.body.length < 0) context.report({ node, message: 'never' });
          },
        };
      },
    },
    'visit-new': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        let count = 0;
        return {
          NewExpression(node) {
            if (node.callee.type === 'Identifier' && node.callee.name === '__never__') context.report({ node, message: String(count++) });
          },
        };
      },
    },
  },
};

// TypeScript through @typescript-eslint/parser, JavaScript through ESLint's default parser.
const parserOnly = { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } };
const jsFiles = { files: ['**/*.js', '**/*.mjs', '**/*.cjs'] };
const configs = {
  parser: [parserOnly, jsFiles],
  keyless: [parserOnly, jsFiles, { ...keyless.configs.recommended, files: CODE_FILES }],
  nosecrets: [parserOnly, jsFiles, { files: CODE_FILES, plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } }],
  trivial: [parserOnly, jsFiles, { files: CODE_FILES, plugins: { trivial: trivialPlugin }, rules: { 'trivial/visit-new': 'error' } }],
  programOnly: [parserOnly, jsFiles, { files: CODE_FILES, plugins: { trivial: trivialPlugin }, rules: { 'trivial/program-only': 'error' } }],
};

const PLUGIN_PREFIX = { parser: undefined, keyless: 'keyless/', nosecrets: 'no-secrets/', trivial: 'trivial/', programOnly: 'trivial/' };

async function run(name) {
  globalThis.gc?.();
  const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: configs[name], cache: false });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const results = await eslint.lintFiles([PATTERN]);
  const ms = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const cpuMs = (c1.user + c1.system) / 1000;
  // Only the plugin under test counts: the repository's own eslint-disable comments name rules that
  // are not configured here, which ESLint reports too.
  const prefix = PLUGIN_PREFIX[name];
  let problems = 0;
  let fatal = 0;
  const byRule = new Map();
  for (const r of results) {
    for (const m of r.messages) {
      if (m.fatal) fatal++;
      if (!prefix || !m.ruleId?.startsWith(prefix)) continue;
      problems++;
      byRule.set(m.ruleId, (byRule.get(m.ruleId) ?? 0) + 1);
    }
  }
  return { ms, cpuMs, files: results.length, problems, fatal, byRule };
}

const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

console.log(`eslint.bench: ${repo} (${PATTERN}), ESLint ${ESLint.version}, ${ROUNDS} rounds + warm-up`);
const names = Object.keys(configs);
const last = {};
for (const n of names) last[n] = await run(n); // warm-up round (module loading, JIT)
const ratios = Object.fromEntries(names.filter((n) => n !== 'parser').map((n) => [n, []]));
const cpuRatios = Object.fromEntries(names.filter((n) => n !== 'parser').map((n) => [n, []]));
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < ROUNDS; i++) {
  // Alternate the order each round so drift does not favour one config.
  const order = i % 2 === 0 ? names : [names[0], ...names.slice(1).reverse()];
  const round = {};
  for (const n of order) {
    round[n] = await run(n);
    times[n].push(round[n].ms);
    last[n] = round[n];
  }
  for (const n of Object.keys(ratios)) {
    ratios[n].push(round[n].ms / round.parser.ms);
    cpuRatios[n].push(round[n].cpuMs / round.parser.cpuMs);
  }
  console.log(`  round ${i + 1}: ` + names.map((n) => `${n} ${(round[n].ms / 1000).toFixed(2)}s (cpu ${(round[n].cpuMs / 1000).toFixed(2)}s)`).join(', '));
}
console.log(`files linted: ${last.parser.files}`);
console.log(`parser only: median ${(median(times.parser) / 1000).toFixed(2)}s, parse errors ${last.parser.fatal}`);
for (const n of Object.keys(ratios)) {
  const rules = [...last[n].byRule].map(([r, c]) => `${r}: ${c}`).join(', ');
  console.log(
    `${n}: median wall ratio ${median(ratios[n]).toFixed(3)}x (min ${Math.min(...ratios[n]).toFixed(3)}, max ${Math.max(...ratios[n]).toFixed(3)}), ` +
      `median cpu ratio ${median(cpuRatios[n]).toFixed(3)}x, problems ${last[n].problems}${rules ? ` (${rules})` : ''}`,
  );
}

// Load-insensitive view: one keyless run under the CPU profiler; the share of samples whose own code
// is the plugin or the scanner's detectors (engine, not-secret filter, judges) is the rules' cost.
if (process.env.KEYLESS_BENCH_PROFILE !== '0') {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  await run('keyless');
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  let plugin = 0;
  let detectors = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') return; // waiting for I/O is not CPU
    const url = frame.url;
    total += dt;
    if (url.includes('/eslint-plugin/dist/')) plugin += dt;
    else if (url.includes('/scanner/dist/')) detectors += dt;
  });
  const pct = (x) => ((100 * x) / total).toFixed(2);
  console.log(`profile of one keyless run: plugin code ${pct(plugin)}% + scanner detector code ${pct(detectors)}% of ${(total / 1e6).toFixed(1)}s CPU sampled`);
}
