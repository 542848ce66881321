import type { ScanContext } from './scan-context.js';
import type { CommitInfo, Finding } from '../finding/finding.js';
import { makeFinding } from './make-finding.js';
import { scanContent } from './scan-content.js';
import { scanPosture } from './posture-scan.js';
import { suppressedBy } from '../filters/suppression.js';

export interface FileScanResult {
  readonly findings: Finding[];
  readonly warning?: string;
}

/**
 * Findings in one file's text (path relative to the scan root, forward slashes), config applied:
 * findings the allowlist or an inline ignore silences are kept, marked `suppressed` with the cause.
 */
export function scanFileText(text: string, path: string, ctx: ScanContext, commit?: CommitInfo): FileScanResult {
  const { matches, ignored, warning } = scanContent(text, path, ctx.engine);
  const findings = matches.map((m) => {
    const f = makeFinding(m, path, commit);
    return ctx.keepsFinding(f) ? f : suppressedBy(f, 'allowlist');
  });
  if (ignored) for (const m of ignored) findings.push(suppressedBy(makeFinding(m, path, commit), 'inline-ignore'));
  let warnings = warning;
  if (ctx.posture.length > 0) {
    const posture = scanPosture(text, path, ctx.posture, commit);
    for (const f of posture.findings) findings.push(ctx.keepsFinding(f) ? f : suppressedBy(f, 'allowlist'));
    for (const f of posture.ignored) findings.push(suppressedBy(f, 'inline-ignore'));
    if (posture.warning) warnings = warnings ?? posture.warning;
  }
  return warnings ? { findings, warning: warnings } : { findings };
}
