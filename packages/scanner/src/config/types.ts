import type { Confidence, Severity } from '../detect/types.js';

/** A custom detector declared in keyless.config.json. */
export interface CustomDetectorConfig {
  readonly id: string;
  readonly title?: string;
  /** JavaScript regex source; must contain a named group `secret`; must be linear-time. */
  readonly pattern: string;
  readonly flags?: string;
  readonly keywords: readonly string[];
  readonly severity?: Severity;
}

export type RuleSetting = 'off' | 'on' | Severity;

/** keyless.config.json, as written by the user (all optional). */
export interface KeylessConfig {
  readonly $schema?: string;
  /** Globs (relative to PATH) to scan; default: everything not ignored. */
  readonly include?: readonly string[];
  /** Globs (relative to PATH) never scanned. */
  readonly exclude?: readonly string[];
  /** Per-rule: "off", "on", or a severity override. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly allowlist?: {
    /** Regexes; a finding whose secret matches one is suppressed (counted, never failing). */
    readonly values?: readonly string[];
    /** Globs; matching paths are not scanned (counted as excluded paths). */
    readonly paths?: readonly string[];
    /**
     * keyless fingerprints (as in JSON/SARIF output and baseline files) of findings that were reviewed and
     * accepted, e.g. a fake key that stays in old commits. Like a baseline that every scan reads. A
     * fingerprint names a secret under a rule, wherever it is; one of the older form (rule, path,
     * secret) is still accepted, at its path (fingerprint-match.ts).
     */
    readonly fingerprints?: readonly string[];
  };
  /**
   * Report only detectors of at least this confidence (default `medium`: the precise gate); `low`
   * adds weak passwords and other audit-only candidates. `--confidence` overrides it.
   */
  readonly minConfidence?: Confidence;
  /** Files larger than this many bytes are skipped (and reported). Default 1 MiB... see DEFAULT_MAX_FILE_SIZE. */
  readonly maxFileSize?: number;
  readonly detectors?: readonly CustomDetectorConfig[];
  /**
   * Posture rules (pipelines and infrastructure code that make secrets necessary): `true` (default)
   * reports them and fails working-tree and range scans like secrets, but never the pre-commit
   * (`--staged`) scan; `"fail"` fails the staged scan too; `"report"` reports without ever failing;
   * `false` turns them off (as `--no-posture` does).
   */
  readonly posture?: PostureSetting;
}

export type PostureSetting = boolean | 'report' | 'fail';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
