/**
 * Bytes -> text for scanning: UTF-8 (BOM stripped), UTF-16 LE/BE with BOM; binary is detected and
 * skipped by the caller.
 */

/** Bytes of a file's start that decide whether it is binary. */
const SAMPLE_BYTES = 8192;
/** A sample with a NUL is binary when more than this share of its bytes is not text. */
const BINARY_SHARE = 0.3;

/**
 * Is a file binary (skipped by policy, listed in the summary)? Decided on its first 8 KiB, as a whole:
 * a sample without any NUL byte is text (one native search: the hot path of history scans); one with
 * NULs is binary only when more than 30% of its bytes are not text (NUL and other C0 controls but
 * tab, LF, VT, FF, CR and ESC; DEL; bytes that are not part of a well-formed UTF-8 sequence), as in
 * compressed data, images, executables or BOM-less UTF-16. So a stray NUL (or a few) prepended to a
 * text file does not hide it: the file is scanned as text, each NUL a separator. UTF-16 with a BOM is
 * text (decoded by `decodeText`). Magic numbers are not trusted: a PNG signature costs an attacker
 * eight bytes, while real images, archives and executables fail the share test anyway.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Endianness(bytes)) return false;
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  const sample = bytes.length > n ? bytes.subarray(0, n) : bytes;
  if (sample.indexOf(0) === -1) return false;
  return moreNonTextThan(sample, Math.floor(n * BINARY_SHARE));
}

/** Byte classes: text, a control, a byte that starts no UTF-8 sequence, or a lead of 1-3 continuations. */
const TEXT = 0;
const NON_TEXT = 4;
const BYTE_CLASS = (() => {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    if (b < 0x80) table[b] = (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f ? NON_TEXT : TEXT;
    else if (b >= 0xc2 && b <= 0xdf) table[b] = 1;
    else if (b >= 0xe0 && b <= 0xef) table[b] = 2;
    else if (b >= 0xf0 && b <= 0xf4) table[b] = 3;
    else table[b] = NON_TEXT; // a continuation byte without a lead, or a byte UTF-8 never uses
  }
  return table;
})();

/**
 * Are more than `limit` bytes of `sample` not text (controls, bytes outside well-formed UTF-8; a
 * sequence cut by the end of the sample counts as text)? Stops as soon as the answer is known.
 */
function moreNonTextThan(sample: Uint8Array, limit: number): boolean {
  const n = sample.length;
  let count = 0;
  for (let i = 0; i < n; ) {
    if (count > limit) return true;
    if (count + (n - i) <= limit) return false;
    const kind = BYTE_CLASS[sample[i]!]!;
    if (kind === TEXT) {
      i++;
    } else if (kind === NON_TEXT) {
      count++;
      i++;
    } else {
      let ok = true;
      for (let k = 1; ok && k <= kind && i + k < n; k++) ok = (sample[i + k]! & 0xc0) === 0x80;
      if (ok) i += kind + 1;
      else {
        count++;
        i++;
      }
    }
  }
  return count > limit;
}

function utf16Endianness(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

/** Does the file start with a UTF-16 byte order mark (LE or BE)? */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return utf16Endianness(bytes) !== undefined;
}

/** Decodes file bytes to a string; offsets in the result are what findings report. */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Endianness(bytes);
  if (utf16 === 'le') return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (utf16 === 'be') return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}
