/**
 * Human report: findings grouped by file, each with its position, severity, rule, a one-line code
 * frame (secret redacted, caret under it), the secret as shown, and the remediation steps. Coloured
 * only when the context asks for it.
 */
import { createColors } from 'picocolors';
import type { Severity } from '../detectors/types.js';
import type { Finding } from '../finding.js';
import { guidanceOf, lineParts, ruleOf, shownSecret, type ReportContext } from './report-context.js';

type Colors = ReturnType<typeof createColors>;

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

function severityLabel(s: Severity, c: Colors): string {
  const padded = s.padEnd(8);
  return s === 'critical' || s === 'high' ? c.red(c.bold(padded)) : s === 'medium' ? c.yellow(padded) : c.dim(padded);
}

/** Tabs as single spaces so the caret lines up with the frame. */
function untab(s: string): string {
  return s.replace(/\t/g, ' ');
}

function codeFrame(f: Finding, ctx: ReportContext, c: Colors): string[] {
  const { before, secret, after } = lineParts(f, ctx);
  const gutter = String(f.line);
  const blank = ' '.repeat(gutter.length);
  const caret = ' '.repeat(untab(before).length) + '^'.repeat(Math.max(1, secret.length));
  return [
    `    ${c.dim(`${gutter} |`)} ${untab(before)}${c.red(secret)}${untab(after)}`,
    `    ${c.dim(`${blank} |`)} ${c.red(caret)}`,
  ];
}

function findingBlock(f: Finding, ctx: ReportContext, c: Colors): string[] {
  const rule = ruleOf(f, ctx);
  const g = guidanceOf(f, ctx);
  const lines = [
    `  ${c.dim(`${f.line}:${f.column}`.padEnd(8))} ${severityLabel(f.severity, c)} ${rule.title}  ${c.dim(f.ruleId)}`,
  ];
  if (f.commit) {
    lines.push(`    ${c.dim('commit')} ${f.commit.commit} ${c.dim(`${f.commit.author} ${f.commit.date}`)}`);
  }
  if (f.occurrences !== undefined && f.occurrences > 1) lines.push(`    ${c.dim(`seen ${f.occurrences} times`)}`);
  lines.push(...codeFrame(f, ctx, c));
  lines.push(`    ${c.dim('secret')} ${shownSecret(f, ctx)}${f.key ? `  ${c.dim('key')} ${f.key}` : ''}`);
  lines.push(`    ${c.green('fix')}    ${g.summary}`);
  for (const step of g.steps) lines.push(`           - ${step}`);
  return lines;
}

function summaryLine(findings: readonly Finding[], files: number, c: Colors): string {
  const counts = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const noun = findings.length === 1 ? 'finding' : 'findings';
  return c.bold(c.red(`✖ ${findings.length} ${noun} (${counts.join(', ')}) in ${files} ${files === 1 ? 'file' : 'files'}`));
}

export function renderText(findings: readonly Finding[], ctx: ReportContext): string {
  const c = createColors(ctx.color ?? false);
  if (findings.length === 0) return `${c.green('✔ no secrets found')}\n`;
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  const out: string[] = [];
  for (const [path, list] of byPath) {
    out.push(c.underline(path));
    for (const f of list) out.push(...findingBlock(f, ctx, c), '');
  }
  out.push(summaryLine(findings, byPath.size, c));
  return `${out.join('\n')}\n`;
}
