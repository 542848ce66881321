import { allDetectors } from '../detect/catalog.js';
import { createEngine, type Engine } from '../detect/engine.js';
import type { Confidence, Detector, PatternDetector, Severity } from '../detect/types.js';
import type { CustomDetectorConfig, KeylessConfig, RuleSetting } from './types.js';

const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low'];

function withSetting(d: Detector, setting: RuleSetting | undefined): Detector | undefined {
  if (setting === 'off') return undefined;
  if (setting === undefined || setting === 'on') return d;
  return SEVERITIES.includes(setting) ? { ...d, severity: setting as Severity } : d;
}

/** A config's custom detector as a pattern detector (validated by the config loader beforehand). */
export function customDetector(c: CustomDetectorConfig): PatternDetector {
  const flags = [...new Set(`${c.flags ?? ''}g`)].join('');
  return {
    kind: 'pattern',
    id: c.id,
    title: c.title ?? c.id,
    description: `Custom detector ${c.id} from keyless.config.json`,
    severity: c.severity ?? 'high',
    confidence: 'medium',
    priority: 50,
    keywords: c.keywords,
    pattern: new RegExp(c.pattern, flags),
    remediation: 'generic-secret',
    examples: () => ({ positive: [], negative: [] }),
  };
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** The confidence gate when neither the config nor the CLI sets one: precise. */
export const DEFAULT_MIN_CONFIDENCE: Confidence = 'medium';

/**
 * The built-in catalog plus the config's custom detectors, with rule settings applied and detectors
 * below `minConfidence` left out (a rule named in `rules` with "on" or a severity is kept whatever
 * its confidence: the user asked for it).
 */
export function buildEngine(config: KeylessConfig): Engine {
  let engine = built.get(config);
  if (!engine) built.set(config, (engine = engineFor(config)));
  return engine;
}

/**
 * Engines already built, by config object (configs are read-only): a scan and its report share one
 * (the engine keeps no state between calls), so the catalog is compiled once per process.
 */
const built = new WeakMap<KeylessConfig, Engine>();

function engineFor(config: KeylessConfig): Engine {
  const all: Detector[] = [...allDetectors, ...(config.detectors ?? []).map(customDetector)];
  const min = CONFIDENCE_RANK[config.minConfidence ?? DEFAULT_MIN_CONFIDENCE];
  const enabled = all
    .filter((d) => CONFIDENCE_RANK[d.confidence] >= min || (config.rules?.[d.id] !== undefined && config.rules[d.id] !== 'off'))
    .map((d) => withSetting(d, config.rules?.[d.id]))
    .filter((d): d is Detector => d !== undefined);
  return createEngine(enabled);
}
