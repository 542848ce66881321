/** Writing a report to stdout or to --output FILE (whose directory must exist). */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KeylessError } from './errors.js';
import type { CliIO } from './io.js';

/** Absolute path for --output, checked before any work is done. */
export function outputPath(file: string, io: CliIO): string {
  const abs = resolve(io.cwd, file);
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new KeylessError(`cannot write ${file}: directory ${dirname(file)} does not exist`);
  }
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new KeylessError(`cannot write ${file}: it is a directory`);
  return abs;
}

export function writeOutput(text: string, file: string | undefined, io: CliIO): void {
  if (file === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new KeylessError(`cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
