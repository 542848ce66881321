/**
 * What the value decoders (value-encodings.ts) could reveal anywhere in a text, for the keyword
 * gates that skip whole blobs before any format reader runs (pipeline/blob-scan.ts): a secret that
 * is base64-encoded, percent-encoded, escaped or written as character references has none of its
 * detector's keywords in the raw bytes, but the working-tree scan decodes it and reports it. A gate
 * that tested the raw bytes only would let the history, `--range` and `--staged` scans skip what
 * the tree scan finds.
 *
 * This is a superset by construction: every encoded form is decoded over the whole text (not only
 * inside values), every base64 run that decodes to printable text is decoded, two layers deep as
 * the decoders go. It only has to decide "could a keyword appear", never where.
 */
import { decodeWholeBase64, MAX_DECODE_DEPTH, MAX_ENCODED_VALUE } from './value-encodings.js';

/** `%XX`. */
export const PERCENT_BYTE = /%([0-9A-Fa-f]{2})/g;
/** `\uXXXX` or `\xXX`. */
export const HEX_ESCAPE_ANYWHERE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/g;
/** A numeric character reference or one of the named ones the decoder knows. */
export const CHARACTER_REFERENCE_ANYWHERE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g;
/** A run of base64 characters (standard or URL-safe) long enough for the base64 decoder. */
export const BASE64_RUN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
/** The patterns of this module (the ReDoS test checks them). */
export const REVEALED_TEXT_PATTERNS: readonly RegExp[] = [PERCENT_BYTE, HEX_ESCAPE_ANYWHERE, CHARACTER_REFERENCE_ANYWHERE, BASE64_RUN];

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function fromCode(code: number): string {
  return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
}

/** `text` with every escape of one kind undone (latin1 for percent bytes: keywords are ASCII). */
function unescapedForms(text: string): string[] {
  const out: string[] = [];
  if (text.includes('%')) out.push(text.replace(PERCENT_BYTE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  if (text.includes('\\')) out.push(text.replace(HEX_ESCAPE_ANYWHERE, (_, u?: string, x?: string) => fromCode(parseInt((u ?? x) as string, 16))));
  if (text.includes('&')) {
    out.push(
      text.replace(CHARACTER_REFERENCE_ANYWHERE, (_, hex?: string, dec?: string, name?: string) =>
        name !== undefined ? (NAMED[name] ?? '') : fromCode(hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10)),
      ),
    );
  }
  return out.filter((t) => t !== text);
}

/** The printable texts that base64 runs of `text` decode to. */
function base64Decodings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASE64_RUN)) {
    if (m[0].length > MAX_ENCODED_VALUE) continue;
    const decoded = decodeWholeBase64(m[0]);
    if (decoded) out.push(decoded.value);
  }
  return out;
}

/** Every text the decoders could reveal in `text`, up to their depth (empty for plain text). */
export function revealedTexts(text: string): string[] {
  const out: string[] = [];
  let frontier = [text];
  for (let depth = 0; depth < MAX_DECODE_DEPTH && frontier.length > 0; depth++) {
    const next = frontier.flatMap((t) => [...unescapedForms(t), ...base64Decodings(t)]);
    out.push(...next);
    frontier = next;
  }
  return out;
}
