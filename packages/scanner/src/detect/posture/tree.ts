/**
 * The parsed shape posture rules read, whatever the language: a tree of objects, arrays and values
 * with source offsets (GitHub Actions and Azure Pipelines YAML, ARM JSON), plus declarations
 * (Bicep `resource` / `param` / `var` / `output` / `module`, Terraform `resource` / `variable` /
 * `output` / `provider` / `locals`, ARM `parameters` / `variables` / `resources` / `outputs`).
 * The readers in src/formats/posture/ build it; the rules (this folder) only read it. Pure.
 */

/** Offsets into the file text, UTF-16 code units, end exclusive. */
export interface PSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * A scalar or an expression. `text` is the value as written without its quotes (a string's content,
 * `false`, `42`, or an expression's source such as `stg.listKeys().keys[0].value`); `literal` is true
 * for plain strings, numbers and booleans (no interpolation, no expression).
 */
export interface PValue extends PSpan {
  readonly kind: 'value';
  readonly text: string;
  readonly literal: boolean;
}

export interface PEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: PNode;
}

/** A map (YAML mapping, JSON object, Bicep object, HCL block body). Keys may repeat (HCL blocks). */
export interface PObject extends PSpan {
  readonly kind: 'object';
  readonly entries: readonly PEntry[];
}

export interface PArray extends PSpan {
  readonly kind: 'array';
  readonly items: readonly PNode[];
}

export type PNode = PObject | PArray | PValue;

export type DeclKind = 'resource' | 'param' | 'var' | 'output' | 'module' | 'provider' | 'data';

/** A top-level declaration of an IaC file. */
export interface PDecl extends PSpan {
  readonly kind: DeclKind;
  /** Symbolic name (`stg`, `storageKey`), Terraform's second label, ARM's name expression. */
  readonly name: string;
  /**
   * Resource type without API version (`Microsoft.Storage/storageAccounts`, `azurerm_storage_account`),
   * a parameter's declared type (`string`, `securestring`), a provider's name (`azurerm`).
   */
  readonly type: string;
  /** Offsets of the name, where findings about the declaration point. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Marked secret: Bicep `@secure()`, ARM `securestring`/`secureobject`, Terraform `sensitive = true`. */
  readonly secure: boolean;
  /** Resource/module/provider body; a param's default, a var's or output's value. */
  readonly body?: PNode;
  /** Bicep `existing` resources: declared elsewhere, their body holds only what names them. */
  readonly existing?: boolean;
  /** ARM resources nested in another's `resources` array: that resource. */
  readonly parent?: PDecl;
}

export type PostureLanguage = 'github-actions' | 'azure-pipelines' | 'bicep' | 'arm' | 'terraform';

export const POSTURE_LANGUAGES: readonly PostureLanguage[] = ['github-actions', 'azure-pipelines', 'bicep', 'arm', 'terraform'];

/** A file as posture rules see it. */
export interface PostureDoc {
  readonly language: PostureLanguage;
  /** The whole file's text (rules search run/script bodies and expressions in it). */
  readonly text: string;
  /** YAML and ARM: the document's root. */
  readonly root?: PNode;
  /** Bicep, ARM and Terraform: the declarations, in file order. */
  readonly decls: readonly PDecl[];
}

/** The entry under `key` (first one; exact key) of an object node. */
export function entryOf(node: PNode | undefined, key: string): PEntry | undefined {
  if (node?.kind !== 'object') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** Every entry under `key` (case-insensitive when asked) of an object node. */
export function entriesOf(node: PNode | undefined, key: string, caseInsensitive = false): PEntry[] {
  if (node?.kind !== 'object') return [];
  const k = caseInsensitive ? key.toLowerCase() : key;
  return node.entries.filter((e) => (caseInsensitive ? e.key.toLowerCase() === k : e.key === k));
}

/** The node at a path of keys (first match at each step), or undefined. */
export function nodeAt(node: PNode | undefined, ...keys: readonly string[]): PNode | undefined {
  let at = node;
  for (const k of keys) at = entryOf(at, k)?.value;
  return at;
}

/** A value node's text, or undefined for objects and arrays. */
export function textOf(node: PNode | undefined): string | undefined {
  return node?.kind === 'value' ? node.text : undefined;
}

/** Every value node under `node`, depth first, in source order, with the key path leading to it. */
export function* valuesUnder(node: PNode | undefined, path: readonly string[] = []): Generator<{ value: PValue; path: readonly string[] }> {
  if (!node) return;
  if (node.kind === 'value') {
    yield { value: node, path };
    return;
  }
  if (node.kind === 'array') {
    for (const item of node.items) yield* valuesUnder(item, path);
    return;
  }
  for (const e of node.entries) yield* valuesUnder(e.value, [...path, e.key]);
}

/** Every object node under `node` (itself included), depth first. */
export function* objectsUnder(node: PNode | undefined): Generator<PObject> {
  if (!node || node.kind === 'value') return;
  if (node.kind === 'object') {
    yield node;
    for (const e of node.entries) yield* objectsUnder(e.value);
  } else for (const item of node.items) yield* objectsUnder(item);
}

/** Is this node the boolean `want` (`false`, `'false'` in YAML, `false` in Bicep/HCL/JSON)? */
export function isBool(node: PNode | undefined, want: boolean): boolean {
  return node?.kind === 'value' && node.text.trim().toLowerCase() === String(want);
}
