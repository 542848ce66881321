/**
 * File names as bytes. Linux lets a name hold any bytes but `/` and NUL; node decodes names as UTF-8
 * and turns bytes that are not UTF-8 into U+FFFD, so such a name can neither be shown nor opened by
 * its decoded string. A name that is not valid UTF-8 is shown with each stray byte written `\xNN`
 * (the same for a name read from the disk and from `git ls-files -z`) and opened by its raw bytes.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or undefined when they are not well-formed UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  if (need === 0 || i + need >= bytes.length) return 0;
  for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return utf8(bytes.subarray(i, i + need + 1)) === undefined ? 0 : need + 1;
}

/** Is `bytes` well-formed UTF-8? */
export function isUtf8Name(bytes: Uint8Array): boolean {
  return utf8(bytes) !== undefined;
}

/** How a name (or relative path) given as bytes is shown and matched: UTF-8, stray bytes as `\xNN`. */
export function nameFromBytes(bytes: Uint8Array): string {
  const text = utf8(bytes);
  if (text !== undefined) return text;
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i++;
    } else {
      out += strict.decode(bytes.subarray(i, i + len));
      i += len;
    }
  }
  return out;
}
