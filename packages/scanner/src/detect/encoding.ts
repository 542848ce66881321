/**
 * Base64 / base64url / base32 decoding and base62 / base66 number encodings, by hand: this folder
 * must not use node APIs (no Buffer).
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE: Int16Array = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  t['-'.charCodeAt(0)] = 62; // base64url
  t['_'.charCodeAt(0)] = 63;
  return t;
})();

/**
 * Decodes standard or URL-safe base64, padded or not. Returns undefined on any other character or
 * an impossible length (1 mod 4).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (B64_VALUE[code] ?? -1) : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as base64 (`urlSafe`: `-`/`_`), with `=` padding unless `pad` is false. */
export function encodeBase64(bytes: Uint8Array, urlSafe = false, pad = true): string {
  const alphabet = urlSafe ? B64.slice(0, 62) + '-_' : B64;
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const left = bytes.length - i;
    out += alphabet[(n >>> 18) & 63]! + alphabet[(n >>> 12) & 63]!;
    out += left > 1 ? alphabet[(n >>> 6) & 63]! : pad ? '=' : '';
    out += left > 2 ? alphabet[n & 63]! : pad ? '=' : '';
  }
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (case-insensitive, no padding needed); trailing partial bits are dropped. */
export function decodeBase32(text: string): Uint8Array | undefined {
  const upper = text.toUpperCase().replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((upper.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = B32.indexOf(upper[i]!);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as lowercase RFC 4648 base32 without padding (zero bits fill the last character). */
export function encodeBase32Lower(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(acc >>> bits) & 31];
    }
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out.toLowerCase();
}

/** Base62 alphabet used by GitHub and npm token checksums: digits, then upper, then lower case. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base 66 alphabet of Entra client secret checksums (design.md §3.2). */
export const BASE66_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~';

/** A non-negative integer in the given alphabet's base, most significant digit first, left-padded. */
export function encodeNumber(value: number, alphabet: string, width: number): string {
  const base = alphabet.length;
  let n = Math.floor(value);
  let out = '';
  while (n > 0) {
    out = alphabet[n % base]! + out;
    n = Math.floor(n / base);
  }
  return out.padStart(width, alphabet[0]!);
}
