/**
 * Every catalog pattern is linear-time.
 *
 * Before the fixes recheck flagged 3 patterns: azure-sas-token (`=` inside the repeated class let
 * `sig=sig=...` backtrack polynomially), twilio-auth-token (lazy `twilio[...]{0,30}?` before the key
 * suffix) and jwt-token (a trailing lookahead after three bounded runs; flagged in some fuzzing runs).
 *
 * Method, in order:
 * 1. recheck's exact automaton checker, on the pattern without single-character-class lookarounds
 *    (`(?<![A-Za-z0-9])`, `(?![=])`: O(1) checks that cannot add backtracking, but they force recheck
 *    onto its fuzzer). `safe` is a proof.
 * 2. When it times out or cannot decide, recheck's fuzzer on the original pattern, fixed seed.
 * 3. Neither checker's "vulnerable" or "unknown" is a verdict by itself: both depend on wall-clock
 *    budgets (a loaded machine turns a 4-second proof into a timeout), and the fuzzer extrapolates
 *    from small inputs, where a bounded repeat such as `{6,256}` still looks polynomial. So a
 *    reported attack is replayed on the real pattern, as the engine runs it (global exec over the
 *    whole input), at growing sizes: linear matching takes about 4 times as long on an input 4 times
 *    longer; a quadratic one 16 times, a cubic one 64 times. The figure is a ratio of the fastest of
 *    several alternated runs, so load that slows every run alike does not change it; an exponential
 *    verdict, or any single run over a second, fails at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { allDetectors } from '../../src/detect/catalog.js';
import type { PatternDetector } from '../../src/detect/types.js';

interface Attack {
  readonly pumps: readonly { readonly prefix: string; readonly pump: string }[];
  readonly suffix: string;
  readonly pattern?: string;
}
interface Diagnostics {
  readonly status: 'safe' | 'vulnerable' | 'unknown';
  readonly checker?: string;
  readonly attack?: Attack;
  readonly complexity?: { readonly type: string; readonly summary: string };
}
const require = createRequire(import.meta.url);
const { checkSync } = require('recheck') as {
  checkSync: (source: string, flags: string, params?: Record<string, unknown>) => Diagnostics;
};

/** The pattern without single-character-class lookarounds. */
export function withoutClassLookarounds(source: string): string {
  return source.replace(/\(\?<?[!=]\[(?:\\.|[^\]\\])*\]\)/g, '');
}

/** Growth ratio above which matching is super-linear: between linear (4) and quadratic (16). */
const MAX_GROWTH = 8;
/** A single run this long on inputs of at most 64k characters is super-linear on its own (ms). */
const SLOW_RUN_MS = 1_000;

/** The attack string with every pump repeated `n` times. */
function attackOf(a: Attack, n: number): string {
  return a.pumps.map((p) => p.prefix + p.pump.repeat(n)).join('') + a.suffix;
}

/** Milliseconds to find every match of `re` in `s`, the way the engine scans a slice. */
function scanMs(re: RegExp, s: string): number {
  const started = process.hrtime.bigint();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) if (m[0].length === 0) re.lastIndex++;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Replays `attack` on the pattern at inputs of 1k, 4k, 16k and 64k characters and returns the
 * growth ratio of the last two sizes reached (fastest of 5 alternated runs each), or Infinity when a
 * run exceeds `SLOW_RUN_MS`.
 */
export function measuredGrowth(source: string, flags: string, attack: Attack): number {
  const re = new RegExp(source, flags.replace(/[gy]/g, '') + 'g');
  const pumpLength = Math.max(1, attack.pumps.reduce((n, p) => n + p.pump.length, 0));
  const inputs = [1_024, 4_096, 16_384, 65_536].map((chars) => attackOf(attack, Math.ceil(chars / pumpLength)));
  const best: number[] = [];
  for (let i = 0; i < inputs.length; i++) {
    let fastest = Infinity;
    for (let run = 0; run < 5; run++) {
      // Alternate with the previous size, so a burst of load slows both sides of the ratio.
      if (i > 0) best[i - 1] = Math.min(best[i - 1]!, scanMs(re, inputs[i - 1]!));
      const ms = scanMs(re, inputs[i]!);
      if (ms > SLOW_RUN_MS) return Infinity;
      fastest = Math.min(fastest, ms);
    }
    best.push(fastest);
  }
  const n = best.length;
  return best[n - 1]! / Math.max(best[n - 2]!, 0.05);
}

/** Linear-time verdict of a pattern, with the reason when it is not. */
export function linearity(source: string, flags: string): { linear: boolean; why: string } {
  const exact = checkSync(withoutClassLookarounds(source), flags, { checker: 'automaton', timeout: 5_000 });
  if (exact.status === 'safe') return { linear: true, why: 'automaton: safe' };
  const fuzz = exact.status === 'vulnerable' ? exact : checkSync(source, flags, { randomSeed: 1, timeout: 60_000 });
  if (fuzz.status === 'safe') return { linear: true, why: 'fuzz: safe' };
  if (!fuzz.attack) return { linear: false, why: `${fuzz.checker ?? '?'}: ${fuzz.status}, no attack to replay` };
  const what = `${fuzz.checker ?? '?'} attack ${fuzz.attack.pattern ?? '?'} (${fuzz.complexity?.summary ?? '?'})`;
  if (fuzz.complexity?.type === 'exponential' && !fuzz.complexity.summary.includes('fuzz')) return { linear: false, why: what };
  for (let attempt = 0; attempt < 3; attempt++) {
    const growth = measuredGrowth(source, flags, fuzz.attack);
    if (growth <= MAX_GROWTH) return { linear: true, why: `${what}; replayed: x${growth.toFixed(1)} for 4x input` };
    if (growth === Infinity) return { linear: false, why: `${what}; replayed: a run over ${SLOW_RUN_MS} ms` };
  }
  return { linear: false, why: `${what}; replayed: growth over x${MAX_GROWTH} for 4x input, 3 times` };
}

describe('ReDoS (recheck, confirmed by growth)', { timeout: 900_000 }, () => {
  test('lookaround stripping removes only single-class lookarounds', () => {
    assert.equal(withoutClassLookarounds('(?<![A-Z\\]])a(?![=])b(?!----)'), 'ab(?!----)');
  });

  test('the check fails a super-linear pattern and passes a long bounded repeat', () => {
    // Quadratic when scanned globally over a run of `a`: every start retries the whole run.
    assert.equal(linearity('a+a+b', '').linear, false);
    assert.equal(linearity('(?:x+x+)+y', '').linear, false);
    // Bounded: at most 256 steps per start, linear however long the input.
    assert.equal(linearity('(?<![A-Za-z])(?:-p|--password)(?:=|(?<=-p)(?=[^\\s-]))(?<secret>[^\\s;]{6,256})(?=[\\s;]|$)', '').linear, true);
  });

  for (const d of allDetectors.filter((x): x is PatternDetector => x.kind === 'pattern')) {
    test(`${d.id} is linear`, () => {
      const r = linearity(d.pattern.source, d.pattern.flags.replace(/[gdy]/g, ''));
      assert.ok(r.linear, r.why);
    });
  }
});
