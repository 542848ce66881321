/** `keyless scan [PATH]`: scan, filter by baseline, report, summarize; exit 0 (clean) or 1 (findings). */
import { resolve } from 'node:path';
import { buildEngine } from '../../config/build-engine.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../config/types.js';
import { applyBaseline, readBaselineFile, writeBaselineFile, type BaselineEntry } from '../../filters/baseline.js';
import type { Finding } from '../../finding.js';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../../reporters/index.js';
import { rulesFrom } from '../../reporters/report-context.js';
import { flag, parseCommand, SCAN_OPTIONS, stringOption } from '../args.js';
import { debugLine } from '../debug.js';
import { EXIT_CLEAN, UsageError } from '../errors.js';
import { EXIT_POLICY_OPTIONS, exitCodeFor, exitPolicyOf } from '../exit-policy.js';
import { PATH_FLAG_OPTIONS, withPathFlags } from '../path-flags.js';
import { SCAN_HELP } from '../help.js';
import { toolVersion, wantsColor, type CliIO } from '../io.js';
import { outputPath, writeOutput } from '../output.js';
import { configFor, relaunchForFullHistory, runScan, scanModeOf, scanRoot } from '../run-scan.js';
import { summaryLines } from '../summary.js';

const SCAN_ONLY_OPTIONS = {
  format: { type: 'string', short: 'f' },
  baseline: { type: 'string' },
  prune: { type: 'boolean' },
  'no-redact': { type: 'boolean' },
} as const;

interface BaselineUse {
  readonly file: string;
  readonly path: string;
  readonly entries: BaselineEntry[];
  readonly prune: boolean;
}

/**
 * Drops baselined findings; reports stale entries on stderr (one line each) and, with --prune,
 * rewrites the file without them (new findings are never added: use `keyless baseline` for that).
 */
function filterByBaseline(findings: Finding[], use: BaselineUse, io: CliIO): { fresh: Finding[]; baselined: number } {
  const result = applyBaseline(findings, use.entries);
  for (const e of result.stale) {
    const action = use.prune ? 'pruned' : 'run with --prune to drop it';
    io.stderr.write(`keyless: stale baseline entry ${e.fingerprint.slice(0, 12)} (${e.ruleId} in ${e.path}) matches nothing; ${action}\n`);
  }
  if (use.prune && result.stale.length > 0) writeBaselineFile(use.path, result.kept);
  return { fresh: result.fresh, baselined: findings.length - result.fresh.length };
}

export async function scanCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('scan', args, { ...SCAN_OPTIONS, ...SCAN_ONLY_OPTIONS, ...EXIT_POLICY_OPTIONS, ...PATH_FLAG_OPTIONS }, 1);
  if (flag(p, 'help')) {
    io.stdout.write(SCAN_HELP);
    return EXIT_CLEAN;
  }
  // Everything that can fail on arguments fails before the scan starts.
  const format = stringOption(p, 'format') ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got '${format}')`, 'scan');
  const exitPolicy = exitPolicyOf(p, 'scan');
  const baselineFile = stringOption(p, 'baseline');
  if (flag(p, 'prune') && baselineFile === undefined) throw new UsageError('--prune needs --baseline FILE', 'scan');
  const mode = scanModeOf(p, 'scan');
  const quiet = flag(p, 'quiet');
  const debug = flag(p, 'debug');
  const root = scanRoot(p.positionals[0], io);
  const outFile = stringOption(p, 'output');
  const output = outFile !== undefined ? outputPath(outFile, io) : undefined;
  const { config: fileConfig, file: configFile } = configFor(root, p, io);
  const config = withPathFlags(fileConfig, p, 'scan');
  let baseline: BaselineUse | undefined;
  if (baselineFile !== undefined) {
    const path = resolve(io.cwd, baselineFile);
    baseline = { file: baselineFile, path, entries: readBaselineFile(path, baselineFile), prune: flag(p, 'prune') };
  }
  const relaunched = await relaunchForFullHistory(mode, root, !flag(p, 'no-cache'), io);
  if (relaunched !== undefined) return relaunched;
  if (debug) debugLine(io, `root=${root} mode=${mode.kind} config=${configFile ?? '(none)'} format=${format}`);

  const started = performance.now();
  const outcome = await runScan(mode, { root, config, progress: io.stderr.isTTY === true && !quiet, cache: !flag(p, 'no-cache'), debug });
  const elapsedMs = performance.now() - started;
  const { fresh, baselined } = baseline ? filterByBaseline(outcome.findings, baseline, io) : { fresh: outcome.findings, baselined: 0 };

  const engine = buildEngine(config);
  if (debug) debugLine(io, `${engine.detectors.length} detectors enabled; ${outcome.findings.length} findings before the baseline`);
  const report = renderReport(format, fresh, {
    rules: rulesFrom(engine.detectors),
    redact: !flag(p, 'no-redact'),
    toolVersion: toolVersion(),
    color: format === 'text' && output === undefined && wantsColor(io.stdout, io.env),
  });
  writeOutput(report, output, io);
  if (!quiet) {
    const maxFileSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const lines = summaryLines({ outcome, reported: fresh.length, baselined, elapsedMs, maxFileSize, verbose: debug });
    io.stderr.write(lines.map((l) => `${l}\n`).join(''));
  }
  return exitCodeFor(fresh, exitPolicy);
}
