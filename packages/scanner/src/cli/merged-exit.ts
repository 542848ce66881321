/**
 * The end of `keyless merge` and `keyless scan-repos`: warnings for missing shards, one line per
 * repository not scanned, and the exit code as `keyless scan` decides it: 2 when files or
 * repositories could not be scanned (fail closed) unless --allow-unscanned, else --fail-on /
 * --exit-code on the reported findings.
 */
import type { Severity } from '../detect/types.js';
import type { MergedReport } from '../report/merge/index.js';
import { escapeTerminal } from '../report/terminal-escape.js';
import { EXIT_ERROR } from './errors.js';
import { exitCodeFor, type ExitPolicy } from './exit-policy.js';
import type { CliIO } from './io.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function mergedExitCode(merged: MergedReport, io: CliIO, policy: ExitPolicy, allowUnscanned: boolean): number {
  for (const s of merged.scans) {
    if (s.missingShards?.length) {
      io.stderr.write(`keyless: warning: ${escapeTerminal(s.repository)}: shards ${s.missingShards.join(', ')} are missing (accepted with --allow-partial)\n`);
    }
  }
  const files = merged.scans.reduce((n, s) => n + s.unscanned, 0);
  const repositories = merged.notScanned.length;
  if (files > 0 || repositories > 0) {
    const what = [files > 0 ? `${plural(files, 'file', 'files')} could not be scanned` : '', repositories > 0 ? `${plural(repositories, 'repository was', 'repositories were')} not scanned` : '']
      .filter(Boolean)
      .join(' and ');
    io.stderr.write(
      allowUnscanned
        ? `keyless: warning: ${what}; the report is incomplete (accepted with --allow-unscanned)\n`
        : `keyless: ${what}; the report is incomplete, so it fails (exit 2; --allow-unscanned accepts it)\n`,
    );
    if (!allowUnscanned) return EXIT_ERROR;
  }
  const active = merged.entries.filter((e) => e.suppressed === '');
  return exitCodeFor(
    active.map((e) => ({ severity: e.severity as Severity })),
    policy,
  );
}
