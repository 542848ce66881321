/**
 * Human report: findings grouped by file, each with its position, severity, rule, a one-line code
 * frame (clipped around the secret, every secret on it masked, caret under it: code-frame.ts), the
 * secret as shown, and the remediation steps. Coloured only when the context asks for it. Every
 * string that can come from the scanned repository (path, key, author, line text, rule titles of
 * custom detectors, guidance naming the key or path) is escaped with `escapeTerminal`.
 */
import { createRequire } from 'node:module';
import type { createColors as CreateColors } from 'picocolors';
import type { Severity } from '../detect/types.js';
import type { Finding } from '../finding/finding.js';
import { frameParts, LineSecrets } from './code-frame.js';
import { guidanceOf, ruleOf, shownSecret, type ReportContext } from './report-context.js';
import { escapeTerminal as esc, escapeTerminalLines } from './terminal-escape.js';

type Colors = ReturnType<typeof CreateColors>;

/**
 * picocolors' `createColors`, loaded by `require` when a text report is rendered: imported as an
 * ES module, a CommonJS package costs a parse of its exports too (~10 ms more at start-up).
 */
function createColors(enabled: boolean): Colors {
  const { createColors: create } = createRequire(import.meta.url)('picocolors') as { createColors: typeof CreateColors };
  return create(enabled);
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

function severityLabel(s: Severity, c: Colors): string {
  const padded = s.padEnd(8);
  return s === 'critical' || s === 'high' ? c.red(c.bold(padded)) : s === 'medium' ? c.yellow(padded) : c.dim(padded);
}

function codeFrame(f: Finding, ctx: ReportContext, secrets: LineSecrets, c: Colors): string[] {
  const { before, secret, after } = frameParts(f, secrets.spansOf(f), ctx.redact, ctx.detectSecrets);
  const gutter = String(f.line);
  const blank = ' '.repeat(gutter.length);
  const caret = ' '.repeat(before.length) + '^'.repeat(Math.max(1, secret.length));
  return [
    `    ${c.dim(`${gutter} |`)} ${before}${c.red(secret)}${after}`,
    `    ${c.dim(`${blank} |`)} ${c.red(caret)}`,
  ];
}

function findingBlock(f: Finding, ctx: ReportContext, secrets: LineSecrets, c: Colors): string[] {
  const rule = ruleOf(f, ctx);
  const g = guidanceOf(f, ctx);
  const lines = [
    `  ${c.dim(`${f.line}:${f.column}`.padEnd(8))} ${severityLabel(f.severity, c)} ${esc(rule.title)}  ${c.dim(esc(f.ruleId))}`,
  ];
  if (f.commit) {
    const email = f.commit.email ? ` <${f.commit.email}>` : '';
    lines.push(`    ${c.dim('commit')} ${esc(f.commit.commit)} ${c.dim(esc(`${f.commit.author}${email} ${f.commit.date}`))}`);
  }
  if (f.occurrences !== undefined && f.occurrences > 1) lines.push(`    ${c.dim(`seen ${f.occurrences} times`)}`);
  lines.push(...codeFrame(f, ctx, secrets, c));
  const label = f.category === 'posture' ? 'found ' : 'secret';
  const encoded = f.encoding !== undefined ? `  ${c.dim(`(${esc(f.encoding)}-encoded)`)}` : '';
  lines.push(`    ${c.dim(label)} ${escapeTerminalLines(shownSecret(f, ctx))}${encoded}${f.key ? `  ${c.dim('key')} ${esc(f.key)}` : ''}`);
  lines.push(`    ${c.green('fix')}    ${esc(g.summary)}`);
  for (const step of g.steps) lines.push(`           - ${esc(step)}`);
  if (g.replacement) {
    lines.push(`           ${c.dim(`replacement (${esc(g.replacement.language)}):`)}`);
    for (const line of g.replacement.code.split('\n')) lines.push(`             ${c.cyan(esc(line))}`);
  }
  return lines;
}

function countsText(findings: readonly Finding[]): string {
  return SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

const filesText = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;

/** `✖ 2 findings (1 critical, 1 high) in 1 file`; posture findings are counted apart after a `;`. */
function summaryLine(findings: readonly Finding[], c: Colors): string {
  const secrets = findings.filter((f) => f.category !== 'posture');
  const posture = findings.filter((f) => f.category === 'posture');
  const parts: string[] = [];
  if (secrets.length > 0) {
    const noun = secrets.length === 1 ? 'finding' : 'findings';
    parts.push(`${secrets.length} ${noun} (${countsText(secrets)}) in ${filesText(new Set(secrets.map((f) => f.path)).size)}`);
  }
  if (posture.length > 0) {
    const noun = posture.length === 1 ? 'posture finding' : 'posture findings';
    parts.push(`${posture.length} ${noun} (${countsText(posture)}) in ${filesText(new Set(posture.map((f) => f.path)).size)}`);
  }
  return c.bold(c.red(`✖ ${parts.join('; ')}`));
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
  // Secrets of findings not reported (e.g. baselined) are masked too where they share a line.
  // Posture findings' spans are constructs, not secrets: they mask nothing.
  const secrets = new LineSecrets((ctx.maskAlso ? [...findings, ...ctx.maskAlso] : findings).filter((f) => f.category !== 'posture'));
  const out: string[] = [];
  for (const [path, list] of byPath) {
    out.push(c.underline(esc(path)));
    for (const f of list) out.push(...findingBlock(f, ctx, secrets, c), '');
  }
  out.push(summaryLine(findings, c));
  return `${out.join('\n')}\n`;
}
