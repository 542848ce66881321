/**
 * Object and array literals, and expressions as source text, over the tokens of tokens.ts: the
 * shared part of the Bicep and Terraform readers. Bicep writes `key: value` (newline or comma
 * separated), HCL `key = value` and nested blocks `name "label" { ... }`. Never throws; each step
 * consumes at least one token, so a malformed file ends in linear time.
 */
import type { PArray, PEntry, PNode, PObject, PValue } from '../../detect/posture/tree.js';
import type { Token } from './tokens.js';

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

export class TokenCursor {
  i = 0;
  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
  ) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }
  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }
  skipNewlines(): void {
    while (this.peek()?.kind === 'nl') this.i++;
  }
  /** Skips a balanced group starting at an opener (or one token when not on an opener). */
  skipGroup(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (!t) return;
      if (t.kind === 'punct' && OPENERS.has(t.text)) depth++;
      else if (t.kind === 'punct' && CLOSERS.has(t.text)) depth--;
    } while (depth > 0);
  }
}

function isKeyToken(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === 'ident' || t.kind === 'string' || t.kind === 'number');
}

/** A value: object, array (a `for` body is read as its element), `if (...)` body, or an expression. */
export function parseValue(c: TokenCursor): PValue | PObject | PArray {
  c.skipNewlines();
  if (c.is('{')) return parseObject(c);
  if (c.is('[')) {
    if (c.peek(1)?.kind === 'ident' && c.peek(1)?.text === 'for') return parseForBody(c);
    return parseArray(c);
  }
  if (c.is('if') && c.is('(', 1)) {
    c.next();
    c.skipGroup();
    return parseValue(c);
  }
  return parseExpression(c);
}

/** `[for x in xs: BODY]` (Bicep) / `[for x in xs : BODY]` (HCL): the body, then past the `]`. */
function parseForBody(c: TokenCursor): PValue | PObject | PArray {
  const open = c.next()!;
  let depth = 0;
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind === 'punct' && OPENERS.has(t.text)) depth++;
    if (t.kind === 'punct' && CLOSERS.has(t.text)) {
      if (depth === 0) break;
      depth--;
    }
    c.next();
    if (depth === 0 && t.kind === 'punct' && t.text === ':') {
      const body = parseValue(c);
      while (!c.atEnd() && !c.is(']')) c.skipGroup();
      c.next();
      return body;
    }
  }
  c.next();
  return { kind: 'value', text: c.text.slice(open.start, c.peek(-1)?.end ?? open.end), literal: false, start: open.start, end: c.peek(-1)?.end ?? open.end };
}

/** Is the cursor (at a newline) before a line that goes on with a ternary (`? a`, `: b`)? How many newlines to skip then. */
function ternaryContinuation(c: TokenCursor): number {
  let k = 0;
  while (c.peek(k)?.kind === 'nl') k++;
  const next = c.peek(k);
  return next?.kind === 'punct' && (next.text === '?' || next.text === ':') ? k : 0;
}

/**
 * Tokens up to a newline, `,` or an unbalanced closer at depth 0, as one value. A newline followed
 * by a line starting with `?` or `:` continues the expression (a ternary written over several lines).
 */
export function parseExpression(c: TokenCursor): PValue {
  const first = c.peek();
  let depth = 0;
  let count = 0;
  let last: Token | undefined;
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (depth === 0 && t.kind === 'nl' && count > 0) {
      const skip = ternaryContinuation(c);
      if (skip > 0) {
        c.i += skip;
        continue;
      }
    }
    if (depth === 0 && (t.kind === 'nl' || (t.kind === 'punct' && (t.text === ',' || CLOSERS.has(t.text))))) break;
    if (t.kind === 'punct' && OPENERS.has(t.text)) depth++;
    else if (t.kind === 'punct' && CLOSERS.has(t.text)) depth--;
    c.next();
    last = t;
    count++;
  }
  if (!first || !last) {
    const at = first?.start ?? c.text.length;
    return { kind: 'value', text: '', literal: false, start: at, end: at };
  }
  if (count === 1 && first.kind === 'string') {
    return { kind: 'value', text: first.text, literal: !first.interpolated, start: first.start, end: first.end };
  }
  const source = c.text.slice(first.start, last.end);
  const literal = count === 1 && (first.kind === 'number' || /^(?:true|false|null)$/.test(first.text));
  return { kind: 'value', text: source, literal, start: first.start, end: last.end };
}

/** `{ key: value ... }`, `{ key = value ... }`, HCL nested blocks `name "label" { ... }`. */
export function parseObject(c: TokenCursor): PObject {
  const open = c.next()!;
  const entries: PEntry[] = [];
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind === 'nl' || (t.kind === 'punct' && t.text === ',')) {
      c.next();
      continue;
    }
    if (t.kind === 'punct' && t.text === '}') break;
    if (isKeyToken(t)) {
      const entry = parseEntry(c);
      if (entry) {
        entries.push(entry);
        continue;
      }
    }
    // Anything else (a nested resource, a spread, a stray token): skipped, balanced.
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) c.next();
    else c.skipGroup();
  }
  const close = c.next();
  return { kind: 'object', entries, start: open.start, end: close?.end ?? c.text.length };
}

/** One `key: value`, `key = value` or `block "label" { ... }`; undefined (nothing consumed) when none. */
function parseEntry(c: TokenCursor): PEntry | undefined {
  const key = c.peek()!;
  const sep = c.peek(1);
  if (sep?.kind === 'punct' && (sep.text === ':' || sep.text === '=') && !(c.peek(2)?.kind === 'punct' && c.peek(2)?.text === '=')) {
    c.i += 2;
    return { key: key.text, keyStart: key.start, keyEnd: key.end, value: parseValue(c) };
  }
  // An HCL block: identifier, labels, `{`.
  if (key.kind !== 'ident') return undefined;
  let k = 1;
  while (c.peek(k)?.kind === 'string' || (c.peek(k)?.kind === 'ident' && k < 4)) k++;
  if (!c.is('{', k)) return undefined;
  c.i += k;
  return { key: key.text, keyStart: key.start, keyEnd: key.end, value: parseObject(c) };
}

/** `[ a, b ]` or newline-separated items. */
export function parseArray(c: TokenCursor): PArray {
  const open = c.next()!;
  const items: PNode[] = [];
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind === 'nl' || (t.kind === 'punct' && t.text === ',')) {
      c.next();
      continue;
    }
    if (t.kind === 'punct' && t.text === ']') break;
    if (t.kind === 'punct' && (t.text === ')' || t.text === '}')) {
      c.next();
      continue;
    }
    items.push(parseValue(c));
  }
  const close = c.next();
  return { kind: 'array', items, start: open.start, end: close?.end ?? c.text.length };
}
