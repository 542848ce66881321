/**
 * The remediation line of a hardcoded-credential message: the catalog's own one-line summary for the
 * detector (design.md §4; a provider token names its provider), so the lint message and
 * `keyless scan` say the same.
 */
import { remediationFor, rotationOf, type Detector } from '@keyless/scanner/detectors';

export function hintFor(d: Detector | undefined): string {
  if (!d) return remediationFor('generic-secret').summary;
  const rotation = rotationOf(d);
  return remediationFor(d.remediation, rotation ? { rotation } : undefined).summary;
}
