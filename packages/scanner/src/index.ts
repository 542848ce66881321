/** `@keyless/scanner`: the library API. */
export * from './detect/index.js';
export type { Finding, CommitInfo } from './finding/finding.js';
export type { ScanOptions, ScanOutcome, ScanStats, ScanProgress } from './pipeline/scan-types.js';
export type { KeylessConfig, CustomDetectorConfig } from './config/types.js';
export { scanContent, LineIndex, type ContentMatch } from './pipeline/scan-content.js';
export { makeFinding, compareFindings } from './pipeline/make-finding.js';
export {
  fingerprintOf,
  findingFingerprint,
  legacyFingerprintOf,
  prepareFingerprints,
  slowHash,
  SLOWHASH_PARAMS,
  type FingerprintSubject,
} from './finding/fingerprint.js';
export { fingerprintMatcher, type FingerprintHit } from './finding/fingerprint-match.js';
export { redactSecret, redactText } from './finding/redact.js';
export { scanHistory, scanRange, scanStaged } from './scan/git-scans.js';
export { buildEngine, customDetector } from './config/build-engine.js';
export { createScanContext, type ScanContext } from './pipeline/scan-context.js';
export { scanFileText, type FileScanResult } from './pipeline/scan-file.js';
export { decodeText, looksBinary } from './pipeline/decode.js';
export { scanWorkingTree } from './scan/tree-scan.js';
export { listWorkingTree, type TreeFile, type TreeListing } from './sources/tree/working-tree.js';
export { loadConfig, validateConfig, DEFAULT_CONFIG_FILE, type LoadedConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export {
  renderReport,
  renderText,
  renderJson,
  renderSarif,
  renderGithub,
  sarifLog,
  rulesFrom,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportContext,
  type RuleInfo,
} from './report/index.js';
export {
  applyBaseline,
  entriesFromFindings,
  parseBaseline,
  readBaselineFile,
  serializeBaseline,
  writeBaselineFile,
  BaselineError,
  type BaselineEntry,
} from './filters/baseline.js';
