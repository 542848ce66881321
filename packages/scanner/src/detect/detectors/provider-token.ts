/**
 * The shape shared by provider token detectors (ai-providers.ts, source-control.ts, ...): one
 * declarative spec per token kind -> a pattern detector with the provider's revocation steps and
 * examples generated at run time (positives from the spec's generator; negatives: the same token
 * with its random part replaced by filler or a sequence, plus the spec's own look-alikes).
 * Pure (no node:* imports).
 */
import { createPrng, type Prng } from '../examples/prng.js';
import { looksGenerated } from './token-shape.js';
import type { Confidence, PatternDetector, ProviderRotation, Severity } from '../types.js';

export interface ProviderTokenSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity?: Severity;
  readonly confidence?: Confidence;
  /** Default 85: above contextual and generic rules, below Azure checksum-validated keys. */
  readonly priority?: number;
  readonly keywords: readonly string[];
  readonly pattern: RegExp;
  readonly window?: PatternDetector['window'];
  /** Extra validation after the shared "looks generated" check of the secret's random part. */
  readonly validate?: (secret: string, match: RegExpExecArray) => boolean;
  /** The secret is a UUID (found by context): not dropped as an identifier. */
  readonly uuidShaped?: boolean;
  /** How many leading characters of the secret are a fixed prefix (not checked for randomness). */
  readonly prefixLength?: number;
  /**
   * True when the token's own shape identifies it (a prefix or marker): it is found bare, with no
   * key name around it. False for shapes that need a provider name nearby (hex keys, UUIDs).
   */
  readonly distinctive: boolean;
  /** A valid-looking token (deterministic per seed). */
  readonly generate: (seed: number) => string;
  /** How a positive example embeds the token (default `NAME=<token>`, NAME from the id). */
  readonly embed?: (token: string) => string;
  /** Look-alikes that must not be reported (beyond the generated filler/sequence ones). */
  readonly negatives?: (token: string) => readonly string[];
  readonly rotation: ProviderRotation;
}

/** A provider token detector plus what tests need to exercise it. */
export interface ProviderTokenDetector extends PatternDetector {
  readonly rotation: ProviderRotation;
  readonly distinctive: boolean;
  readonly generate: (seed: number) => string;
  readonly embed: (token: string) => string;
}

function envName(id: string): string {
  return id.toUpperCase().replace(/-/g, '_');
}

/** `token` with every alphanumeric after `from` replaced by `fill(i)`. */
function refill(token: string, from: number, fill: (i: number) => string): string {
  let out = token.slice(0, from);
  let n = 0;
  for (let i = from; i < token.length; i++) {
    const c = token[i]!;
    out += /[A-Za-z0-9]/.test(c) ? fill(n++) : c;
  }
  return out;
}

const SEQUENCE = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function providerToken(spec: ProviderTokenSpec): ProviderTokenDetector {
  const prefixLength = spec.prefixLength ?? 0;
  const embed = spec.embed ?? ((t: string): string => `${envName(spec.id)}=${t}`);
  return {
    kind: 'pattern',
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity ?? 'critical',
    confidence: spec.confidence ?? 'high',
    priority: spec.priority ?? 85,
    keywords: spec.keywords,
    pattern: spec.pattern,
    ...(spec.window ? { window: spec.window } : {}),
    ...(spec.uuidShaped ? { uuidShaped: true } : {}),
    validate: (secret, match) => looksGenerated(secret.slice(prefixLength)) && (spec.validate?.(secret, match) ?? true),
    remediation: 'third-party-token',
    rotation: spec.rotation,
    distinctive: spec.distinctive,
    generate: spec.generate,
    embed,
    examples: () => {
      const a = spec.generate(1);
      const b = spec.generate(2);
      // Keep the keyword part of the prefix so the negatives reach the pattern.
      const keep = Math.max(prefixLength, 0);
      return {
        positive: [embed(a), embed(b)],
        negative: [
          embed(refill(a, keep, () => 'x')),
          embed(refill(a, keep, (i) => SEQUENCE[i % SEQUENCE.length]!)),
          ...(spec.negatives?.(a) ?? []),
        ],
      };
    },
  };
}

/** A deterministic PRNG for a detector's generator: same id and seed, same token. */
export function rngFor(id: string, seed: number): Prng {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return createPrng((h ^ Math.imul(seed, 0x9e3779b1)) >>> 0);
}

/**
 * A pattern for a value that only a provider name nearby identifies: `<name...> = <value>` (env,
 * YAML, JSON, code; quoted or not). `names` is a regex alternation matched case-insensitively.
 */
export function contextPattern(names: string, value: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9])(?:${names})[A-Za-z0-9_.-]{0,30}["']?[ \t]{0,3}[:=]{1,2}>?[ \t]{0,3}["']?(?<secret>${value})(?![A-Za-z0-9])`,
    'gi',
  );
}
