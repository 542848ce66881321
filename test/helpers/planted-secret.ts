/**
 * A fake secret to plant in test repositories, taken from the catalog's own positive examples
 * (generated at run time with valid checksums, never stored in a file).
 */
import { catalog, createEngine, type PatternDetector } from '@keyless/scanner/detectors';

export interface PlantedSecret {
  /** The detector that must report it. */
  readonly ruleId: string;
  /** A line of text that contains exactly one secret. */
  readonly line: string;
  /** The secret itself (must never appear in keyless output unless --no-redact). */
  readonly secret: string;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/**
 * The first single-line positive example, of the most severe pattern detector, that the whole catalog
 * reports as exactly one finding of that detector. Throws when the catalog has none.
 */
export function plantedSecret(): PlantedSecret {
  const engine = createEngine(catalog);
  const detectors = catalog
    .filter((d): d is PatternDetector => d.kind === 'pattern')
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  for (const detector of detectors) {
    for (const line of detector.examples().positive) {
      if (line.includes('\n')) continue;
      const matches = engine.scanText(line);
      const only = matches[0];
      if (matches.length === 1 && only && only.detector.id === detector.id) {
        return { ruleId: detector.id, line, secret: only.secret };
      }
    }
  }
  throw new Error('the detector catalog has no single-line positive example to plant');
}
