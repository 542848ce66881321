/**
 * Azure Pipelines logging commands, one per finding, which the pipeline shows as an issue on the
 * build and, in a pull request build, on the changed line:
 * `##vso[task.logissue type=error;sourcepath=<path>;linenumber=<l>;columnnumber=<c>;code=<rule>]<message>`
 * (critical/high `error`, medium/low `warning`: Azure has no lower level). Every value is escaped.
 * No `task.complete`: the exit code decides whether the step fails.
 */
import type { Severity } from '../detect/types.js';
import type { Finding } from '../finding/finding.js';
import { escapeAzureLogCommand } from './azure-escape.js';
import { guidanceOf, guidanceText, ruleOf, shownSecret, type ReportContext } from './report-context.js';

function issueType(severity: Severity): 'error' | 'warning' {
  return severity === 'critical' || severity === 'high' ? 'error' : 'warning';
}

export function azureLogIssue(f: Finding, ctx: ReportContext): string {
  const rule = ruleOf(f, ctx);
  const props = [
    `type=${issueType(f.severity)}`,
    `sourcepath=${escapeAzureLogCommand(f.path)}`,
    `linenumber=${f.line}`,
    `columnnumber=${f.column}`,
    `code=${escapeAzureLogCommand(f.ruleId)}`,
  ].join(';');
  const where = f.commit ? ` (commit ${f.commit.commit.slice(0, 12)})` : '';
  const message = `${rule.title} (${f.ruleId}): ${shownSecret(f, ctx)}${where}. ${guidanceText(guidanceOf(f, ctx))}`;
  return `##vso[task.logissue ${props}]${escapeAzureLogCommand(message)}`;
}

export function renderAzure(findings: readonly Finding[], ctx: ReportContext): string {
  return findings.map((f) => `${azureLogIssue(f, ctx)}\n`).join('');
}
