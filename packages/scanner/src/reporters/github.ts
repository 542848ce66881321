/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=<path>,line=<l>,col=<c>,endColumn=<e>,title=<title>::<message>` (critical/high
 * `error`, medium `warning`, low `notice`). Values escaped as the runner expects.
 */
import type { Severity } from '../detectors/types.js';
import type { Finding } from '../finding.js';
import { guidanceOf, guidanceText, ruleOf, shownSecret, type ReportContext } from './report-context.js';

/** Escaping of a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

export function githubAnnotation(f: Finding, ctx: ReportContext): string {
  const rule = ruleOf(f, ctx);
  const props = [
    `file=${escapeProperty(f.path)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    ...(f.endLine !== f.line ? [`endLine=${f.endLine}`] : []),
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(`${rule.title} (${f.ruleId})`)}`,
  ].join(',');
  const where = f.commit ? ` (commit ${f.commit.commit.slice(0, 12)})` : '';
  const message = `${rule.title}: ${shownSecret(f, ctx)}${where}. ${guidanceText(guidanceOf(f, ctx))}`;
  return `::${command(f.severity)} ${props}::${escapeData(message)}`;
}

export function renderGithub(findings: readonly Finding[], ctx: ReportContext): string {
  return findings.map((f) => `${githubAnnotation(f, ctx)}\n`).join('');
}
