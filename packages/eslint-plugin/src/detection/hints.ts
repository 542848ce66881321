/**
 * The remediation line of a hardcoded-credential message: the catalog's own one-line summary for the
 * detector's remediation kind (design.md §4), so the lint message and `keyless scan` say the same.
 */
import { remediationFor, type RemediationKind } from '@keyless/scanner/detectors';

export function hintFor(kind: RemediationKind): string {
  return remediationFor(kind).summary;
}
