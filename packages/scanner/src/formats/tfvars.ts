/**
 * Terraform variable files (`*.tfvars`, `*.auto.tfvars`) and Bicep parameter files (`.bicepparam`):
 * `name = "value"`, `param name = 'value'`, nested maps (`db = { password = "..." }`) and lists.
 * A small tokenizer (strings, heredocs, comments, brackets), so a `#` or `//` inside a string is not a
 * comment and function arguments (`getSecret('kv', 'name')`) are not values. Throws on unterminated
 * strings/comments/heredocs and unbalanced brackets.
 */
import { decodeEscapes } from '../detect/escapes.js';
import { hasSuffix } from './paths.js';
import { finishRead, positionText } from './result.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number; readonly transformed: boolean }
  | { readonly kind: 'punct'; readonly text: string; readonly at: number };

interface Frame {
  readonly open: string;
  readonly key: string;
  readonly at: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '}': '{', ']': '[', ')': '(' };
const WORD = /[A-Za-z_][\w-]*|[^\s"'{}[\](),=:#/<]+/y;
const HEREDOC = /<<-?([A-Za-z_]\w*)[ \t]*\r?\n/y;

/** End (exclusive) of a quoted string starting at `at` (the quote); skips `${...}` interpolations. */
function stringEnd(text: string, at: number, quote: string): number {
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n') break;
    else if (ch === '$' && text[i + 1] === '{') {
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
    }
  }
  throw new Error(`unterminated string at ${positionText(text, at)}`);
}

function stringToken(text: string, start: number, end: number): Token {
  const raw = text.slice(start, end);
  const value = raw.includes('\\') ? decodeEscapes(raw).value : raw;
  return { kind: 'string', value, start, end, transformed: value !== raw };
}

function* tokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '#' || text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) throw new Error(`unterminated comment at ${positionText(text, i)}`);
      i = close + 2;
    } else if (text.startsWith("'''", i)) {
      const close = text.indexOf("'''", i + 3);
      if (close === -1) throw new Error(`unterminated ''' string at ${positionText(text, i)}`);
      yield { kind: 'string', value: text.slice(i + 3, close), start: i + 3, end: close, transformed: false };
      i = close + 3;
    } else if (ch === '"' || ch === "'") {
      const end = stringEnd(text, i, ch);
      yield stringToken(text, i + 1, end - 1);
      i = end;
    } else if (text.startsWith('<<', i)) {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (!m) throw new Error(`malformed heredoc at ${positionText(text, i)}`);
      const marker = new RegExp(`^[ \\t]*${m[1] as string}[ \\t]*\\r?$`, 'm');
      const bodyStart = i + m[0].length;
      const close = marker.exec(text.slice(bodyStart));
      if (!close) throw new Error(`unterminated heredoc ${m[1] as string} at ${positionText(text, i)}`);
      const bodyEnd = bodyStart + close.index;
      const value = text.slice(bodyStart, bodyEnd).replace(/\r?\n$/, '');
      yield { kind: 'string', value, start: bodyStart, end: bodyStart + value.length, transformed: false };
      i = bodyEnd + close[0].length;
    } else if ('{}[](),=:'.includes(ch)) {
      yield { kind: 'punct', text: ch, at: i };
      i++;
    } else {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      const word = m ? m[0] : ch;
      yield { kind: 'word', text: word };
      i += word.length;
    }
  }
}

function keyText(t: Token | undefined): string | undefined {
  if (t?.kind === 'word') return t.text;
  if (t?.kind === 'string') return t.value;
  return undefined;
}

export function readTfvars(text: string): FormatReadResult {
  const candidates: Candidate[] = [];
  const stack: Frame[] = [];
  let prev: Token | undefined;
  let prevPrev: Token | undefined;
  /** Keys of the enclosing objects. */
  const path = (): string[] => stack.filter((f) => f.open === '{' && f.key !== '').map((f) => f.key);
  for (const t of tokens(text)) {
    const assignedKey = prev?.kind === 'punct' && (prev.text === '=' || prev.text === ':') ? keyText(prevPrev) : undefined;
    const top = stack[stack.length - 1];
    if (t.kind === 'string') {
      const inList = top?.open === '[' && prev?.kind === 'punct' && (prev.text === '[' || prev.text === ',');
      const key = assignedKey ?? (inList ? top.key : undefined);
      if (key !== undefined && t.value.length > 0) {
        const keyPath = [...path(), key];
        candidates.push({
          key,
          keyPath,
          value: t.value,
          start: t.start,
          end: t.end,
          ...(t.transformed ? { transformed: true } : {}),
        });
      }
    } else if (t.kind === 'punct' && (t.text === '{' || t.text === '[' || t.text === '(')) {
      // Objects are keyed by their assignment; lists pass their key on to their items; calls have none.
      const key = t.text === '(' ? '' : t.text === '{' ? (assignedKey ?? '') : (assignedKey ?? top?.key ?? '');
      stack.push({ open: t.text, key, at: t.at });
    } else if (t.kind === 'punct' && CLOSERS[t.text]) {
      const open = stack.pop();
      if (open?.open !== CLOSERS[t.text]) throw new Error(`unexpected '${t.text}' at ${positionText(text, t.at)}`);
    }
    prevPrev = prev;
    prev = t;
  }
  const unclosed = stack.pop();
  if (unclosed) throw new Error(`unclosed '${unclosed.open}' at ${positionText(text, unclosed.at)}`);
  return finishRead(text, candidates, []);
}

export const tfvarsReader: FormatReader = {
  name: 'tfvars',
  matches: (path) => hasSuffix(path, ['.tfvars', '.bicepparam']),
  read: readTfvars,
};
