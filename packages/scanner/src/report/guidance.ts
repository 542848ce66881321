/**
 * Remediation guidance as reporters show it: the catalog's `remediationFor(kind, { key, path })`
 * (design.md §4, always ending with rotating the leaked value) and `helpUriFor(ruleId)`.
 */
import { helpUriFor, remediationFor, type Remediation, type RemediationContext } from '../detect/remediation.js';
import type { RemediationKind } from '../detect/types.js';

export type Guidance = Remediation;
export type GuidanceContext = RemediationContext;

/** Guidance for a remediation kind, made concrete with the key and path when known. */
export function guidanceFor(kind: RemediationKind, ctx: GuidanceContext = {}): Guidance {
  return remediationFor(kind, ctx);
}

export { helpUriFor };
