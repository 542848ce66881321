#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
import { escapeTerminal } from '../dist/src/report/terminal-escape.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`keyless: ${escapeTerminal(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 2;
  },
);
