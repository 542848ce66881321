/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=<path>,line=<l>,col=<c>,endColumn=<e>,title=<title>::<message>` (critical/high
 * `error`, medium `warning`, low `notice`). Every field goes through github-escape.ts (one function
 * for property values, one for the message), so no data can end a property or start a command.
 */
import type { Severity } from '../detect/types.js';
import type { Finding } from '../finding/finding.js';
import { escapeGithubData, escapeGithubProperty } from './github-escape.js';
import { guidanceOf, guidanceText, ruleOf, shownSecret, type ReportContext } from './report-context.js';

/** Escaping of a command's message (github-escape.ts). */
export const escapeData = escapeGithubData;
/** Escaping of a command's property value (github-escape.ts). */
export const escapeProperty = escapeGithubProperty;

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
