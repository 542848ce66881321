/** --debug diagnostics on stderr (never secrets). */
import type { CliIO } from './io.js';

export function debugLine(io: CliIO, message: string): void {
  io.stderr.write(`keyless: debug: ${message}\n`);
}
