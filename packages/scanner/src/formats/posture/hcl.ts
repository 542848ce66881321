/**
 * Terraform (.tf) files as posture declarations: `resource` and `data` blocks (type, name, body),
 * `variable` (a parameter: `sensitive = true` marks it secure), `output`, `provider`, `module`, and
 * each attribute of `locals` as a `var`. Bodies are object trees: attributes `key = value`, nested
 * blocks as objects under their type (repeated blocks repeat the key), leaves as expressions as
 * written (`azurerm_storage_account.sa.primary_access_key`). Never throws (block-parser.ts).
 */
import { isBool, nodeAt, textOf, type DeclKind, type PDecl, type PObject } from '../../detect/posture/tree.js';
import { parseObject, parseValue, TokenCursor } from './block-parser.js';
import { tokenize, type Token } from './tokens.js';

const BLOCKS: Readonly<Record<string, DeclKind>> = {
  resource: 'resource',
  data: 'data',
  variable: 'param',
  output: 'output',
  provider: 'provider',
  module: 'module',
};

export function readHcl(text: string): PDecl[] {
  const c = new TokenCursor(text, tokenize(text, { quote: '"', hashComments: true }));
  const decls: PDecl[] = [];
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind !== 'ident') {
      c.skipGroup();
      continue;
    }
    if (c.is('=', 1)) {
      // A top-level attribute (not Terraform, but harmless): skipped with its value.
      c.i += 2;
      parseValue(c);
      continue;
    }
    c.next();
    const labels: Token[] = [];
    while (c.peek()?.kind === 'string' || (c.peek()?.kind === 'ident' && labels.length < 3)) labels.push(c.next()!);
    if (!c.is('{')) continue;
    const body = parseObject(c);
    if (t.text === 'locals') {
      for (const e of body.entries) {
        decls.push({ kind: 'var', name: e.key, type: '', nameStart: e.keyStart, nameEnd: e.keyEnd, secure: false, start: e.keyStart, end: e.value.end, body: e.value });
      }
      continue;
    }
    const kind = BLOCKS[t.text];
    if (!kind) continue;
    decls.push(declOf(kind, t, labels, body));
  }
  return decls;
}

function declOf(kind: DeclKind, keyword: Token, labels: readonly Token[], body: PObject): PDecl {
  const two = kind === 'resource' || kind === 'data';
  const nameTok = (two ? labels[1] : labels[0]) ?? labels[0] ?? keyword;
  const type = two || kind === 'provider' ? (labels[0]?.text ?? '') : kind === 'param' ? (textOf(nodeAt(body, 'type')) ?? '') : '';
  return {
    kind,
    name: nameTok.text,
    type,
    nameStart: nameTok.start,
    nameEnd: nameTok.end,
    secure: isBool(nodeAt(body, 'sensitive'), true) || isBool(nodeAt(body, 'ephemeral'), true),
    start: keyword.start,
    end: body.end,
    body: kind === 'output' ? (nodeAt(body, 'value') ?? body) : body,
  };
}
