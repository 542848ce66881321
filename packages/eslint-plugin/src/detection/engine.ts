/**
 * The one detection engine the lint rules share: the scanner's catalog behind its keyword prefilter,
 * built once per process on first use (the catalog itself is never copied here).
 */
import { catalog, createEngine, type Engine } from '@keyless/scanner/detectors';

let shared: Engine | undefined;

export function sharedEngine(): Engine {
  shared ??= createEngine(catalog);
  return shared;
}
