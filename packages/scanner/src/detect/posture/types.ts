/**
 * The posture rule contract: a rule reads a parsed pipeline or IaC file (tree.ts) and reports the
 * places whose wiring makes a secret necessary, each with the secret-free replacement. Pure.
 */
import type { Severity } from '../types.js';
import type { PostureDoc, PostureLanguage } from './tree.js';

/** One place a rule reports. */
export interface PostureHit {
  /** Offsets into the file text (end exclusive): where the finding points. */
  readonly start: number;
  readonly end: number;
  /**
   * What was found, as shown in reports instead of a secret: a construct or a reference
   * (`listKeys(...)`, `creds: ${{ secrets.AZURE_CREDENTIALS }}`, `allowSharedKeyAccess: true`).
   * Never a literal credential value: rules build it from names and expressions only. It is also
   * what the finding's fingerprint hashes (with the rule id), so it must not hold line numbers.
   */
  readonly evidence: string;
  /** The key or setting it was found under (`appSettings`, `env:AZURE_CLIENT_SECRET`), when known. */
  readonly key?: string;
  /** The Azure service whose key or local auth is involved, when the rule knows it (remediation). */
  readonly service?: PostureService;
  /**
   * CI rules: the federated credential subject to create (`repo:<owner>/<repo>:environment:prod`,
   * `sc://<organization>/<project>/<service connection>`), read from the file where it can be.
   */
  readonly subject?: string;
}

/** Services with keys/connection strings and an identity-based replacement (remediation.ts). */
export type PostureService =
  | 'storage'
  | 'service-bus'
  | 'event-hubs'
  | 'cosmos'
  | 'redis'
  | 'app-configuration'
  | 'ai-services'
  | 'search'
  | 'key-vault'
  | 'log-analytics';

/** An example file for a rule's self-test. */
export interface PostureExample {
  readonly path: string;
  readonly text: string;
}

export interface PostureExamples {
  /** Files in which the rule reports exactly one finding. */
  readonly positive: readonly PostureExample[];
  /** The secret-free equivalents (and look-alikes), in which it reports nothing. */
  readonly negative: readonly PostureExample[];
}

/** The replacement for one language: what to write instead. */
export interface PostureSnippet {
  readonly language: PostureLanguage;
  readonly code: string;
}

export interface PostureRule {
  /** Stable id under the `posture-` prefix; used in fingerprints, ignores and config: never rename. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  /** The languages the rule reads. */
  readonly languages: readonly PostureLanguage[];
  /** The places in one file (never throws on a well-formed tree). */
  readonly check: (doc: PostureDoc) => PostureHit[];
  /** One line: the secret-free replacement. */
  readonly summary: string;
  /** The migration, in order (identity, role, settings, federated credential...). */
  readonly steps: readonly string[];
  /** The replacement written out, per language the rule reads. */
  readonly snippets: readonly PostureSnippet[];
  /** Why the default is what it is (omitted settings, what is not reported). */
  readonly defaults?: string;
  /** Microsoft documentation of the replacement. */
  readonly docs: readonly string[];
  readonly examples: () => PostureExamples;
}
