/**
 * JSON report (design.md §2): `{ "findings": [{ ruleId, severity, path, line, column, endColumn,
 * commit?, secret, fingerprint, remediation, ... }] }`; `commit` is the full SHA, with `author`, `authorEmail`
 * and `date` beside it. Secrets redacted
 * unless the context says otherwise.
 */
import type { Finding } from '../finding/finding.js';
import { findingFingerprint } from '../finding/fingerprint.js';
import { guidanceOf, guidanceText, ruleOf, shownSecret, type ReportContext } from './report-context.js';

/** Posture findings: `category`, and the replacement for the file's language. */
function postureFields(f: Finding, ctx: ReportContext): Record<string, unknown> {
  const g = guidanceOf(f, ctx);
  return { category: 'posture', ...(g.replacement ? { replacement: g.replacement } : {}) };
}

/** One finding as a plain JSON object. */
export function jsonFinding(f: Finding, ctx: ReportContext): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    ...(f.commit ? { commit: f.commit.commit, author: f.commit.author, date: f.commit.date } : {}),
    ...(f.commit?.email ? { authorEmail: f.commit.email } : {}),
    secret: shownSecret(f, ctx),
    fingerprint: findingFingerprint(f),
    remediation: guidanceText(guidanceOf(f, ctx)),
    title: ruleOf(f, ctx).title,
    confidence: f.confidence,
    endLine: f.endLine,
    ...(f.key !== undefined ? { key: f.key } : {}),
    ...(f.encoding !== undefined ? { encoding: f.encoding } : {}),
    ...(f.occurrences !== undefined ? { occurrences: f.occurrences } : {}),
    ...(f.category === 'posture' ? postureFields(f, ctx) : {}),
    ...(f.commitOrder !== undefined ? { commitOrder: f.commitOrder } : {}),
  };
}

/**
 * `findings` as the contract fixes it; added beside it: `suppressed` (counts by cause), `notices`
 * (range scans: the gate's settings changed, ignore comments added) and `scan` (history scans: the
 * repository and shard, for keyless merge), when the context has them.
 */
export function renderJson(findings: readonly Finding[], ctx: ReportContext): string {
  const body: Record<string, unknown> = { findings: findings.map((f) => jsonFinding(f, ctx)) };
  if (ctx.suppressionCounts) body['suppressed'] = ctx.suppressionCounts;
  if (ctx.scanned) body['scan'] = ctx.scanned;
  if (ctx.notices) body['notices'] = ctx.notices.map((n) => ({ ruleId: n.ruleId, level: 'notice', path: n.path, line: n.line, message: n.message }));
  return `${JSON.stringify(body, null, 2)}\n`;
}
