/**
 * Bytes -> text for scanning: UTF-8 (BOM stripped), UTF-16 LE/BE with BOM; binary is detected and
 * skipped by the caller.
 */

/** A NUL byte in the first 8 KiB (outside a UTF-16 BOM file) marks a file as binary, as git does. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Endianness(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
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
