import type { FormatReader } from './types.js';

/** Plain text and source code: no structure; secret-named assignments are found by pattern. */
export const textReader: FormatReader = {
  name: 'text',
  matches: () => true,
  read: () => ({ candidates: [], skipRanges: [] }),
};
