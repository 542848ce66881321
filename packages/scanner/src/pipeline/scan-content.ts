/**
 * The detection pipeline for one file's text: format reader -> candidates; detectors over the raw
 * text and over the candidates; overlaps resolved; positions as line/column. Knows nothing of git.
 */
import { keepCompanions, resolveOverlaps, type Engine } from '../detect/engine.js';
import type { AssignmentPlace, DetectorMatch } from '../detect/types.js';
import { isIgnoredInline } from '../filters/inline-ignore.js';
import { isPublicSearchKey } from '../filters/public-search-keys.js';
import { assignmentPlaceFor, readerFor, textReader } from '../formats/index.js';
import type { Candidate, FormatReadResult } from '../formats/types.js';
import { encodedMatches, isEncodedNonSecret, keyPrefix, preferDecoded, readerEncoding, type EncodedMatch } from './decoded-matches.js';

export interface ContentMatch {
  readonly match: DetectorMatch;
  /** Key the secret was assigned to, when known. */
  readonly key?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly lineText: string;
  /**
   * Set when the secret was found decoded (`base64`, `percent`, `escape`, `html-entity`; several
   * outermost first, joined by `+`): the position is the encoded form's, the secret the decoded one.
   */
  readonly encoding?: string;
}

export interface ContentScanResult {
  readonly matches: ContentMatch[];
  /** Matches silenced by a `keyless-ignore` comment (reported as suppressed); absent when none. */
  readonly ignored?: ContentMatch[];
  /** Set when the structured reader failed and the text reader was used instead. */
  readonly warning?: string;
}

/** Offsets of line starts, for offset -> line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
  private readonly texts = new Map<number, string>();
  /** The line's text (one string per line, however many findings it holds). */
  lineText(line: number): string {
    const known = this.texts.get(line);
    if (known !== undefined) return known;
    const text = this.readLine(line);
    this.texts.set(line, text);
    return text;
  }
  private readLine(line: number): string {
    const start = this.starts[line - 1] ?? 0;
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

function inRanges(offset: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([s, e]) => offset >= s && offset < e);
}

function keyOf(c: Candidate): string {
  return c.keyPath && c.keyPath.length ? c.keyPath.join(':') : c.key;
}

function readStructured(text: string, path: string): { result: FormatReadResult; warning?: string } {
  const reader = readerFor(path, text);
  if (reader === textReader) return { result: textReader.read(text, path) };
  try {
    return { result: reader.read(text, path) };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      result: textReader.read(text, path),
      warning: `${path}: could not be read as ${reader.name} (${why}); scanned as plain text`,
    };
  }
}

export function scanContent(text: string, path: string, engine: Engine): ContentScanResult {
  const { result, warning } = readStructured(text, path);
  const keyed = new Map<DetectorMatch, string>();
  const all: DetectorMatch[] = [];
  let place: AssignmentPlace | undefined;

  for (const m of engine.scanText(text)) {
    if (!inRanges(m.start, result.skipRanges)) all.push(m);
  }
  const encodings = new Map<DetectorMatch, string>();
  const encoded: EncodedMatch[] = [];
  const keyAllowed = (c: Candidate): boolean => !isPublicSearchKey(c.key, c.keyPath, text.slice(Math.max(0, c.start - 300), c.start));
  for (const c of result.candidates) {
    if (c.transformed) {
      let encoding: string | undefined | null = null;
      // Behind its key, as in the decoding layer: key-context detectors see the value as in clear.
      const prefix = keyPrefix(c.key);
      for (const found of engine.scanText(prefix + c.value)) {
        if (found.start < prefix.length) continue;
        const m = { ...found, start: found.start - prefix.length, end: found.end - prefix.length };
        // Where the secret itself is written verbatim in the range (e.g. a block scalar's body, a
        // JSON string with escapes elsewhere), point at it exactly; otherwise at the whole value.
        const exact = text.indexOf(m.secret, c.start);
        const verbatim = exact !== -1 && exact + m.secret.length <= c.end;
        const start = verbatim ? exact : c.start;
        const end = verbatim ? exact + m.secret.length : c.end;
        const mapped: DetectorMatch = { detector: m.detector, secret: m.secret, start, end };
        all.push(mapped);
        keyed.set(mapped, keyOf(c));
        if (!verbatim && (encoding ??= readerEncoding(c, text.slice(c.start, c.end))) !== undefined) encodings.set(mapped, encoding);
      }
    }
    place ??= assignmentPlaceFor(path, text);
    for (const e of encodedMatches(c, text, engine, place, keyAllowed)) {
      encoded.push(e);
      encodings.set(e.match, e.encoding);
      keyed.set(e.match, keyOf(c));
    }
    const judged = engine.judgeAssignment(c.key, c.value, place);
    if (judged && keyAllowed(c) && !isEncodedNonSecret(c.value)) {
      const m: DetectorMatch = { detector: judged, secret: c.value, start: c.start, end: c.end };
      all.push(m);
      keyed.set(m, keyOf(c));
      if (c.transformed && c.value !== text.slice(c.start, c.end)) {
        const encoding = readerEncoding(c, text.slice(c.start, c.end));
        if (encoding !== undefined) encodings.set(m, encoding);
      }
    }
  }
  // A pattern match inside a candidate's range also learns the candidate's key.
  // Where one rule reads a secret both as written and decoded, preferDecoded keeps one (see there).
  const resolved = keepCompanions(resolveOverlaps(encoded.length ? preferDecoded(all, encoded) : all), text);
  if (resolved.length === 0) return warning ? { matches: [], warning } : { matches: [] };
  const index = new LineIndex(text);
  // Ignore directives are read once per line and rule: a minified line can hold thousands of matches.
  const ignoredInline = new Map<string, boolean>();
  const isIgnored = (line: number, ruleId: string): boolean => {
    const key = `${line}\u0000${ruleId}`;
    let ignored = ignoredInline.get(key);
    if (ignored === undefined) {
      ignored = isIgnoredInline(index.lineText(line), line > 1 ? index.lineText(line - 1) : undefined, ruleId);
      ignoredInline.set(key, ignored);
    }
    return ignored;
  };
  const matches: ContentMatch[] = [];
  let ignored: ContentMatch[] | undefined;
  for (const m of resolved) {
    let key = keyed.get(m);
    if (key === undefined) {
      const owner = result.candidates.find((c) => m.start >= c.start && m.end <= c.end);
      if (owner) key = keyOf(owner);
    }
    const s = index.position(m.start);
    const e = index.position(m.end);
    const lineText = index.lineText(s.line);
    const encoding = encodings.get(m) ?? m.encoding;
    const found: ContentMatch = {
      match: m,
      ...(key !== undefined ? { key } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      lineText,
    };
    if (isIgnored(s.line, m.detector.id)) (ignored ??= []).push(found);
    else matches.push(found);
  }
  return { matches, ...(ignored ? { ignored } : {}), ...(warning ? { warning } : {}) };
}
