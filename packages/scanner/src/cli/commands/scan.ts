/** `keyless scan [PATH]`: scan, filter by baseline, report, summarize; exit 0/1. */
import { resolve } from 'node:path';
import { readBaselineFile, applyBaseline, writeBaselineFile } from '../../filters/baseline.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../config/types.js';
import { buildEngine } from '../../config/build-engine.js';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../../reporters/index.js';
import { rulesFrom } from '../../reporters/report-context.js';
import { flag, parseCommand, SCAN_OPTIONS, stringOption } from '../args.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from '../errors.js';
import { SCAN_HELP } from '../help.js';
import { toolVersion, wantsColor, type CliIO } from '../io.js';
import { outputPath, writeOutput } from '../output.js';
import { configFor, runScan, scanModeOf, scanRoot } from '../run-scan.js';
import { summaryLines } from '../summary.js';
import { debugLine } from '../debug.js';

export async function scanCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand(
    'scan',
    args,
    {
      ...SCAN_OPTIONS,
      format: { type: 'string', short: 'f' },
      baseline: { type: 'string' },
      prune: { type: 'boolean' },
      'no-redact': { type: 'boolean' },
    },
    1,
  );
  if (flag(p, 'help')) {
    io.stdout.write(SCAN_HELP);
    return EXIT_CLEAN;
  }
  const format = stringOption(p, 'format') ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got '${format}')`, 'scan');
  const baselineFile = stringOption(p, 'baseline');
  if (flag(p, 'prune') && baselineFile === undefined) throw new UsageError('--prune needs --baseline FILE', 'scan');
  const mode = scanModeOf(p, 'scan');
  const quiet = flag(p, 'quiet');
  const debug = flag(p, 'debug');
  const root = scanRoot(p.positionals[0], io);
  const outFile = stringOption(p, 'output');
  const output = outFile !== undefined ? outputPath(outFile, io) : undefined;
  const { config, file: configFile } = configFor(root, p, io);
  const baselinePath = baselineFile !== undefined ? resolve(io.cwd, baselineFile) : undefined;
  const baseline = baselinePath !== undefined ? readBaselineFile(baselinePath, baselineFile) : undefined;
  if (debug) debugLine(io, `root=${root} mode=${mode.kind} config=${configFile ?? '(none)'} format=${format}`);

  const started = performance.now();
  const outcome = await runScan(mode, {
    root,
    config,
    progress: io.stderr.isTTY === true && !quiet,
    cache: !flag(p, 'no-cache'),
    debug,
  });
  const elapsedMs = performance.now() - started;

  let findings = outcome.findings;
  let baselined = 0;
  if (baseline) {
    const result = applyBaseline(findings, baseline);
    baselined = findings.length - result.fresh.length;
    findings = result.fresh;
    for (const e of result.stale) {
      io.stderr.write(
        `keyless: stale baseline entry ${e.fingerprint.slice(0, 12)} (${e.ruleId} in ${e.path}) matches nothing${flag(p, 'prune') ? '; pruned' : '; run with --prune to drop it'}\n`,
      );
    }
    if (flag(p, 'prune') && result.stale.length && baselinePath !== undefined) writeBaselineFile(baselinePath, result.kept);
  }

  const engine = buildEngine(config);
  if (debug) debugLine(io, `${engine.detectors.length} detectors enabled; ${outcome.findings.length} findings before baseline`);
  const report = renderReport(format, findings, {
    rules: rulesFrom(engine.detectors),
    redact: !flag(p, 'no-redact'),
    toolVersion: toolVersion(),
    color: format === 'text' && output === undefined && wantsColor(io.stdout, io.env),
  });
  writeOutput(report, output, io);
  if (!quiet) {
    const lines = summaryLines({
      outcome,
      reported: findings.length,
      baselined,
      elapsedMs,
      maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    });
    io.stderr.write(lines.map((l) => `${l}\n`).join(''));
  }
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
