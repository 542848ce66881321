/** CLI entry: dispatches the command, maps outcomes to exit codes 0/1/2, errors to one line. */
import { EXIT_CLEAN, EXIT_ERROR, KeylessError, UsageError, firstLine } from './errors.js';
import { escapeTerminal } from '../report/terminal-escape.js';
import { processIO, toolVersion, type CliIO } from './io.js';

type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** Commands, each loaded only when run. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  scan: async () => (await import('./commands/scan.js')).scanCommand,
  baseline: async () => (await import('./commands/baseline.js')).baselineCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  'install-hook': async () => (await import('./commands/install-hook.js')).installHookCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand,
  'scan-repos': async () => (await import('./commands/scan-repos.js')).scanReposCommand,
  'plan-shards': async () => (await import('./commands/plan-shards.js')).planShardsCommand,
};

/** The help text (cli/help.ts, every command's), loaded only when shown. */
async function mainHelp(): Promise<string> {
  return (await import('./help.js')).MAIN_HELP;
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(await mainHelp());
    return EXIT_ERROR;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(await mainHelp());
    return EXIT_CLEAN;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT_CLEAN;
  }
  const load = COMMANDS[first];
  if (!load) {
    if (first.startsWith('-')) throw new UsageError(`unknown option '${first}' (expected a command first: scan, baseline, explain, install-hook, merge, scan-repos, plan-shards)`);
    throw new UsageError(`unknown command '${first}'`);
  }
  return (await load())(rest, io);
}

/**
 * Runs the CLI; never throws: errors are printed as `keyless: <message>` and return 2. Messages may
 * quote paths or values from the scanned repository: they are escaped for the terminal.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await dispatch(argv, io);
  } catch (err) {
    io.stderr.write(`keyless: ${escapeTerminal(firstLine(err))}\n`);
    if (err instanceof KeylessError && err.hint) io.stderr.write(`keyless: ${escapeTerminal(err.hint)}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack.split('\n').map(escapeTerminal).join('\n')}\n`);
    return EXIT_ERROR;
  }
}
