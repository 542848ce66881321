/** `keyless install-hook [PATH] [--force]`: install the git pre-commit hook (src/hooks). */
import { resolve } from 'node:path';
import { installHook } from '../../hooks/install-hook.js';
import { flag, parseCommand } from '../args.js';
import { EXIT_CLEAN } from '../errors.js';
import { INSTALL_HOOK_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { escapeTerminal } from '../../report/terminal-escape.js';

export async function installHookCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('install-hook', args, { force: { type: 'boolean' } }, 1);
  if (flag(p, 'help')) {
    io.stdout.write(INSTALL_HOOK_HELP);
    return EXIT_CLEAN;
  }
  const result = installHook(resolve(io.cwd, p.positionals[0] ?? '.'), { force: flag(p, 'force') });
  if (!flag(p, 'quiet')) {
    const backup = result.backupPath ? ` (previous hook kept at ${result.backupPath})` : '';
    io.stderr.write(`keyless: pre-commit hook ${result.action}: ${escapeTerminal(`${result.hookPath}${backup}`)}\n`);
  }
  return EXIT_CLEAN;
}
