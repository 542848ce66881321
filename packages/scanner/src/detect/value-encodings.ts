/**
 * Encodings a secret can hide behind inside one config value or string literal: base64 (only when
 * the whole value is base64 of printable text), percent-encoding (`%40`), `\uXXXX` / `\xXX`
 * escapes and HTML/XML character references (`&#x41;`, `&#65;`, `&amp;`). Each decoder returns the
 * decoded text with a map back to offsets in its input, so a secret found in the decoded text is
 * reported at its encoded span. Bounded: values longer than `MAX_ENCODED_VALUE` are not decoded.
 * Every decoder is a single linear pass (no backtracking regular expression).
 */
import { decodeBase64 } from './encoding.js';
import { decodeEscapes } from './escapes.js';

/** How a decoded finding was written in the file (JSON `encoding`, SARIF `properties.encoding`). */
export type ValueEncoding = 'base64' | 'percent' | 'escape' | 'html-entity';

/** Values (and decoded texts) longer than this are left alone: 4 KiB is far above any credential. */
export const MAX_ENCODED_VALUE = 4096;
/** Below this a base64 value is too short to hold a credential worth decoding (and too likely by chance). */
const MIN_BASE64_VALUE = 12;

export interface DecodedValue {
  readonly encoding: ValueEncoding;
  readonly value: string;
  /**
   * `rawOffset[i]` is the input offset of decoded code unit `i`; `rawOffset[value.length]` is the
   * input length. A decoded range [s, e) was written at input [rawOffset[s], rawOffset[e]). Base64
   * maps every unit to 0: a secret in it is reported at the whole value.
   */
  readonly rawOffset: Int32Array;
}

/** Printable text: no C0 control but tab/LF/CR, no DEL, no replacement character. */
function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return false;
  }
  return true;
}

/**
 * No byte that printable UTF-8 text never holds (C0 controls but tab/LF/CR, DEL, 0xC0/0xC1/0xF5+):
 * random bytes fail this within a few bytes, before any (throwing) UTF-8 decoder runs.
 */
function printableBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f || b === 0xc0 || b === 0xc1 || b >= 0xf5) return false;
  }
  return true;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
}

/**
 * The whole value as base64 (standard or URL-safe, padded or not) when it decodes to printable
 * UTF-8 text; undefined otherwise (random bytes, images, a value with anything else in it).
 */
export function decodeWholeBase64(value: string): DecodedValue | undefined {
  const n = value.length;
  if (n < MIN_BASE64_VALUE || n > MAX_ENCODED_VALUE) return undefined;
  let end = n;
  while (end > 0 && value.charCodeAt(end - 1) === 61 /* = */) end--;
  if (n - end > 2) return undefined;
  for (let i = 0; i < end; i++) if (!isBase64Char(value.charCodeAt(i))) return undefined;
  if (end < n && n % 4 !== 0) return undefined;
  // The first 6 bytes reject almost every identifier or random key before the whole value is decoded.
  const head = decodeBase64(value.slice(0, 8));
  if (!head || !printableBytes(head)) return undefined;
  const bytes = decodeBase64(value);
  if (!bytes || bytes.length === 0 || !printableBytes(bytes)) return undefined;
  const text = utf8Text(bytes);
  if (text === undefined || !isPrintable(text) || text.trim().length < 8) return undefined;
  const rawOffset = new Int32Array(text.length + 1);
  rawOffset[text.length] = n;
  return { encoding: 'base64', value: text, rawOffset };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** `%XX` at `i`, as a byte, or -1. */
function percentByte(s: string, i: number): number {
  if (s.charCodeAt(i) !== 37 /* % */ || i + 2 >= s.length) return -1;
  const hi = hexValue(s.charCodeAt(i + 1));
  const lo = hexValue(s.charCodeAt(i + 2));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

/**
 * Percent-decoding (`p%40ss` -> `p@ss`; runs of `%XX` are read as UTF-8, `+` is left as is). Undefined
 * when the value has no `%XX`, a run is not UTF-8, or the result is not printable.
 */
export function decodePercent(value: string): DecodedValue | undefined {
  if (value.length > MAX_ENCODED_VALUE || !value.includes('%')) return undefined;
  let out = '';
  const offsets: number[] = [];
  let decodedAny = false;
  for (let i = 0; i < value.length; ) {
    if (percentByte(value, i) < 0) {
      out += value[i];
      offsets.push(i);
      i++;
      continue;
    }
    const start = i;
    const bytes: number[] = [];
    const at: number[] = [];
    for (let b = percentByte(value, i); b >= 0; b = percentByte(value, i)) {
      bytes.push(b);
      at.push(i);
      i += 3;
    }
    const text = utf8Text(Uint8Array.from(bytes));
    if (text === undefined) return undefined;
    // One decoded unit per code unit of the run; each points at the `%` of a byte that made it.
    for (let k = 0; k < text.length; k++) offsets.push(at[Math.min(k, at.length - 1)] ?? start);
    out += text;
    decodedAny = true;
  }
  if (!decodedAny || !isPrintable(out)) return undefined;
  offsets.push(value.length);
  return { encoding: 'percent', value: out, rawOffset: Int32Array.from(offsets) };
}

/** Does the value hold a `\uXXXX` or `\xXX` escape? */
function hasHexEscape(value: string): boolean {
  for (let i = value.indexOf('\\'); i !== -1 && i + 1 < value.length; i = value.indexOf('\\', i + 2)) {
    const next = value[i + 1];
    const width = next === 'u' ? 4 : next === 'x' ? 2 : 0;
    if (width === 0 || i + 2 + width > value.length) continue;
    let hex = true;
    for (let k = i + 2; k < i + 2 + width; k++) hex &&= hexValue(value.charCodeAt(k)) >= 0;
    if (hex) return true;
  }
  return false;
}

/** `\u0041` / `\x41` escapes (and the usual `\n`, `\\`...) decoded, when the value has a hex escape. */
export function decodeHexEscapes(value: string): DecodedValue | undefined {
  if (value.length > MAX_ENCODED_VALUE || !hasHexEscape(value)) return undefined;
  const decoded = decodeEscapes(value);
  return isPrintable(decoded.value) ? { encoding: 'escape', value: decoded.value, rawOffset: decoded.rawOffset } : undefined;
}

/** A `\uXXXX` / `\xXX` escape anywhere in a value's file text. */
export const HEX_ESCAPE = /\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})/;
/** A character reference anywhere in a value's file text (`&#x41;`, `&#65;`, `&amp;`). */
export const CHARACTER_REFERENCE = /&(?:#[xX]?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/;
const HEX_DIGITS = /^[0-9a-fA-F]{1,6}$/;
const DEC_DIGITS = /^[0-9]{1,7}$/;
/** Every regular expression of this module (the ReDoS test checks them with recheck). */
export const ENCODING_PATTERNS: readonly RegExp[] = [HEX_ESCAPE, CHARACTER_REFERENCE, HEX_DIGITS, DEC_DIGITS];

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character reference starting at `i` (`&...;`, at most 12 characters): its text and length. */
function entityAt(s: string, i: number): { text: string; length: number } | undefined {
  const semi = s.indexOf(';', i + 2);
  if (semi === -1 || semi - i > 12) return undefined;
  const body = s.slice(i + 1, semi);
  let code = -1;
  if (body.startsWith('#x') || body.startsWith('#X')) code = HEX_DIGITS.test(body.slice(2)) ? parseInt(body.slice(2), 16) : -1;
  else if (body.startsWith('#')) code = DEC_DIGITS.test(body.slice(1)) ? parseInt(body.slice(1), 10) : -1;
  else {
    const named = NAMED_ENTITIES[body];
    return named === undefined ? undefined : { text: named, length: semi + 1 - i };
  }
  if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { text: String.fromCodePoint(code), length: semi + 1 - i };
}

/** HTML/XML character references decoded (`&#x41;`, `&#65;`, `&amp;`), when the value has one. */
export function decodeHtmlEntities(value: string): DecodedValue | undefined {
  if (value.length > MAX_ENCODED_VALUE || !value.includes('&')) return undefined;
  let out = '';
  const offsets: number[] = [];
  let decodedAny = false;
  for (let i = 0; i < value.length; ) {
    const entity = value.charCodeAt(i) === 38 /* & */ ? entityAt(value, i) : undefined;
    if (!entity) {
      out += value[i];
      offsets.push(i);
      i++;
      continue;
    }
    for (let k = 0; k < entity.text.length; k++) offsets.push(i);
    out += entity.text;
    i += entity.length;
    decodedAny = true;
  }
  if (!decodedAny || !isPrintable(out)) return undefined;
  offsets.push(value.length);
  return { encoding: 'html-entity', value: out, rawOffset: Int32Array.from(offsets) };
}

const DECODERS = [decodeWholeBase64, decodePercent, decodeHexEscapes, decodeHtmlEntities] as const;

/** Cheap first look (the hot path: every candidate of every file): could any decoder apply? */
function mayBeEncoded(value: string): boolean {
  const n = value.length;
  if (n < 3 || n > MAX_ENCODED_VALUE) return false;
  if (value.includes('%') || value.includes('\\') || value.includes('&')) return true;
  if (n < MIN_BASE64_VALUE) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isBase64Char(c) && c !== 61 /* = */) return false;
  }
  return true;
}

/** One decoding of a value, possibly after another (depth 2): the encodings outermost first. */
export interface DecodedLayer {
  readonly encodings: readonly ValueEncoding[];
  readonly value: string;
  /** Decoded code unit -> offset in the original value (as `DecodedValue.rawOffset`). */
  readonly rawOffset: Int32Array;
  /** False when base64 is one of the encodings: a secret in it is placed at the whole value. */
  readonly exact: boolean;
}

/** Composes `inner` (offsets into `outer.value`) with `outer` (offsets into the original). */
function compose(outer: Int32Array, inner: Int32Array): Int32Array {
  const out = new Int32Array(inner.length);
  for (let i = 0; i < inner.length; i++) out[i] = outer[inner[i]!] ?? outer[outer.length - 1]!;
  return out;
}

/** Maximum number of decodings applied on top of each other (base64 of a percent-encoded value...). */
export const MAX_DECODE_DEPTH = 2;

/**
 * Every decoding of `value` up to `MAX_DECODE_DEPTH` deep (each distinct decoded text once). Empty
 * for almost every value: each decoder first checks for its marker (`%`, `\`, `&`, base64-only).
 */
export function decodedLayers(value: string): DecodedLayer[] {
  if (!mayBeEncoded(value)) return [];
  const out: DecodedLayer[] = [];
  const seen = new Set<string>([value]);
  let frontier: DecodedLayer[] = [{ encodings: [], value, rawOffset: new Int32Array(0), exact: true }];
  for (let depth = 0; depth < MAX_DECODE_DEPTH && frontier.length > 0; depth++) {
    const next: DecodedLayer[] = [];
    for (const layer of frontier) {
      const previous = layer.encodings[layer.encodings.length - 1];
      for (const decode of DECODERS) {
        const d = decode(layer.value);
        // Only base64 is undone twice: `%2541` percent-decoded once is the text `%41`, not `A`.
        if (!d || seen.has(d.value) || (d.encoding === previous && d.encoding !== 'base64')) continue;
        seen.add(d.value);
        const rawOffset = depth === 0 ? d.rawOffset : compose(layer.rawOffset, d.rawOffset);
        next.push({ encodings: [...layer.encodings, d.encoding], value: d.value, rawOffset, exact: layer.exact && d.encoding !== 'base64' });
      }
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}
