/**
 * What reporters need besides findings: rule metadata (from the engine's detectors), whether to
 * redact, and helpers shared by every format. Reporters are pure functions of findings + context.
 */
import type { Detector, ProviderRotation, RemediationKind, Severity } from '../detect/types.js';
import type { SuppressionCounts } from '../filters/suppression.js';
import type { Finding } from '../finding/finding.js';
import type { Notice } from '../finding/notice.js';
import type { DetectSecrets } from './code-frame.js';
import { redactSecret } from '../finding/redact.js';
import { guidanceFor, helpUriFor, type Guidance } from './guidance.js';
import { postureRuleById } from '../detect/posture/catalog.js';
import { postureHelpUri, postureRemediation } from '../detect/posture/remediation.js';
import type { PostureRule } from '../detect/posture/types.js';

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediation: RemediationKind;
  /** Provider-specific revocation steps (third-party tokens). */
  readonly rotation?: ProviderRotation;
  /** `posture` for posture rules (not secrets: their own SARIF tags, counted apart). */
  readonly category?: 'posture';
}

export interface ReportContext {
  /** Rules by id (the enabled detectors). */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  /** Show secrets redacted (default everywhere; false only with --no-redact). */
  readonly redact: boolean;
  readonly toolVersion: string;
  /** Colour the text report. */
  readonly color?: boolean;
  /** Suppressed findings (each with its cause): SARIF results with `suppressions`. */
  readonly suppressed?: readonly Finding[];
  /** Suppression counts by cause: JSON `suppressed`. */
  readonly suppressionCounts?: SuppressionCounts;
  /** Range notices: JSON `notices`, SARIF results of level `note`. */
  readonly notices?: readonly Notice[];
  /**
   * Findings that are not reported (baselined, suppressed) but whose secrets must still be masked
   * where a reported finding's code frame shows their line.
   */
  readonly maskAlso?: readonly Finding[];
  /** The detectors, run on each code frame's window to mask secrets suppressed before they became findings. */
  readonly detectSecrets?: DetectSecrets;
  /** History scans: the repository and shard scanned (JSON `scan`, SARIF run properties), for keyless merge. */
  readonly scanned?: ReportedScan;
}

/** What a report says it covers: enough for `keyless merge` to combine shards and repositories. */
export interface ReportedScan {
  readonly kind: 'history';
  readonly repository: string;
  /** `split`: a digest of how the shards split the paths (shards of one split merge). */
  readonly shard?: { readonly index: number; readonly count: number; readonly split?: string };
  /** Commits in the scan's commit order (findings' `commitOrder` is below it). */
  readonly commits: number;
  /** Files or blobs that could not be scanned (the scan failed closed on them unless allowed). */
  readonly unscanned: number;
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

/** Rule metadata of posture rules (added to the detectors' when posture rules ran). */
export function postureRulesInfo(rules: readonly PostureRule[]): Map<string, RuleInfo> {
  return new Map(
    rules.map((r) => [r.id, { id: r.id, title: r.title, description: r.description, severity: r.severity, remediation: 'generic-secret', category: 'posture' }]),
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
      ...(f.category === 'posture' ? { category: 'posture' as const } : {}),
    }
  );
}

/** The secret as it may be shown. */
export function shownSecret(f: Finding, ctx: ReportContext): string {
  // A posture finding's `secret` is the construct found (never a credential value): shown as is.
  if (f.category === 'posture') return f.secret;
  return ctx.redact ? redactSecret(f.secret) : f.secret;
}

export function guidanceOf(f: Finding, ctx: ReportContext): Guidance {
  if (f.category === 'posture') {
    const posture = postureRuleById(f.ruleId);
    if (posture) return postureRemediation(posture, f.posture ?? {});
  }
  const rule = ruleOf(f, ctx);
  return guidanceFor(rule.remediation, { ...(f.key ? { key: f.key } : {}), path: f.path, ...(rule.rotation ? { rotation: rule.rotation } : {}) });
}

/** Guidance as one paragraph (JSON `remediation`, SARIF/github messages). */
export function guidanceText(g: Guidance): string {
  return [g.summary, ...g.steps].join(' ');
}

/** The documentation URL of a rule (posture rules: docs/posture.md). */
export function ruleHelpUri(r: Pick<RuleInfo, 'id' | 'category'>): string {
  return r.category === 'posture' ? postureHelpUri(r.id) : helpUriFor(r.id);
}

export { helpUriFor };
