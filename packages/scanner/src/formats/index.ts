import { textReader } from './text.js';
import type { FormatReader } from './types.js';

export { textReader };

/** Structured readers, most specific first. The text reader is the fallback. */
export const formatReaders: readonly FormatReader[] = [];

export function readerFor(path: string, _text: string): FormatReader {
  return formatReaders.find((r) => r.matches(path)) ?? textReader;
}
