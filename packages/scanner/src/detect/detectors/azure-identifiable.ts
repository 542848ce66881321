/**
 * Detectors for Azure identifiable keys (design.md §3.1): one per product family, found by the
 * family's signature, validated by the Marvin32 checksum. Near-zero false positives offline.
 */
import { mutateAt } from '../examples/example-helpers.js';
import { generateIdentifiableKey } from '../examples/generate.js';
import {
  IDENTIFIABLE_FAMILIES,
  identifiablePattern,
  isValidIdentifiableKey,
  shapeOf,
  type IdentifiableFamily,
} from '../checksums/identifiable-keys.js';
import type { PatternDetector } from '../types.js';

/** Priority of checksum-validated identifiable keys: above every contextual detector. */
export const IDENTIFIABLE_PRIORITY = 100;

function detectorFor(f: IdentifiableFamily): PatternDetector {
  const shape = shapeOf(f.layout);
  return {
    kind: 'pattern',
    id: f.id,
    title: f.title,
    description: `${f.title}: an identifiable key with signature "${f.signature}" at char ${shape.before} and a Marvin32 checksum (seeds ${f.seeds.join(', ')}).`,
    severity: 'critical',
    confidence: 'high',
    priority: IDENTIFIABLE_PRIORITY,
    keywords: [f.signature],
    pattern: identifiablePattern(f),
    window: { before: shape.before + 1, after: shape.length - shape.before + 1 },
    validate: (secret) => isValidIdentifiableKey(secret, f),
    remediation: f.remediation,
    examples: () => {
      const key = generateIdentifiableKey(f, 11);
      const other = generateIdentifiableKey(f, 12, f.seeds[f.seeds.length - 1]);
      return {
        positive: [`key = "${key}"`, `{"primaryKey": "${other}"}`],
        negative: [
          // One character changed outside the signature: the checksum fails.
          `key = "${mutateAt(key, 5)}"`,
          // Part of a longer base64 run: not a key on its own.
          `blob = "QUJD${key}"`,
          // The signature alone.
          `sig = "${f.signature}"`,
        ],
      };
    },
  };
}

export const azureIdentifiableDetectors: readonly PatternDetector[] = IDENTIFIABLE_FAMILIES.map(detectorFor);
