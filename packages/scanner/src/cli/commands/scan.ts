/**
 * `keyless scan [PATH...]` / `keyless scan -`: scan, filter by baseline, report, summarize; exit 0 (clean) or 1 (findings),
 * or 2 when something could not be scanned (unreadable files, missing objects) unless --allow-unscanned.
 */
import { buildEngine } from '../../config/build-engine.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../config/types.js';
import { applyBaseline, writeBaselineFile, type BaselineEntry } from '../../filters/baseline.js';
import { countSuppressions, disabledRuleCount, suppressedBy } from '../../filters/suppression.js';
import { isPosture, type Finding } from '../../finding/finding.js';
import { prepareFingerprints } from '../../finding/fingerprint.js';
import { compareFindings } from '../../pipeline/make-finding.js';
import { isReportFormat, REPORT_FORMATS } from '../../report/formats.js';
import { loadRenderer } from '../../report/load-renderer.js';
import { postureRulesInfo, rulesFrom } from '../../report/report-context.js';
import { postureRules } from '../../detect/posture/catalog.js';
import { enabledPostureRules } from '../../pipeline/posture-scan.js';
import { needsOrigin, withOriginSubjects } from '../../pipeline/posture-subjects.js';
import { repositoryOrigin } from '../../sources/git/repository-origin.js';
import { escapeTerminal } from '../../report/terminal-escape.js';
import { flag, parseCommand, SCAN_OPTIONS, stringOption } from '../args.js';
import { createProgress } from '../progress.js';
import { debugLine } from '../debug.js';
import { EXIT_CLEAN, EXIT_ERROR, KeylessError, UsageError } from '../errors.js';
import { EXIT_POLICY_OPTIONS, exitCodeFor, exitPolicyOf, postureFails } from '../exit-policy.js';
import { configFromOption, loadGateBaseline, loadGateConfig, settingsSource } from '../gate-settings.js';
import { PATH_FLAG_OPTIONS, withPathFlags } from '../path-flags.js';
import { toolVersion, wantsColor, type CliIO } from '../io.js';
import { outputPath, writeOutput } from '../output.js';
import { relaunchForFullHistory, runScan, scanModeOf, scanRoot, withConfidence, withPostureFlag, type ScanMode } from '../run-scan.js';
import { scanTargetsOf, type ScanTargets } from '../scan-targets.js';
import type { ScanOptions, ScanOutcome } from '../../pipeline/scan-types.js';
import { summaryLines, unscannedCount, unscannedLine } from '../summary.js';
import { SHARD_OPTIONS, shardListingOf, shardOf } from '../shard-option.js';

const SCAN_ONLY_OPTIONS = {
  format: { type: 'string', short: 'f' },
  baseline: { type: 'string' },
  prune: { type: 'boolean' },
  'no-redact': { type: 'boolean' },
  'allow-unscanned': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
} as const;

interface BaselineUse {
  readonly file: string;
  /** Where --prune rewrites it; undefined when read from a commit (nothing to rewrite). */
  readonly path?: string;
  readonly entries: BaselineEntry[];
  readonly prune: boolean;
}

/**
 * Marks baselined findings as suppressed; reports stale entries on stderr (one line each) and, with
 * --prune, rewrites the file without them and with entries of the older fingerprint form in the
 * current one (new findings are never added: use `keyless baseline` for that).
 */
function filterByBaseline(findings: Finding[], use: BaselineUse, io: CliIO): { fresh: Finding[]; baselined: Finding[] } {
  const result = applyBaseline(findings, use.entries);
  for (const e of result.stale) {
    const action = use.prune ? 'pruned' : 'run with --prune to drop it';
    const what = escapeTerminal(`${e.fingerprint.slice(0, 12)} (${e.ruleId} in ${e.path})`);
    io.stderr.write(`keyless: stale baseline entry ${what} matches nothing; ${action}\n`);
  }
  const old = result.legacy.length;
  if (old > 0) {
    const what = `${old} baseline ${old === 1 ? 'entry uses' : 'entries use'} the older fingerprint form (rule, path, secret)`;
    io.stderr.write(`keyless: ${what}; ${use.prune ? 'rewritten' : 'run with --prune to rewrite'} in the current form\n`);
  }
  if (use.prune && use.path !== undefined && (result.stale.length > 0 || old > 0)) writeBaselineFile(use.path, result.kept);
  const fresh = new Set(result.fresh);
  return { fresh: result.fresh, baselined: findings.filter((f) => !fresh.has(f)).map((f) => suppressedBy(f, 'baseline')) };
}

/** Runs the scan the targets ask for: the usual one at `root`, several paths, or standard input. */
async function scanTargets(targets: ScanTargets, mode: ScanMode, options: ScanOptions, io: CliIO): Promise<ScanOutcome> {
  if (targets.kind === 'root') return runScan(mode, options);
  if (targets.kind === 'paths') return (await import('../../scan/paths-scan.js')).scanPaths(options, targets.paths);
  if (!io.stdin) throw new KeylessError("'scan -' needs standard input, and this process has none");
  const bytes = await io.stdin();
  return (await import('../../scan/stdin-scan.js')).scanStdinBytes(bytes, targets.name, options.config);
}

export async function scanCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('scan', args, { ...SCAN_OPTIONS, ...SCAN_ONLY_OPTIONS, ...EXIT_POLICY_OPTIONS, ...PATH_FLAG_OPTIONS, ...SHARD_OPTIONS }, Infinity);
  if (flag(p, 'help')) {
    io.stdout.write((await import('../help.js')).SCAN_HELP);
    return EXIT_CLEAN;
  }
  // Everything that can fail on arguments fails before the scan starts.
  const format = stringOption(p, 'format') ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got '${format}')`, 'scan');
  const exitPolicy = exitPolicyOf(p, 'scan');
  const baselineFile = stringOption(p, 'baseline');
  if (flag(p, 'prune') && baselineFile === undefined) throw new UsageError('--prune needs --baseline FILE', 'scan');
  const mode = scanModeOf(p, 'scan');
  const shard = shardOf(p, mode, 'scan');
  const shardListing = shardListingOf(p, shard, io.cwd, 'scan');
  const configFrom = configFromOption(p, mode, 'scan');
  const quiet = flag(p, 'quiet');
  const debug = flag(p, 'debug');
  const targets = scanTargetsOf(p, mode, io);
  // Several paths and standard input take the config of the current directory (or --config).
  const root = scanRoot(targets.kind === 'root' ? targets.path : undefined, io);
  const outFile = stringOption(p, 'output');
  const output = outFile !== undefined ? outputPath(outFile, io) : undefined;
  const source = await settingsSource(configFrom, mode, root);
  const gateConfig = await loadGateConfig(source, root, p, io);
  const config = withPostureFlag(withPathFlags(withConfidence(gateConfig.config, p, 'scan'), p, 'scan'), p);
  let baseline: BaselineUse | undefined;
  let baselineRepoPath: string | undefined;
  const settingsWarnings: string[] = [];
  if (baselineFile !== undefined) {
    const read = await loadGateBaseline(source, baselineFile, io);
    if (flag(p, 'prune') && read.diskPath === undefined) {
      throw new UsageError(`--prune rewrites the baseline in the working tree; with --config-from ${configFrom} it is read from a commit`, 'scan');
    }
    baseline = { file: baselineFile, ...(read.diskPath !== undefined ? { path: read.diskPath } : {}), entries: read.entries, prune: flag(p, 'prune') };
    baselineRepoPath = read.repoPath;
    if (read.warning) settingsWarnings.push(read.warning);
  }
  const relaunched = await relaunchForFullHistory(mode, root, !flag(p, 'no-cache'), io, shard);
  if (relaunched !== undefined) return relaunched;
  if (debug) {
    const from = source.kind === 'commit' ? `${configFrom} ${source.commit}` : configFrom;
    debugLine(io, `root=${root} mode=${mode.kind} config-from=${from} config=${gateConfig.shownAs ?? '(none)'} format=${format}`);
  }

  const started = performance.now();
  // Fingerprints are slow hashes: computed only for a baseline or a report that shows them.
  const fingerprints = baseline !== undefined || format === 'json' || format === 'sarif';
  const gateFiles = [gateConfig.repoPath, baselineRepoPath].filter((f): f is string => f !== undefined);
  const options = {
    root,
    config,
    ...(io.stderr.isTTY === true && !quiet ? { onProgress: createProgress({ enabled: true, stream: io.stderr }) } : {}),
    cache: !flag(p, 'no-cache'),
    debug,
    fingerprints,
    ...(mode.kind === 'range' ? { gateFiles } : {}),
    ...(mode.kind === 'range' && source.kind === 'commit' && source.rangeEnds ? { rangeEnds: source.rangeEnds } : {}),
    ...((mode.kind === 'range' || mode.kind === 'staged') && source.repo ? { repo: source.repo } : {}),
    ...(shard ? { shard } : {}),
    ...(shardListing !== undefined ? { shardListing } : {}),
  };
  const outcome = await scanTargets(targets, mode, options, io);
  if (fingerprints) await prepareFingerprints([...outcome.findings, ...(outcome.suppressed ?? [])]);
  const elapsedMs = performance.now() - started;
  const { fresh: found, baselined } = baseline ? filterByBaseline(outcome.findings, baseline, io) : { fresh: outcome.findings, baselined: [] };
  // Federated credential subjects name the repository when its origin is on GitHub or Azure DevOps.
  const fresh = needsOrigin(found) ? withOriginSubjects(found, await repositoryOrigin(root)) : found;
  const suppressed = [...(outcome.suppressed ?? []), ...baselined].sort(compareFindings);
  const counts = countSuppressions(suppressed, outcome.stats.excludedPaths ?? 0, disabledRuleCount(config));
  // Range scans only (JSON `notices` is absent elsewhere).
  const notices = outcome.notices;

  const engine = buildEngine(config);
  if (debug) debugLine(io, `${engine.detectors.length} detectors enabled; ${outcome.findings.length} findings before the baseline`);
  const render = await loadRenderer(format);
  const report = render(fresh, {
    rules: new Map([...rulesFrom(engine.detectors), ...postureRulesInfo(enabledPostureRules(config, postureRules))]),
    redact: !flag(p, 'no-redact'),
    toolVersion: toolVersion(),
    color: format === 'text' && output === undefined && wantsColor(io.stdout, io.env),
    suppressed,
    suppressionCounts: counts,
    ...(notices ? { notices } : {}),
    ...(outcome.scanned ? { scanned: { kind: 'history' as const, ...outcome.scanned, unscanned: unscannedCount(outcome) } } : {}),
    // Baselined and suppressed secrets stay masked in the code frames of reported findings on their
    // lines, and so do secrets the detectors see in each frame.
    maskAlso: [...outcome.findings, ...suppressed],
    detectSecrets: (text) => engine.scanText(text).map((m) => [m.start, m.end] as const),
  });
  writeOutput(report, output, io);
  if (!quiet) {
    const maxFileSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const lines = summaryLines({
      outcome: settingsWarnings.length ? { ...outcome, warnings: [...settingsWarnings, ...outcome.warnings] } : outcome,
      reported: fresh.length,
      posture: fresh.filter(isPosture).length,
      suppressed: counts,
      ...(notices ? { notices } : {}),
      elapsedMs,
      maxFileSize,
      verbose: debug,
    });
    io.stderr.write(lines.map((l) => `${l}\n`).join(''));
  }
  // Suppressed findings and notices never fail the scan. Fail closed: what could not be scanned is
  // never passed as clean.
  const unscanned = unscannedCount(outcome);
  const allowUnscanned = flag(p, 'allow-unscanned');
  if (unscanned > 0) io.stderr.write(`${unscannedLine(unscanned, allowUnscanned)}\n`);
  if (unscanned > 0 && !allowUnscanned) return EXIT_ERROR;
  return exitCodeFor(fresh.filter((f) => !isPosture(f) || postureFails(config.posture, mode.kind)), exitPolicy);
}
