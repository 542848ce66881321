/** `@keyless/scanner`: the library API. */
export * from './detectors/index.js';
export type { Finding, CommitInfo } from './finding.js';
export type { ScanOptions, ScanOutcome, ScanStats, ScanProgress } from './scan-types.js';
export type { KeylessConfig, CustomDetectorConfig } from './config/types.js';
export { scanContent, LineIndex, type ContentMatch } from './scan-content.js';
export { makeFinding, compareFindings } from './make-finding.js';
export {
  fingerprintOf,
  findingFingerprint,
  legacyFingerprintOf,
  prepareFingerprints,
  slowHash,
  SLOWHASH_PARAMS,
  type FingerprintSubject,
} from './fingerprint.js';
export { fingerprintMatcher, type FingerprintHit } from './fingerprint-match.js';
export { redactSecret, redactText } from './redact.js';
export { scanHistory, scanRange, scanStaged } from './scan-git.js';
export { buildEngine, customDetector } from './config/build-engine.js';
export { createScanContext, type ScanContext } from './config/scan-context.js';
export { scanFileText, type FileScanResult } from './scan-file.js';
export { decodeText, looksBinary } from './sources/decode.js';
export { scanWorkingTree } from './scan-tree.js';
export { listWorkingTree, type TreeFile, type TreeListing } from './sources/working-tree.js';
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
} from './reporters/index.js';
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
