/**
 * `@keyless/scanner/config`: the CLI's own keyless.config.json loader and what a config means for a
 * file (paths, engine with custom detectors and rule settings, allowlists, inline ignores), for the
 * ESLint plugin, and a file's findings under a config (the CLI's format readers). Side-effect free:
 * nothing runs on import.
 */
export { loadConfig, validateConfig, DEFAULT_CONFIG_FILE, type LoadedConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export { buildEngine } from './config/build-engine.js';
export { pathFilter } from './filters/allowlist.js';
export { findingFilter } from './filters/finding-filter.js';
export { isIgnoredInline } from './filters/inline-ignore.js';
export type { KeylessConfig } from './config/types.js';
export { createScanContext, type ScanContext } from './pipeline/scan-context.js';
export { scanFileText, type FileScanResult } from './pipeline/scan-file.js';
