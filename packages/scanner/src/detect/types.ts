/**
 * The detector contract. Every detector in the catalog is one plain object of this shape; the
 * scanner and the ESLint rules both run detectors through `engine.ts`, so a pattern is defined once.
 * This folder is pure: no `node:*` imports (it is bundled into the ESLint plugin).
 */

/** Where a key/value pair was written: source code, or a config file (JSON, YAML, .env, ini, XML). */
export type AssignmentPlace = 'code' | 'config';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Confidence = 'high' | 'medium' | 'low';

/** What kind of remediation applies (design.md §4); the text itself lives in `remediation.ts`. */
export type RemediationKind =
  | 'entra-client-secret'
  | 'storage-key'
  | 'cosmos-key'
  | 'service-bus-key'
  | 'event-hubs-key'
  | 'azure-key-credential'
  | 'sas-token'
  | 'sql-password'
  | 'app-configuration'
  | 'devops-pat'
  | 'private-key'
  | 'url-credentials'
  | 'third-party-token'
  | 'generic-secret';

/**
 * How to revoke and replace a provider's token (third-party tokens: the provider's own steps and
 * documentation, not managed-identity advice).
 */
export interface ProviderRotation {
  /** The provider's name as users know it (`OpenAI`, `GitLab`). */
  readonly provider: string;
  /** What is revoked, as the provider calls it (`API key`, `key pair`); default `token`. */
  readonly credential?: string;
  /** Where and how to revoke and re-issue the token, in order. */
  readonly steps: readonly string[];
  /** The provider's documentation of revoking or rotating this kind of token. */
  readonly url: string;
}

export interface DetectorExamples {
  /** Texts in which the detector must report exactly one finding (built at run time, valid checksums). */
  readonly positive: readonly string[];
  /** Texts in which it must report nothing (look-alikes, placeholders, wrong checksums). */
  readonly negative: readonly string[];
}

/** A detector that searches raw text. */
export interface PatternDetector {
  readonly kind: 'pattern';
  /** Stable rule id, kebab-case, e.g. `azure-storage-account-key`. Used in fingerprints: never rename. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Higher wins when two detectors report overlapping secrets (identifiable/validated > contextual > generic). */
  readonly priority: number;
  /**
   * Literal anchors for the prefilter, matched case-insensitively. The pattern is only run near a hit.
   * Every true positive must contain at least one keyword (a generic test checks this).
   */
  readonly keywords: readonly string[];
  /**
   * Linear-time pattern, flags must include `g`; with `d` not required. It must have a named group
   * `secret` whose text is the secret (exact offsets are derived from it).
   */
  readonly pattern: RegExp;
  /** How far around a keyword hit the pattern can match (characters). Default: the hit's line, capped. */
  readonly window?: { readonly before: number; readonly after: number; readonly multiline?: boolean };
  /**
   * The secret is a UUID by format (Snyk, Heroku, Postmark keys found by context): the shared
   * "a GUID is an identifier" rule does not drop it. Default false.
   */
  readonly uuidShaped?: boolean;
  /** As `AssignmentDetector.screensWeakValues`: an audit-tier detector that judges placeholder-like words itself. */
  readonly screensWeakValues?: boolean;
  /**
   * The secret's own syntax percent-encodes it (a URL's user-info: `postgres://app:p%40ss@host`
   * holds the password `p@ss`). A secret with `%XX` runs that are UTF-8 is decoded before `validate`
   * and the not-a-secret checks, and reported decoded (its fingerprint is the clear password's) at
   * the written span, with `encoding: 'percent'`. Default false.
   */
  readonly percentEncoded?: boolean;
  /**
   * The detector reports what accompanies another finding (the user name of a password) within this
   * many lines, not on the same line: a match is kept only when a finding of a non-companion rule
   * stands there (`keepCompanions`). Unset for ordinary detectors.
   */
  readonly companionWithin?: number;
  /** Optional structural/checksum validation of the secret (and the whole match for context). */
  readonly validate?: (secret: string, match: RegExpExecArray) => boolean;
  readonly remediation: RemediationKind;
  /** Provider-specific revocation steps (third-party tokens); replaces the generic token advice. */
  readonly rotation?: ProviderRotation;
  /** Lazily built so checksummed keys are generated at run time, never stored in the source. */
  readonly examples: () => DetectorExamples;
}

/** A detector that judges a key/value pair (secret-named key with a literal value). */
export interface AssignmentDetector {
  readonly kind: 'assignment';
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly priority: number;
  /** Keywords that must appear in the key name (case-insensitive) for the judge to be consulted. */
  readonly keywords: readonly string[];
  /** Does this key name denote a secret? (`ClientSecret`, `DB_PASSWORD`, `apiKey`, ...) */
  readonly matchesKey: (key: string) => boolean;
  /**
   * Is this literal value plausibly a real secret (not a placeholder, reference, identifier...)?
   * `place` says whether it was written in code or in a config file (default: code).
   */
  readonly acceptsValue: (value: string, key: string, place?: AssignmentPlace) => boolean;
  /**
   * The judge screens placeholder-like and trivial words itself (audit tier: `password`, `dummy-pass`
   * are weak credentials there), so the engine's not-secret filter lets those reasons through to it;
   * references, empty values and identifiers are still dropped before. Default false.
   */
  readonly screensWeakValues?: boolean;
  readonly remediation: RemediationKind;
  /** Examples as key/value pairs. */
  readonly examples: () => {
    readonly positive: readonly { key: string; value: string }[];
    readonly negative: readonly { key: string; value: string }[];
  };
}

export type Detector = PatternDetector | AssignmentDetector;

/** One match of a pattern detector in a text. Offsets are UTF-16 code unit indexes into that text. */
export interface DetectorMatch {
  readonly detector: Detector;
  /** The secret itself (decoded when `encoding` is set). */
  readonly secret: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** Set when the secret is written encoded at `start..end` by its own syntax (`percent`: `PatternDetector.percentEncoded`). */
  readonly encoding?: 'percent';
}
