/** Reporters: pure functions from findings (+ rule metadata, redaction) to report text. */
import type { Finding } from '../finding/finding.js';
import { renderAzure } from './azure.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import type { ReportContext } from './report-context.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, isReportFormat, type ReportFormat } from './formats.js';
export { loadRenderer } from './load-renderer.js';

const RENDERERS: Record<ReportFormat, (findings: readonly Finding[], ctx: ReportContext) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  azure: renderAzure,
};

export function renderReport(format: ReportFormat, findings: readonly Finding[], ctx: ReportContext): string {
  return RENDERERS[format](findings, ctx);
}

export { renderText, renderJson, renderSarif, renderGithub };
export { sarifLog, sarifLevel, FINGERPRINT_KEY } from './sarif.js';
export { jsonFinding } from './json.js';
export { githubAnnotation, escapeData, escapeProperty } from './github.js';
export { escapeTerminal, escapeTerminalLines } from './terminal-escape.js';
export { escapeGithubData, escapeGithubProperty } from './github-escape.js';
export { azureLogIssue, renderAzure } from './azure.js';
export { escapeAzureLogCommand } from './azure-escape.js';
export { sarifUri } from './sarif-uri.js';
export { rulesFrom, type ReportContext, type RuleInfo } from './report-context.js';
export { guidanceFor, helpUriFor, type Guidance } from './guidance.js';
