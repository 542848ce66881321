/**
 * The one detection engine the lint rules share: the scanner's catalog behind its keyword prefilter,
 * built once per process on first use (the catalog itself is never copied here).
 */
import { catalog, createEngine, type Engine } from '@keyless/scanner/detectors';

let shared: Engine | undefined;
let keyKeywords: readonly string[] | undefined;

export function sharedEngine(): Engine {
  shared ??= createEngine(catalog);
  return shared;
}

/**
 * Cheap pre-check before `engine.judgeAssignment`: can any assignment detector of the catalog care
 * about this key (its keywords, lower-cased, occur in the key)? Most object properties and variables
 * fail here, so their values never reach the (costlier) not-secret and value judges.
 */
export function mayBeSecretKey(key: string): boolean {
  keyKeywords ??= catalog.flatMap((d) => (d.kind === 'assignment' ? d.keywords.map((k) => k.toLowerCase()) : []));
  const lower = key.toLowerCase();
  for (const k of keyKeywords) if (lower.includes(k)) return true;
  return false;
}
