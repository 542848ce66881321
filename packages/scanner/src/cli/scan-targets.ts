/**
 * What `keyless scan` scans, from its positional arguments: one PATH (default `.`, as always),
 * several paths (each a file or a directory, working tree only), or `-` (standard input, named by
 * --stdin-filename). Every path is checked before the scan starts: a missing one is a one-line error.
 */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ScanPath } from '../scan/paths-scan.js';
import { STDIN_DEFAULT_NAME } from '../scan/stdin-scan.js';
import { stringOption, type ParsedCommand } from './args.js';
import { KeylessError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { ScanMode } from './run-scan.js';

export type ScanTargets =
  | { readonly kind: 'root'; readonly path: string | undefined }
  | { readonly kind: 'paths'; readonly paths: readonly ScanPath[] }
  | { readonly kind: 'stdin'; readonly name: string };

export const STDIN_ARG = '-';

function checkedPath(arg: string, io: CliIO): ScanPath {
  const abs = resolve(io.cwd, arg);
  const info = statSync(abs, { throwIfNoEntry: false });
  if (!info) throw new KeylessError(`path not found: ${arg}`);
  const shown = relative(io.cwd, abs).split(sep).join('/') || '.';
  return { abs, shown, isFile: info.isFile() };
}

export function scanTargetsOf(p: ParsedCommand, mode: ScanMode, io: CliIO): ScanTargets {
  const args = p.positionals;
  const stdinName = stringOption(p, 'stdin-filename');
  const treeOnly = (what: string) => {
    if (mode.kind !== 'tree') throw new UsageError(`${what} cannot be combined with --${mode.kind}`, 'scan');
  };
  if (args.includes(STDIN_ARG)) {
    if (args.length > 1) throw new UsageError(`'-' (standard input) cannot be combined with other paths`, 'scan');
    treeOnly(`'-' (standard input)`);
    if (stdinName !== undefined && (stdinName.trim() === '' || /[\0\r\n]/.test(stdinName))) {
      throw new UsageError('--stdin-filename needs a file name', 'scan');
    }
    return { kind: 'stdin', name: stdinName ?? STDIN_DEFAULT_NAME };
  }
  if (stdinName !== undefined) throw new UsageError(`--stdin-filename needs '-' (standard input) as the path`, 'scan');
  if (args.length <= 1) return { kind: 'root', path: args[0] };
  treeOnly('several paths');
  return { kind: 'paths', paths: args.map((a) => checkedPath(a, io)) };
}
