/**
 * `@keyless/scanner/detectors`: the detector catalog and engine, side-effect free and without
 * node:* imports, shared by the scanner and the ESLint plugin.
 */
export * from './types.js';
export { catalog } from './catalog.js';
export { createEngine, resolveOverlaps, type Engine } from './engine.js';
export { isNotSecret } from '../filters/not-secrets.js';
