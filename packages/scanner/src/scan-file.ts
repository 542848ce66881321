import type { ScanContext } from './config/scan-context.js';
import type { CommitInfo, Finding } from './finding.js';
import { makeFinding } from './make-finding.js';
import { scanContent } from './scan-content.js';

export interface FileScanResult {
  readonly findings: Finding[];
  readonly warning?: string;
}

/** Findings in one file's text (path relative to the scan root, forward slashes), config applied. */
export function scanFileText(text: string, path: string, ctx: ScanContext, commit?: CommitInfo): FileScanResult {
  const { matches, warning } = scanContent(text, path, ctx.engine);
  const findings = matches.map((m) => makeFinding(m, path, commit)).filter(ctx.keepsFinding);
  return warning ? { findings, warning } : { findings };
}
