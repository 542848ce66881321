import type { PostureService } from '../detect/posture/types.js';
import type { PostureLanguage } from '../detect/posture/tree.js';
import type { Confidence, Severity } from '../detect/types.js';

/** Where a finding came from in git (history, range and staged scans). */
export interface CommitInfo {
  /** Full 40-hex SHA. */
  readonly commit: string;
  readonly author: string;
  readonly email: string;
  /** ISO 8601. */
  readonly date: string;
}

/** Why a finding is suppressed (reported as such, never failing the scan); see filters/suppression.ts. */
export type SuppressionCause = 'inline-ignore' | 'allowlist' | 'baseline';

/** A secret found in one place. `secret` is the raw value: reporters redact it unless told not to. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Relative to the scan root, forward slashes. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 code units. */
  readonly column: number;
  readonly endLine: number;
  /** 1-based, exclusive (the column after the secret's last character), as SARIF's endColumn. */
  readonly endColumn: number;
  readonly secret: string;
  /** The key the secret was assigned to, when the format knows it (`AzureAd:ClientSecret`). */
  readonly key?: string;
  /** Text of the line holding the secret (for code frames); reporters redact the secret in it. */
  readonly lineText: string;
  readonly commit?: CommitInfo;
  /**
   * Set when the secret was written encoded (`base64`, `percent`, `escape`, `html-entity`; several
   * outermost first, joined by `+`): the position is the encoded form's, `secret` the decoded value
   * (so the fingerprint is the clear secret's; see packages/scanner/docs/encoded-secrets.md).
   */
  readonly encoding?: string;
  /**
   * How many times the same secret was seen at this path under this rule (history scans). The
   * fingerprint is not stored here: it is a slow hash, computed only when asked for
   * (`findingFingerprint`, fingerprint.ts).
   */
  readonly occurrences?: number;
  /**
   * History scans: the introducing commit's place in the scan's commit order (0 = the oldest commit
   * listed; committer time, then log order). Every shard of a scan lists the same commits, so it
   * compares findings of shards of one repository (keyless merge keeps the smallest).
   */
  readonly commitOrder?: number;
  /** Set when an inline ignore, the allowlist or the baseline silences it (it then never fails a scan). */
  readonly suppressed?: SuppressionCause;
  /**
   * `posture`: not a secret but wiring that makes one necessary (detect/posture/). Its `secret` is
   * then the construct found (never a credential value), shown as is; its fingerprint hashes that.
   */
  readonly category?: 'posture';
  /** Posture findings: what the remediation is made concrete with. */
  readonly posture?: PostureFindingContext;
}

export interface PostureFindingContext {
  readonly language: PostureLanguage;
  readonly service?: PostureService;
  readonly subject?: string;
}

/** Is this a posture finding (not a secret)? */
export function isPosture(f: Pick<Finding, 'category'>): boolean {
  return f.category === 'posture';
}
