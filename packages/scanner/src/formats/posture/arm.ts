/**
 * ARM JSON deployment templates as a posture tree and declarations: `parameters` (secure when of
 * type `securestring` / `secureobject`), `variables`, `resources` (nested `resources` arrays too;
 * the type as written, without an API version), `outputs` (the output's `value`). String values
 * that are ARM expressions (`[listKeys(...)]`) are not literals. Uses jsonc-parser like the JSON reader.
 */
import type { Node } from 'jsonc-parser';
import { isBool, nodeAt, textOf, type PDecl, type PEntry, type PNode } from '../../detect/posture/tree.js';
import { parseJsonTree } from '../json.js';

function convert(node: Node): PNode {
  if (node.type === 'object') {
    const entries: PEntry[] = [];
    for (const p of node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (k && v && typeof k.value === 'string') entries.push({ key: k.value, keyStart: k.offset + 1, keyEnd: k.offset + k.length - 1, value: convert(v) });
    }
    return { kind: 'object', entries, start: node.offset, end: node.offset + node.length };
  }
  if (node.type === 'array') return { kind: 'array', items: (node.children ?? []).map(convert), start: node.offset, end: node.offset + node.length };
  if (node.type === 'string') {
    const value = String(node.value);
    const expression = value.startsWith('[') && !value.startsWith('[[');
    return { kind: 'value', text: value, literal: !expression, start: node.offset + 1, end: node.offset + node.length - 1 };
  }
  return { kind: 'value', text: String(node.value), literal: true, start: node.offset, end: node.offset + node.length };
}

/**
 * The resources of a `resources` array (or a languageVersion 2.0 `resources` object), nested ones
 * after their parent with the parent's type prefixed (`config` under `Microsoft.Web/sites` is
 * `Microsoft.Web/sites/config`).
 */
function resourcesIn(list: PNode | undefined, out: PDecl[], parent?: PDecl): void {
  const items = list?.kind === 'array' ? list.items : list?.kind === 'object' ? list.entries.map((e) => e.value) : [];
  for (const r of items) {
    if (r.kind !== 'object') continue;
    const name = nodeAt(r, 'name');
    const at = name ?? r;
    const written = textOf(nodeAt(r, 'type')) ?? '';
    const type = parent && written !== '' && !written.includes('/') ? `${parent.type}/${written}` : written;
    const decl: PDecl = { kind: 'resource', name: textOf(name) ?? '', type, nameStart: at.start, nameEnd: at.end, secure: false, start: r.start, end: r.end, body: r, ...(parent ? { parent } : {}) };
    out.push(decl);
    resourcesIn(nodeAt(r, 'resources'), out, decl);
  }
}

/** A declaration from one `"name": { ... }` entry of the `parameters`, `variables` or `outputs` section. */
function entryDecl(e: PEntry, kind: 'param' | 'var' | 'output', rest: { type: string; secure: boolean; body?: PNode }): PDecl {
  return { kind, name: e.key, type: rest.type, nameStart: e.keyStart, nameEnd: e.keyEnd, secure: rest.secure, start: e.keyStart, end: e.value.end, body: rest.body ?? e.value };
}

export interface ArmDocument {
  readonly root: PNode;
  readonly decls: PDecl[];
}

/** Throws one line on malformed JSON (the caller skips posture then). */
export function readArm(text: string): ArmDocument | undefined {
  const tree = parseJsonTree(text);
  if (!tree) return undefined;
  const root = convert(tree);
  const decls: PDecl[] = [];
  const section = (key: string, each: (e: PEntry) => PDecl) => {
    const node = nodeAt(root, key);
    if (node?.kind === 'object') for (const e of node.entries) decls.push(each(e));
  };
  const secureType = (e: PEntry) => /^secure(?:string|object)$/i.test(textOf(nodeAt(e.value, 'type')) ?? '');
  section('parameters', (e) => entryDecl(e, 'param', { type: textOf(nodeAt(e.value, 'type')) ?? '', secure: secureType(e) }));
  section('variables', (e) => entryDecl(e, 'var', { type: '', secure: false }));
  resourcesIn(nodeAt(root, 'resources'), decls);
  section('outputs', (e) =>
    entryDecl(e, 'output', {
      type: textOf(nodeAt(e.value, 'type')) ?? '',
      secure: secureType(e) || isBool(nodeAt(e.value, 'sensitive'), true),
      body: nodeAt(e.value, 'value') ?? e.value,
    }),
  );
  return { root, decls };
}
