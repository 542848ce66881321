/**
 * A format reader turns a file into key/value candidates with exact positions, so that
 * `"ClientSecret": "..."` is judged together with its key.
 */
import type { ValueEncoding } from '../detect/value-encodings.js';

export interface Candidate {
  /** The key the value is assigned to (last segment), e.g. `ClientSecret`, `DB_PASSWORD`. */
  readonly key: string;
  /** Full path of keys for nested formats, e.g. `["AzureAd", "ClientSecret"]`. */
  readonly keyPath?: readonly string[];
  /** The value as the program sees it (unquoted, unescaped, base64-decoded where the format says so). */
  readonly value: string;
  /** Offsets of the value's text in the file (without quotes). Exclusive end. */
  readonly start: number;
  readonly end: number;
  /**
   * True when `value` is not the literal file text between start and end (escapes, base64 `data:`).
   * Pattern detectors then also run on `value`, and findings point at the whole range.
   */
  readonly transformed?: boolean;
  /** The encoding the reader undid to get `value` (a Kubernetes Secret's base64 `data:`). */
  readonly encoding?: ValueEncoding;
}

export interface FormatReadResult {
  readonly candidates: readonly Candidate[];
  /** File ranges that must not be scanned as text (notebook outputs, lockfile integrity hashes). */
  readonly skipRanges: readonly (readonly [number, number])[];
}

export interface FormatReader {
  /** e.g. `json`, `dotenv`, `yaml`, `ipynb`, `tfvars`, `text`. */
  readonly name: string;
  /** Does this reader handle the path (forward-slash, relative)? */
  readonly matches: (path: string) => boolean;
  /** Throws on malformed input; the caller then falls back to the text reader and says so. */
  readonly read: (text: string, path: string) => FormatReadResult;
}
