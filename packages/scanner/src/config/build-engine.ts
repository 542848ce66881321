import { catalog } from '../detectors/catalog.js';
import { createEngine, type Engine } from '../detectors/engine.js';
import type { Detector, PatternDetector, Severity } from '../detectors/types.js';
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

/** The built-in catalog plus the config's custom detectors, with rule settings applied. */
export function buildEngine(config: KeylessConfig): Engine {
  const all: Detector[] = [...catalog, ...(config.detectors ?? []).map(customDetector)];
  const enabled = all
    .map((d) => withSetting(d, config.rules?.[d.id]))
    .filter((d): d is Detector => d !== undefined);
  return createEngine(enabled);
}
