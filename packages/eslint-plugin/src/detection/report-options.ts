/**
 * What the two hardcoded-credential rules (code and JSON) share: the `minSeverity` option, the
 * severity filter it drives, and the message data built from a detector (never the secret).
 */
import type { JSONSchema } from '@typescript-eslint/utils';
import type { Detector, Severity } from '@keyless/scanner/detectors';
import { hintFor } from './hints.js';

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** No catalog secret (nor a judged assignment value) is shorter than this. */
export const MIN_TEXT_LENGTH = 6;

/** JSON schema of the `minSeverity` option. */
export const MIN_SEVERITY_SCHEMA: JSONSchema.JSONSchema4 = {
  type: 'string',
  enum: ['low', 'medium', 'high', 'critical'],
  description: 'Report only detectors of at least this severity.',
};

/** Does a detector reach `minSeverity` (default: every severity)? */
export function severityFilter(minSeverity: Severity | undefined): (d: Detector) => boolean {
  const minRank = SEVERITY_RANK[minSeverity ?? 'low'];
  return (d) => SEVERITY_RANK[d.severity] >= minRank;
}

/** Message data for a detector's report: title, severity, id and the remediation hint. */
export function detectorMessageData(d: Detector): { title: string; severity: Severity; id: string; hint: string } {
  return { title: d.title, severity: d.severity, id: d.id, hint: hintFor(d) };
}
