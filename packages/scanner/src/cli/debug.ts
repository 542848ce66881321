/** --debug diagnostics on stderr (never secrets; escaped for the terminal, as they quote paths). */
import { escapeTerminal } from '../report/terminal-escape.js';
import type { CliIO } from './io.js';

export function debugLine(io: CliIO, message: string): void {
  io.stderr.write(`keyless: debug: ${escapeTerminal(message)}\n`);
}
