/** String-literal escapes, decoded with a map back to file offsets where a reader needs exact positions. */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

export interface DecodedString {
  /** The decoded string. */
  readonly value: string;
  /**
   * `rawOffset[i]` is the offset in the raw text of decoded code unit `i`; `rawOffset[value.length]`
   * is the raw length. A decoded range [s, e) therefore came from raw [rawOffset[s], rawOffset[e]).
   */
  readonly rawOffset: Int32Array;
}

/**
 * Decodes the inside of a JSON (or JS/C-like) string literal: `\n`, `\"`, `\\`, `\uXXXX` (and
 * `\xXX`, `\'`, `` \` ``); an unknown escape stands for the escaped character. Linear.
 */
export function decodeEscapes(raw: string): DecodedString {
  if (!raw.includes('\\')) {
    const identity = new Int32Array(raw.length + 1);
    for (let i = 0; i <= raw.length; i++) identity[i] = i;
    return { value: raw, rawOffset: identity };
  }
  const parts: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      parts.push(ch);
      offsets.push(i);
      i++;
      continue;
    }
    const next = raw[i + 1] as string;
    const hexLength = next === 'u' ? 4 : next === 'x' ? 2 : 0;
    const hex = hexLength ? raw.slice(i + 2, i + 2 + hexLength) : '';
    if (hexLength && /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength) {
      parts.push(String.fromCharCode(parseInt(hex, 16)));
      offsets.push(i);
      i += 2 + hexLength;
      continue;
    }
    parts.push(SIMPLE_ESCAPES[next] ?? next);
    offsets.push(i);
    i += 2;
  }
  offsets.push(raw.length);
  return { value: parts.join(''), rawOffset: Int32Array.from(offsets) };
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character and entity references (`&amp;`, `&#38;`, `&#x26;`). Unknown entities stay. */
export function decodeXmlEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref] ?? whole;
  });
}
