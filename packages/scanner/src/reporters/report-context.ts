/**
 * What reporters need besides findings: rule metadata (from the engine's detectors), whether to
 * redact, and helpers shared by every format. Reporters are pure functions of findings + context.
 */
import type { Detector, ProviderRotation, RemediationKind, Severity } from '../detectors/types.js';
import type { Finding } from '../finding.js';
import { redactSecret, redactText } from '../redact.js';
import { guidanceFor, helpUriFor, type Guidance } from './guidance.js';

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediation: RemediationKind;
  /** Provider-specific revocation steps (third-party tokens). */
  readonly rotation?: ProviderRotation;
}

export interface ReportContext {
  /** Rules by id (the enabled detectors). */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  /** Show secrets redacted (default everywhere; false only with --no-redact). */
  readonly redact: boolean;
  readonly toolVersion: string;
  /** Colour the text report. */
  readonly color?: boolean;
}

/** Rule metadata from detectors. */
export function rulesFrom(detectors: readonly Detector[]): Map<string, RuleInfo> {
  return new Map(
    detectors.map((d) => [
      d.id,
      {
        id: d.id,
        title: d.title,
        description: d.description,
        severity: d.severity,
        remediation: d.remediation,
        ...(d.kind === 'pattern' && d.rotation ? { rotation: d.rotation } : {}),
      },
    ]),
  );
}

/** The rule of a finding; a generic one when the rule is unknown to the context. */
export function ruleOf(f: Finding, ctx: ReportContext): RuleInfo {
  return (
    ctx.rules.get(f.ruleId) ?? {
      id: f.ruleId,
      title: f.title,
      description: f.title,
      severity: f.severity,
      remediation: 'generic-secret',
    }
  );
}

/** The secret as it may be shown. */
export function shownSecret(f: Finding, ctx: ReportContext): string {
  return ctx.redact ? redactSecret(f.secret) : f.secret;
}

/** The finding's line split around the secret's span, each part redacted unless --no-redact. */
export function lineParts(f: Finding, ctx: ReportContext): { before: string; secret: string; after: string } {
  const text = f.lineText;
  const start = Math.min(f.column - 1, text.length);
  const end = f.endLine === f.line ? Math.max(start, Math.min(f.endColumn - 1, text.length)) : text.length;
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (!ctx.redact) return { before, secret: text.slice(start, end), after };
  return { before: redactText(before, [f.secret]), secret: redactSecret(f.secret), after: redactText(after, [f.secret]) };
}

/** The finding's line with the secret redacted (unless --no-redact). */
export function shownLine(f: Finding, ctx: ReportContext): string {
  const { before, secret, after } = lineParts(f, ctx);
  return before + secret + after;
}

export function guidanceOf(f: Finding, ctx: ReportContext): Guidance {
  const rule = ruleOf(f, ctx);
  return guidanceFor(rule.remediation, { ...(f.key ? { key: f.key } : {}), path: f.path, ...(rule.rotation ? { rotation: rule.rotation } : {}) });
}

/** Guidance as one paragraph (JSON `remediation`, SARIF/github messages). */
export function guidanceText(g: Guidance): string {
  return [g.summary, ...g.steps].join(' ');
}

export { helpUriFor };
