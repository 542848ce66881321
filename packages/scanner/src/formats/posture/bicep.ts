/**
 * Bicep files as posture declarations: `param`, `var`, `resource`, `output` and `module`, with their
 * decorators (`@secure()`), resource types without the API version, and bodies as object trees
 * whose leaves are expressions as written (`stg.listKeys().keys[0].value`). Anything else (types,
 * functions, imports, metadata) is skipped. Never throws on any input (block-parser.ts).
 */
import type { DeclKind, PDecl, PNode } from '../../detect/posture/tree.js';
import { parseValue, TokenCursor } from './block-parser.js';
import { tokenize, type Token } from './tokens.js';

const KEYWORDS: Readonly<Record<string, DeclKind>> = {
  param: 'param',
  var: 'var',
  resource: 'resource',
  output: 'output',
  module: 'module',
};

/** Decorator names before the next declaration (`secure`, `sys.secure`, `description`). */
function readDecorator(c: TokenCursor): string {
  c.next(); // @
  const parts: string[] = [];
  while (c.peek()?.kind === 'ident' || c.is('.')) parts.push(c.next()!.text);
  if (c.is('(')) c.skipGroup();
  return parts.join('');
}

/** The declared type: identifiers and `[]` up to `=` or the end of the line (`string`, `object`, `string[]`). */
function readTypeWords(c: TokenCursor): string {
  const words: string[] = [];
  while (!c.atEnd() && !c.is('=') && c.peek()!.kind !== 'nl') {
    const t = c.next()!;
    if (t.kind === 'punct' && (t.text === '{' || t.text === '(')) {
      c.i--;
      c.skipGroup();
      continue;
    }
    words.push(t.text);
  }
  return words.join(' ');
}

function resourceType(t: Token | undefined): string {
  if (t?.kind !== 'string') return '';
  const at = t.text.indexOf('@');
  return at === -1 ? t.text : t.text.slice(0, at);
}

export function readBicep(text: string): PDecl[] {
  const c = new TokenCursor(text, tokenize(text, { quote: "'", hashComments: false }));
  const decls: PDecl[] = [];
  let decorators: string[] = [];
  let lineStart = true;
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind === 'nl') {
      c.next();
      lineStart = true;
      continue;
    }
    if (t.kind === 'punct' && t.text === '@' && lineStart) {
      decorators.push(readDecorator(c));
      continue;
    }
    const kind = t.kind === 'ident' && lineStart ? KEYWORDS[t.text] : undefined;
    const nameTok = c.peek(1);
    if (!kind || nameTok?.kind !== 'ident') {
      c.skipGroup();
      lineStart = false;
      decorators = [];
      continue;
    }
    c.i += 2;
    let type = '';
    let existing = false;
    if (kind === 'resource' || kind === 'module') {
      type = kind === 'resource' ? resourceType(c.peek()) : (c.peek()?.text ?? '');
      while (!c.atEnd() && !c.is('=') && c.peek()!.kind !== 'nl') {
        if (c.next()!.text === 'existing') existing = true;
      }
    } else if (kind === 'param' || kind === 'output') {
      type = readTypeWords(c);
    }
    let body: PNode | undefined;
    if (c.is('=')) {
      c.next();
      body = parseValue(c);
    }
    const end = c.peek(-1)?.end ?? t.end;
    const secure = decorators.some((d) => d === 'secure' || d === 'sys.secure');
    decls.push({ kind, name: nameTok.text, type, nameStart: nameTok.start, nameEnd: nameTok.end, secure, start: t.start, end, ...(body ? { body } : {}), ...(existing ? { existing } : {}) });
    decorators = [];
    lineStart = false;
  }
  return decls;
}
