/**
 * Test-local detectors and a scan helper, so format tests do not depend on the real catalog.
 * Fixture values are built at run time (`fake`) and interpolated into fixture texts, so no committed
 * line holds a literal secret-looking value.
 */
import { createEngine } from '../../src/detect/engine.js';
import type { AssignmentDetector, PatternDetector } from '../../src/detect/types.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic pseudo-random generator (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random-looking string of `length` chars from `alphabet`, the same for the same seed. */
export function fake(seed: number, length = 12, alphabet = ALNUM): string {
  const next = prng(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** A token the test pattern detector finds anywhere: `tkn_` + 16 alphanumerics. */
export function fakeToken(seed: number): string {
  return `tkn_${fake(seed, 16)}`;
}

export const tokenDetector: PatternDetector = {
  kind: 'pattern',
  id: 'test-token',
  title: 'Test token',
  description: 'tkn_ tokens (test only)',
  severity: 'high',
  confidence: 'high',
  priority: 50,
  keywords: ['tkn_'],
  pattern: /(?<![A-Za-z0-9])(?<secret>tkn_[A-Za-z0-9]{16})(?![A-Za-z0-9])/g,
  remediation: 'third-party-token',
  examples: () => ({ positive: [], negative: [] }),
};

export const passwordDetector: AssignmentDetector = {
  kind: 'assignment',
  id: 'test-password',
  title: 'Test password',
  description: 'secret-named keys with a value (test only)',
  severity: 'medium',
  confidence: 'medium',
  priority: 10,
  keywords: ['password', 'secret', 'pw'],
  matchesKey: (key) => /password|secret|pw/i.test(key),
  acceptsValue: (value) => value.length >= 3 && !/\s/.test(value),
  remediation: 'generic-secret',
  examples: () => ({ positive: [], negative: [] }),
};

export const testEngine = createEngine([tokenDetector, passwordDetector]);

export interface Seen {
  readonly rule: string;
  readonly key?: string;
  readonly secret: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Findings of the test detectors in `text` read as `path`, in a comparable shape. */
export function scan(path: string, text: string): { findings: Seen[]; warning?: string } {
  const result = scanContent(text, path, testEngine);
  const findings = result.matches.map((m) => ({
    rule: m.match.detector.id,
    ...(m.key !== undefined ? { key: m.key } : {}),
    secret: m.match.secret,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
  }));
  return result.warning !== undefined ? { findings, warning: result.warning } : { findings };
}

/** Shorthand for an expected single-line finding. */
export function at(rule: string, key: string | undefined, secret: string, line: number, column: number): Seen {
  return {
    rule,
    ...(key !== undefined ? { key } : {}),
    secret,
    line,
    column,
    endLine: line,
    endColumn: column + secret.length,
  };
}
