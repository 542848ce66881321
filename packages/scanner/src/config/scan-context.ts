import picomatch from 'picomatch';
import type { Engine } from '../detectors/engine.js';
import type { Finding } from '../finding.js';
import { buildEngine } from './build-engine.js';
import { DEFAULT_MAX_FILE_SIZE, type KeylessConfig } from './types.js';

/** Everything a source needs to turn file text into findings under one config. */
export interface ScanContext {
  readonly engine: Engine;
  readonly maxFileSize: number;
  /** Should this relative path (forward slashes) be scanned at all (include/exclude/allowlisted paths)? */
  readonly wantsPath: (path: string) => boolean;
  /** Config-level finding filter (allowlisted values). */
  readonly keepsFinding: (finding: Finding) => boolean;
}

const GLOB_OPTIONS = { dot: true } as const;

export function createScanContext(config: KeylessConfig): ScanContext {
  const include = config.include?.length ? picomatch([...config.include], GLOB_OPTIONS) : undefined;
  const excluded = [...(config.exclude ?? []), ...(config.allowlist?.paths ?? [])];
  const exclude = excluded.length ? picomatch(excluded, GLOB_OPTIONS) : undefined;
  const allowValues = (config.allowlist?.values ?? []).map((v) => new RegExp(v));
  return {
    engine: buildEngine(config),
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    wantsPath: (path) => (!include || include(path)) && !(exclude && exclude(path)),
    keepsFinding: (f) => !allowValues.some((re) => re.test(f.secret)),
  };
}
