/**
 * The rules `keyless explain` knows: the built-in catalog plus the custom detectors of the config
 * (`--config FILE`, else keyless.config.json in the current directory, if present), so a team's own
 * rule ids can be explained like the built-in ones.
 */
import { customDetector } from '../config/build-engine.js';
import { loadConfig } from '../config/load-config.js';
import { allDetectors } from '../detect/catalog.js';
import type { Detector } from '../detect/types.js';

export interface ExplainableRules {
  readonly detectors: readonly Detector[];
  /** The config file the custom detectors come from, if any. */
  readonly configFile?: string;
  readonly customIds: ReadonlySet<string>;
}

export function explainableRules(cwd: string, configFile: string | undefined): ExplainableRules {
  const { config, file } = loadConfig({ root: cwd, cwd, ...(configFile !== undefined ? { configFile } : {}) });
  const custom = (config.detectors ?? []).map(customDetector);
  return {
    detectors: [...allDetectors, ...custom],
    ...(file !== undefined ? { configFile: file } : {}),
    customIds: new Set(custom.map((d) => d.id)),
  };
}
