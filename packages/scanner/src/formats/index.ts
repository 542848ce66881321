import { dotenvReader } from './dotenv.js';
import { ipynbReader } from './ipynb.js';
import { jsonReader } from './json.js';
import { pgpassReader } from './pgpass.js';
import { railsMasterKeyReader } from './rails-master-key.js';
import { lockfileReader } from './lockfiles.js';
import { textReader, textStyleFor } from './text.js';
import type { AssignmentPlace } from '../detect/types.js';
import { tfvarsReader } from './tfvars.js';
import type { FormatReader } from './types.js';
import { xmlConfigReader } from './xml-config.js';
import { yamlReader } from './yaml.js';

export { railsMasterKeyReader, pgpassReader };
export { textReader, lockfileReader, dotenvReader, ipynbReader, jsonReader, tfvarsReader, xmlConfigReader, yamlReader };
export type { Candidate, FormatReader, FormatReadResult } from './types.js';

/** Structured readers, most specific first. The text reader is the fallback. */
export const formatReaders: readonly FormatReader[] = [
  railsMasterKeyReader,
  pgpassReader,
  lockfileReader,
  ipynbReader,
  jsonReader,
  dotenvReader,
  yamlReader,
  tfvarsReader,
  xmlConfigReader,
];

/** The reader for a file (relative path, forward slashes); `text` is reserved for content sniffing. */
export function readerFor(path: string, _text: string): FormatReader {
  return formatReaders.find((r) => r.matches(path)) ?? textReader;
}

/**
 * Whether a file's key/value pairs are settings (JSON, YAML, .env, XML config, tfvars, .pgpass, ini-like
 * text) or code (source files, shell scripts, notebooks, lockfiles). Decided by the path, so a
 * malformed config file read as text is still config.
 */
export function assignmentPlaceFor(path: string, text: string): AssignmentPlace {
  const reader = readerFor(path, text);
  if (reader === textReader) return textStyleFor(path, text) === 'ini' ? 'config' : 'code';
  return reader === ipynbReader || reader === lockfileReader ? 'code' : 'config';
}
