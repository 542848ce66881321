/**
 * `keyless scan a b c`: each path (a file or a directory) scanned as its own working tree, the
 * results merged. A finding's path is the path it was given by plus its path inside it
 * (`a/config/app.env`; a file path as given), so two paths never report the same name.
 */
import type { Finding } from '../finding/finding.js';
import { compareFindings } from '../pipeline/make-finding.js';
import type { ScanOptions, ScanOutcome } from '../pipeline/scan-types.js';
import { scanWorkingTree } from './tree-scan.js';

export interface ScanPath {
  /** Absolute path of the file or directory. */
  readonly abs: string;
  /** How findings under it are named: forward slashes, `.` for the current directory. */
  readonly shown: string;
  /** A file (its findings are named `shown`) rather than a directory. */
  readonly isFile: boolean;
}

function renamer(p: ScanPath): (path: string) => string {
  if (p.isFile) return () => p.shown;
  if (p.shown === '.') return (path) => path;
  return (path) => `${p.shown}/${path}`;
}

/** The same finding (rule, place) reached through two overlapping paths is reported once. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.path}\0${f.line}\0${f.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function scanPaths(options: Omit<ScanOptions, 'root'>, paths: readonly ScanPath[]): Promise<ScanOutcome> {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const warnings: string[] = [];
  const skipped: { path: string; reason: string; detail?: string }[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  let excludedPaths = 0;
  for (const p of paths) {
    const rename = renamer(p);
    const outcome = await scanWorkingTree({ ...options, root: p.abs });
    findings.push(...outcome.findings.map((f) => ({ ...f, path: rename(f.path) })));
    suppressed.push(...(outcome.suppressed ?? []).map((f) => ({ ...f, path: rename(f.path) })));
    warnings.push(...outcome.warnings);
    skipped.push(...outcome.stats.skipped.map((s) => ({ ...s, path: rename(s.path) })));
    filesScanned += outcome.stats.filesScanned;
    bytesScanned += outcome.stats.bytesScanned;
    excludedPaths += outcome.stats.excludedPaths ?? 0;
  }
  return {
    findings: dedupe(findings.sort(compareFindings)),
    suppressed: dedupe(suppressed.sort(compareFindings)),
    warnings,
    stats: { filesScanned, bytesScanned, skipped, excludedPaths },
  };
}
