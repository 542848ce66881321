/**
 * Each detector fed a ~1 MB line built to stress it (its keywords repeated, long runs of its
 * character classes, near-misses) finishes well within a generous bound, and the whole catalog too.
 * Time is this process's CPU time, not wall time, so other jobs on a shared machine do not count.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import type { PatternDetector } from '../../src/detect/types.js';

const MB = 1 << 20;
const BOUND_MS = 2000;

/** CPU milliseconds (user + system) spent by this process while running `fn`. */
function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function fill(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
}

/** Inputs that stress a pattern detector: keyword floods, keyword + class runs, separators. */
function stressInputs(d: PatternDetector): string[] {
  const kw = d.keywords[0] ?? 'x';
  return [fill(kw), fill(`${kw}=`), fill(`${kw}${'A'.repeat(90)}`), fill(`a${kw}:${'b'.repeat(40)};= `)];
}

describe('adversarial 1 MB lines', { timeout: 600_000 }, () => {
  for (const d of catalog.filter((x): x is PatternDetector => x.kind === 'pattern')) {
    test(`${d.id} stays under ${BOUND_MS} ms of CPU per input`, () => {
      const engine = createEngine([d]);
      for (const input of stressInputs(d)) {
        const ms = cpuMs(() => engine.scanText(input));
        assert.ok(ms < BOUND_MS, `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 30))}...`);
      }
    });
  }

  test('the whole catalog on 1 MB of base64 and of mixed keywords', () => {
    const engine = createEngine(catalog);
    const keywords = catalog.flatMap((d) => (d.kind === 'pattern' ? d.keywords : []));
    for (const input of [fill('QUJDZGVm+/09'), fill(keywords.join('=') + '='), fill('Password=;AccountKey=sig=sv=://:@')]) {
      const ms = cpuMs(() => engine.scanText(input));
      assert.ok(ms < 4 * BOUND_MS, `${ms.toFixed(0)} ms`);
    }
  });
});
