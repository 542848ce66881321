import type { Engine } from '../detectors/engine.js';
import type { Finding } from '../finding.js';
import { fingerprintAllowlist, pathFilter, valueAllowlist } from '../filters/allowlist.js';
import { buildEngine } from './build-engine.js';
import { DEFAULT_MAX_FILE_SIZE, type KeylessConfig } from './types.js';

/** Everything a source needs to turn file text into findings under one config. */
export interface ScanContext {
  readonly engine: Engine;
  readonly maxFileSize: number;
  /** Should this relative path (forward slashes) be scanned at all (include/exclude/allowlisted paths)? */
  readonly wantsPath: (path: string) => boolean;
  /** Config-level finding filter (allowlisted values and fingerprints). */
  readonly keepsFinding: (finding: Finding) => boolean;
}

export function createScanContext(config: KeylessConfig): ScanContext {
  const allowlisted = valueAllowlist(config);
  const accepted = fingerprintAllowlist(config);
  return {
    engine: buildEngine(config),
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    wantsPath: pathFilter(config),
    keepsFinding: (f) => !allowlisted(f.secret) && !accepted(f),
  };
}
