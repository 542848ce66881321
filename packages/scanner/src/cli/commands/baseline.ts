/** `keyless baseline [PATH] [--history] --output FILE`: write the current findings' fingerprints. */
import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../../config/types.js';
import { entriesFromFindings, writeBaselineFile } from '../../filters/baseline.js';
import { prepareFingerprints } from '../../finding/fingerprint.js';
import { flag, parseCommand, SCAN_OPTIONS, stringOption } from '../args.js';
import { EXIT_CLEAN, UsageError } from '../errors.js';
import { BASELINE_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { outputPath } from '../output.js';
import { configFromOption, loadGateConfig, settingsSource } from '../gate-settings.js';
import { createProgress } from '../progress.js';
import { relaunchForFullHistory, runScan, scanModeOf, scanRoot, withConfidence, withPostureFlag } from '../run-scan.js';
import { summaryLines } from '../summary.js';

export async function baselineCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('baseline', args, SCAN_OPTIONS, 1);
  if (flag(p, 'help')) {
    io.stdout.write(BASELINE_HELP);
    return EXIT_CLEAN;
  }
  const outFile = stringOption(p, 'output');
  if (outFile === undefined) throw new UsageError('--output FILE is required', 'baseline');
  const mode = scanModeOf(p, 'baseline');
  const configFrom = configFromOption(p, mode, 'baseline');
  const root = scanRoot(p.positionals[0], io);
  const output = outputPath(outFile, io);
  const config = withPostureFlag(withConfidence((await loadGateConfig(await settingsSource(configFrom, mode, root), root, p, io)).config, p, 'baseline'), p);
  const quiet = flag(p, 'quiet');
  const relaunched = await relaunchForFullHistory(mode, root, !flag(p, 'no-cache'), io);
  if (relaunched !== undefined) return relaunched;
  const started = performance.now();
  const outcome = await runScan(mode, {
    root,
    config,
    ...(io.stderr.isTTY === true && !quiet ? { onProgress: createProgress({ enabled: true, stream: io.stderr }) } : {}),
    cache: !flag(p, 'no-cache'),
    debug: flag(p, 'debug'),
    fingerprints: true,
  });
  await prepareFingerprints(outcome.findings);
  const entries = entriesFromFindings(outcome.findings);
  writeBaselineFile(resolve(output), entries);
  if (!quiet) {
    const lines = summaryLines({
      outcome,
      reported: outcome.findings.length,
      elapsedMs: performance.now() - started,
      maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    });
    lines.push(`keyless: wrote ${entries.length} ${entries.length === 1 ? 'fingerprint' : 'fingerprints'} to ${outFile}`);
    io.stderr.write(lines.map((l) => `${l}\n`).join(''));
  }
  return EXIT_CLEAN;
}
