import type { Engine } from '../detect/engine.js';
import type { Finding } from '../finding/finding.js';
import { fingerprintAllowlist, pathFilter, valueAllowlist } from '../filters/allowlist.js';
import { buildEngine } from '../config/build-engine.js';
import { postureRules } from '../detect/posture/catalog.js';
import type { PostureRule } from '../detect/posture/types.js';
import { enabledPostureRules } from './posture-scan.js';
import { DEFAULT_MAX_FILE_SIZE, type KeylessConfig } from '../config/types.js';

/** Everything a source needs to turn file text into findings under one config. */
export interface ScanContext {
  readonly engine: Engine;
  readonly maxFileSize: number;
  /** Should this relative path (forward slashes) be scanned at all (include/exclude/allowlisted paths)? */
  readonly wantsPath: (path: string) => boolean;
  /** Config-level finding filter (allowlisted values and fingerprints); false = suppressed by the allowlist. */
  readonly keepsFinding: (finding: Finding) => boolean;
  /** How many distinct paths `wantsPath` turned down so far (the summary's excluded paths). */
  readonly excludedPaths: () => number;
  /** The enabled posture rules (empty with `posture: false`, `--no-posture`, and in history scans). */
  readonly posture: readonly PostureRule[];
}

export interface ScanContextOptions {
  /** Run posture rules (default true; history scans pass false: see docs/posture.md). */
  readonly posture?: boolean;
}

export function createScanContext(config: KeylessConfig, options: ScanContextOptions = {}): ScanContext {
  const allowlisted = valueAllowlist(config);
  const accepted = fingerprintAllowlist(config);
  const wanted = pathFilter(config);
  const excluded = new Set<string>();
  return {
    engine: buildEngine(config),
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    wantsPath: (path) => {
      if (wanted(path)) return true;
      excluded.add(path);
      return false;
    },
    excludedPaths: () => excluded.size,
    // Posture findings hold a construct, not a secret: value allowlists do not apply to them.
    keepsFinding: (f) => (f.category === 'posture' || !allowlisted(f.secret)) && !accepted(f),
    posture: options.posture === false ? [] : enabledPostureRules(config, postureRules),
  };
}
