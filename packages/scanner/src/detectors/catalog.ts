import type { Detector } from './types.js';

/** Every built-in detector. Order does not matter: overlaps are resolved by `priority`. */
export const catalog: readonly Detector[] = [];
