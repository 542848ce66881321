/**
 * Secrets behind an encoding inside one candidate value (detect/value-encodings.ts): the value is
 * decoded (base64 of printable text, percent-encoding, `\u`/`\x` escapes, HTML entities; at most two
 * deep, at most 4 KiB), the detectors run on the decoded text, and each match is placed at the
 * ENCODED span in the file: exactly where the decoding keeps a map (percent, escapes, entities),
 * the whole value for base64. The match's secret is the decoded secret, so it fingerprints like the
 * same secret written in clear (a baseline entry survives an encoding change).
 */
import type { Engine } from '../detect/engine.js';
import type { AssignmentPlace, DetectorMatch } from '../detect/types.js';
import { isNotSecret } from '../detect/not-secrets.js';
import { CHARACTER_REFERENCE, decodedLayers, decodeWholeBase64, HEX_ESCAPE, type ValueEncoding } from '../detect/value-encodings.js';
import type { Candidate } from '../formats/types.js';

export interface EncodedMatch {
  readonly match: DetectorMatch;
  /** The encodings, outermost first, joined by `+` (`base64`, `base64+percent`). */
  readonly encoding: string;
  /** Placed exactly on the secret's encoded characters (no base64 among the encodings, value verbatim). */
  readonly exact: boolean;
}

/** `key=` before a decoded value, when the key is a plain name (no line breaks, at most 100 characters). */
export function keyPrefix(key: string): string {
  return key.length > 0 && key.length <= 100 && !/[\r\n=]/.test(key) ? `${key}=` : '';
}

/** May a value judged under `key` be reported (false for public search-only keys)? */
export type KeyFilter = (c: Candidate) => boolean;

/**
 * Matches in the decodings of `c` (empty for almost every value). `text` is the file; positions are
 * exact only when the candidate's value is its file text verbatim.
 */
export function encodedMatches(c: Candidate, text: string, engine: Engine, place: AssignmentPlace, keyAllowed: KeyFilter): EncodedMatch[] {
  const layers = decodedLayers(c.value);
  if (layers.length === 0) return [];
  const verbatim = !c.transformed && c.end - c.start === c.value.length && text.startsWith(c.value, c.start);
  const out: EncodedMatch[] = [];
  // Shallowest decodings first: where two layers find the same secret at one span, the one decoded
  // least is kept (`base64` of `Password=p%40ss` is the secret `p%40ss`, as the clear string's).
  for (const layer of layers) {
    const encoding = layer.encodings.join('+');
    const place_ = (m: { start: number; end: number }): { start: number; end: number } => {
      if (!verbatim || !layer.exact) return { start: c.start, end: c.end };
      const start = c.start + (layer.rawOffset[m.start] ?? 0);
      // The end is the input offset after the last decoded unit's encoded form.
      const end = c.start + (layer.rawOffset[m.end] ?? c.value.length);
      return end > start ? { start, end } : { start: c.start, end: c.end };
    };
    // The decoded value is scanned behind its key (`AccountKey=<decoded>`), so detectors that need
    // the key as context find it as they would in clear; matches must lie in the value itself.
    // Line-anchored detectors (`password <value>` directives) need the value's first line on its
    // own, so a value behind a key is also scanned alone; a match both scans find is kept once.
    const prefix = keyPrefix(c.key);
    const exact = verbatim && layer.exact;
    const seen = new Set<string>();
    const inValueMatches = [
      ...engine.scanText(prefix + layer.value).flatMap((m) => (m.start < prefix.length ? [] : [{ ...m, start: m.start - prefix.length, end: m.end - prefix.length }])),
      ...(prefix ? engine.scanText(layer.value) : []),
    ];
    for (const m of inValueMatches) {
      const id = `${m.detector.id}:${m.start}:${m.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ match: { detector: m.detector, secret: m.secret, ...place_(m) }, encoding, exact });
    }
    const judged = engine.judgeAssignment(c.key, layer.value, place);
    if (judged && keyAllowed(c)) {
      out.push({ match: { detector: judged, secret: layer.value, start: c.start, end: c.end }, encoding, exact: false });
    }
  }
  return out;
}

/**
 * Is the value base64 of a placeholder or other non-secret (`Y2hhbmdlbWU=` is `changeme`)? Then it
 * is not judged as a secret in its encoded form either.
 */
export function isEncodedNonSecret(value: string): boolean {
  const decoded = decodeWholeBase64(value);
  return decoded !== undefined && isNotSecret(decoded.value);
}

/**
 * Where a match found as written and a decoded one overlap, which is reported:
 * - the decoded one when its span covers the written one and holds more (the value was base64, or
 *   the written match was only a part: `Password%3Dp%40ss`);
 * - the written one when the decoding found the secret at exactly its span (`sig=...%2B...` of a SAS
 *   URL is reported as written, as before, so its fingerprint and baselines do not change);
 * - the written one when the decoded match is smaller: decoding a whole value can cut a secret that
 *   the value's own syntax holds whole (percent-decoding a URL puts an `@` into its user-info
 *   password), and a part must not replace the match of the whole.
 */
export function preferDecoded(written: readonly DetectorMatch[], encoded: readonly EncodedMatch[]): DetectorMatch[] {
  if (encoded.length === 0) return [...written];
  const overlaps = (a: DetectorMatch, b: DetectorMatch) => a.start < b.end && b.start < a.end;
  const wins = (e: EncodedMatch, w: DetectorMatch) => {
    if (e.match.start > w.start || w.end > e.match.end) return false;
    const sameSpan = e.match.start === w.start && e.match.end === w.end;
    return !(sameSpan && e.exact);
  };
  // Across detectors the usual priorities decide (resolveOverlaps); here only one rule's two readings.
  const kept = encoded.filter((e) => !written.some((w) => w.detector.id === e.match.detector.id && overlaps(w, e.match) && !wins(e, w)));
  const keptWritten = written.filter((w) => !kept.some((e) => w.detector.id === e.match.detector.id && overlaps(w, e.match)));
  return [...kept.map((e) => e.match), ...keptWritten];
}

/**
 * The encoding a reader undid before handing the value over (JSON / YAML / string-literal `\u`
 * escapes, XML entities), read from the file text of the value; simple escapes (`\"`, `\n`) and
 * YAML folding are not encodings of a secret.
 */
export function readerEncoding(c: Candidate, raw: string): ValueEncoding | undefined {
  if (c.encoding) return c.encoding;
  if (HEX_ESCAPE.test(raw)) return 'escape';
  if (CHARACTER_REFERENCE.test(raw)) return 'html-entity';
  return undefined;
}
