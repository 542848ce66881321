/**
 * Checks custom detectors from a config: the pattern compiles, has a `(?<secret>...)` group, is
 * linear-time according to recheck, and the id does not clash with another detector.
 */
import { createRequire } from 'node:module';
import type { CustomDetectorConfig } from './types.js';

type CheckSync = typeof import('recheck').checkSync;
let checkSyncFn: CheckSync | undefined;

/**
 * How long recheck may take to decide (its default, 10 s, ran out on a simple pattern on a machine
 * loaded with other work, and a timeout rejects the config: an exit 2 that depends on the load).
 */
const RECHECK_TIMEOUT_MS = 60_000;

/** recheck costs ~0.3 s to load: loaded only when a config declares custom detectors. */
function checkSync(source: string, flags: string): ReturnType<CheckSync> {
  checkSyncFn ??= (createRequire(import.meta.url)('recheck') as { checkSync: CheckSync }).checkSync;
  return checkSyncFn(source, flags, { timeout: RECHECK_TIMEOUT_MS });
}

/** Undefined when the detector is acceptable, else a one-line reason (without the detector's name). */
export function customDetectorProblem(d: CustomDetectorConfig): string | undefined {
  const flags = d.flags ?? '';
  try {
    new RegExp(d.pattern, flags);
  } catch (err) {
    // V8 quotes the whole pattern ("Invalid regular expression: /<pattern>/<flags>: <reason>"), and a
    // pattern may hold a literal secret: keep only the reason.
    const message = err instanceof Error ? err.message : String(err);
    const reason = message.startsWith('Invalid regular expression: /') ? message.slice(message.lastIndexOf(': ') + 2) : message;
    return `pattern is not a valid regular expression (${reason})`;
  }
  if (!d.pattern.includes('(?<secret>')) return 'pattern must contain a named group (?<secret>...)';
  const slow = superLinearProblem(d.pattern, flags);
  return slow ? `pattern ${slow}` : undefined;
}

/**
 * Undefined when recheck proves a (valid) regular expression linear-time, else the reason, worded
 * to follow "pattern " or "/allowlist/values/0 ". Used for custom detectors and allowlist regexes.
 */
export function superLinearProblem(source: string, flags: string): string | undefined {
  const diagnostics = checkSync(source, flags);
  if (diagnostics.status === 'vulnerable') {
    return `can take super-linear time (ReDoS, ${diagnostics.complexity.summary}); rewrite it without nested or overlapping quantifiers`;
  }
  if (diagnostics.status !== 'safe') {
    return `could not be proven linear-time (recheck: ${diagnostics.status}); simplify it`;
  }
  return undefined;
}

/** Throws-free check of all custom detectors: the first problem as "/detectors/<i> (<id>): reason". */
export function customDetectorsProblem(
  detectors: readonly CustomDetectorConfig[],
  builtInIds: ReadonlySet<string>,
): string | undefined {
  const seen = new Set<string>();
  for (const [i, d] of detectors.entries()) {
    const where = `/detectors/${i} (${d.id})`;
    if (builtInIds.has(d.id)) return `${where}: id clashes with a built-in rule`;
    if (seen.has(d.id)) return `${where}: id is used by another custom detector`;
    seen.add(d.id);
    const problem = customDetectorProblem(d);
    if (problem) return `${where}: ${problem}`;
  }
  return undefined;
}
