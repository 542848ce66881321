/**
 * `keyless merge REPORT... [--format json|sarif|text] [--output FILE]`: one report from the JSON or
 * SARIF reports of the shards of history scans and of several repositories (report/merge/). Exit
 * codes as `keyless scan`: 2 when shards overlap or are missing (unless --allow-partial), when
 * something was not scanned (unless --allow-unscanned); else --fail-on / --exit-code on the findings.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeReports, readReport, renderMergedJson, renderMergedSarif, renderMergedText, type ReadReport } from '../../report/merge/index.js';
import { escapeTerminal } from '../../report/terminal-escape.js';
import { flag, parseCommand, stringOption } from '../args.js';
import { EXIT_CLEAN, KeylessError, UsageError } from '../errors.js';
import { EXIT_POLICY_OPTIONS, exitPolicyOf } from '../exit-policy.js';
import { mergedExitCode } from '../merged-exit.js';
import { MERGE_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { outputPath, writeOutput } from '../output.js';

const MERGE_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'allow-partial': { type: 'boolean' },
  'allow-unscanned': { type: 'boolean' },
} as const;

const FORMATS = ['json', 'sarif', 'text'] as const;
type MergeOutput = (typeof FORMATS)[number];

function readAll(files: readonly string[], io: CliIO): ReadReport[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      throw new KeylessError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return readReport(file, text);
  });
}

/** The output format: --format, else the reports' own (JSON and SARIF are not converted into each other). */
function outputFormat(value: string | undefined, reports: readonly ReadReport[]): MergeOutput {
  const formats = [...new Set(reports.map((r) => r.format))];
  if (formats.length > 1) {
    const example = (f: string) => reports.find((r) => r.format === f)!.file;
    throw new KeylessError(`the reports mix JSON (${example('json')}) and SARIF (${example('sarif')}); merge reports of one format`);
  }
  if (value === undefined) return formats[0]!;
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${value}')`, 'merge');
  if (value !== 'text' && value !== formats[0]) throw new UsageError(`--format ${value} needs ${value === 'json' ? 'JSON' : 'SARIF'} reports (these are ${formats[0] === 'json' ? 'JSON' : 'SARIF'})`, 'merge');
  return value as MergeOutput;
}

export async function mergeCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('merge', args, { ...MERGE_OPTIONS, ...EXIT_POLICY_OPTIONS }, Number.MAX_SAFE_INTEGER);
  if (flag(p, 'help')) {
    io.stdout.write(MERGE_HELP);
    return EXIT_CLEAN;
  }
  const policy = exitPolicyOf(p, 'merge');
  const format = stringOption(p, 'format');
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`, 'merge');
  if (p.positionals.length === 0) throw new UsageError('merge needs at least one REPORT', 'merge');
  const outFile = stringOption(p, 'output');
  const output = outFile !== undefined ? outputPath(outFile, io) : undefined;

  const reports = readAll(p.positionals, io);
  const chosen = outputFormat(format, reports);
  const merged = mergeReports(reports, { allowPartial: flag(p, 'allow-partial') });
  const render = chosen === 'json' ? renderMergedJson : chosen === 'sarif' ? renderMergedSarif : renderMergedText;
  writeOutput(render(merged), output, io);

  if (!flag(p, 'quiet')) {
    const active = merged.entries.filter((e) => e.suppressed === '').length;
    const repos = merged.scans.length;
    io.stderr.write(`keyless: merged ${reports.length} ${reports.length === 1 ? 'report' : 'reports'}: ${active} ${active === 1 ? 'finding' : 'findings'} in ${repos} ${repos === 1 ? 'repository' : 'repositories'}\n`);
  }
  for (const n of merged.notScanned) io.stderr.write(`keyless: not scanned: ${escapeTerminal(n.repository)}: ${escapeTerminal(n.error)}\n`);
  return mergedExitCode(merged, io, policy, flag(p, 'allow-unscanned'));
}
