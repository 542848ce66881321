#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { missingNodeFlags, relaunch } from '../dist/src/cli/relaunch.js';

const args = process.argv.slice(2);
const flags = missingNodeFlags(args, process.execArgv);
const run = flags.length > 0 ? relaunch(fileURLToPath(import.meta.url), args, flags) : import('../dist/src/cli/main.js').then(({ main }) => main(args));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`keyless: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
