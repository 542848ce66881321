/**
 * A tokenizer for the two block languages posture rules read without a parser library (no
 * maintained Bicep or HCL parser with positions runs in Node: the Bicep compiler is .NET, HashiCorp's
 * HCL is Go; `@cdktf/hcl2json` is its WASM build and returns JSON without source positions). It
 * never throws and visits each character once: unterminated strings, comments and heredocs end at
 * the end of the file; template nesting is bounded.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'nl';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier or punctuation text; a string's content (escapes kept as written); a number's digits. */
  readonly text: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** Strings: holds `${...}` interpolation (not a plain literal). */
  readonly interpolated?: boolean;
}

export interface TokenizerStyle {
  /** `'...'` and `'''...'''` (Bicep) or `"..."` and heredocs (HCL). */
  readonly quote: "'" | '"';
  /** `#` starts a line comment (HCL). */
  readonly hashComments: boolean;
}

/** Deepest `${ ... "${ ... }" ... }` nesting followed; deeper text is taken as it comes. */
const MAX_TEMPLATE_DEPTH = 32;

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_\-$]/;
const DIGIT = /[0-9]/;
const HEREDOC = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/;

export function tokenize(text: string, style: TokenizerStyle): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;

  /** Index after a string starting at `i` (on its opening quote); sets `interp` when it has `${`. */
  const readString = (from: number, depth: number): { end: number; interp: boolean } => {
    const q = style.quote;
    let j = from + 1;
    let interp = false;
    while (j < n) {
      const ch = text[j]!;
      if (ch === '\\') j += 2;
      else if (ch === q) return { end: j + 1, interp };
      else if (ch === '\n' && q === "'") return { end: j, interp };
      else if ((ch === '$' || ch === '%') && text[j + 1] === '{') {
        interp = true;
        j = skipTemplate(j + 2, depth + 1);
      } else j++;
    }
    return { end: n, interp };
  };

  /** Index after the `}` closing a `${` whose body starts at `from`. */
  const skipTemplate = (from: number, depth: number): number => {
    let j = from;
    let braces = 0;
    while (j < n) {
      const ch = text[j]!;
      if (ch === style.quote && depth < MAX_TEMPLATE_DEPTH) j = readString(j, depth).end;
      else if (ch === '{') {
        braces++;
        j++;
      } else if (ch === '}') {
        if (braces === 0) return j + 1;
        braces--;
        j++;
      } else if (ch === '\n' && style.quote === "'") return j;
      else j++;
    }
    return n;
  };

  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n') {
      out.push({ kind: 'nl', text: '\n', start: i, end: i + 1 });
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\uFEFF') i++;
    else if ((ch === '/' && text[i + 1] === '/') || (ch === '#' && style.hashComments)) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
    } else if (style.quote === "'" && text.startsWith("'''", i)) {
      const close = text.indexOf("'''", i + 3);
      const end = close === -1 ? n : close + 3;
      out.push({ kind: 'string', text: text.slice(i + 3, close === -1 ? n : close), start: i, end });
      i = end;
    } else if (ch === style.quote) {
      const { end, interp } = readString(i, 0);
      const closed = text[end - 1] === style.quote && end - 1 > i;
      out.push({ kind: 'string', text: text.slice(i + 1, closed ? end - 1 : end), start: i, end, ...(interp ? { interpolated: true } : {}) });
      i = end;
    } else if (style.quote === '"' && ch === '<' && text[i + 1] === '<') {
      const m = HEREDOC.exec(text.slice(i, i + 256));
      if (!m) {
        out.push({ kind: 'punct', text: '<', start: i, end: i + 1 });
        i++;
        continue;
      }
      const bodyStart = i + m[0].length;
      const end = heredocEnd(text, bodyStart, m[1]!);
      out.push({ kind: 'string', text: text.slice(bodyStart, end.bodyEnd), start: i, end: end.end, interpolated: true });
      i = end.end;
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j]!)) j++;
      out.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (DIGIT.test(ch)) {
      let j = i + 1;
      while (j < n && /[0-9.eE]/.test(text[j]!)) j++;
      out.push({ kind: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      out.push({ kind: 'punct', text: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** Where a heredoc's body ends (before its closing line) and where the token ends (after it). */
function heredocEnd(text: string, from: number, marker: string): { bodyEnd: number; end: number } {
  let lineStart = from;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    if (text.slice(lineStart, lineEnd).trim() === marker) return { bodyEnd: lineStart, end: lineEnd };
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return { bodyEnd: text.length, end: text.length };
}
