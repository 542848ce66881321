/**
 * YAML (.yml/.yaml) with exact positions: Azure Pipelines, GitHub workflows (`env:`), Kubernetes
 * manifests (`stringData` plain; `data:` of a `kind: Secret` base64-decoded), docker-compose
 * `environment:` as a map or a list of `NAME=value`, `- name: X / value: Y` lists, block scalars.
 * Aliases are never expanded (a YAML bomb costs nothing) and `maxAliasCount` guards the parser.
 */
import { createRequire } from 'node:module';
import type { Document, Pair, Scalar } from 'yaml';
import { hasSuffix } from './paths.js';
import { finishRead } from './result.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

type YamlLibrary = typeof import('yaml');
let yamlLibrary: YamlLibrary | undefined;

/**
 * The `yaml` package (about 70 modules, ~0.2 s of start-up), loaded on the first YAML file read:
 * most scans (and every tree-scan worker that meets no YAML file) never pay for it.
 */
export function yaml(): YamlLibrary {
  return (yamlLibrary ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}

export const PARSE_OPTIONS = { maxAliasCount: 100, prettyErrors: false, uniqueKeys: false, strict: false } as const;

type YamlDocuments = ReturnType<YamlLibrary['parseAllDocuments']>;
/** The last text parsed, and its documents (read-only to every caller). */
let lastParsed: { readonly text: string; readonly docs: YamlDocuments } | undefined;

/**
 * `parseAllDocuments(text, PARSE_OPTIONS)`, remembering the last text: a workflow or pipeline file
 * is read by the YAML reader for secrets, then by the posture reader (formats/posture/yaml-tree.ts),
 * and the parser (about 1 MB/s) is the larger part of both. Callers only read the documents.
 */
export function parseYamlDocuments(text: string): YamlDocuments {
  if (lastParsed?.text === text) return lastParsed.docs;
  const docs = yaml().parseAllDocuments(text, PARSE_OPTIONS);
  lastParsed = { text, docs };
  return docs;
}

/** Sequence items under these keys may be `NAME=value` strings (docker-compose, build args). */
const ENV_LIST_KEYS = new Set(['environment', 'args', 'env', 'variables', 'build_args']);
const ENV_ITEM = /^([A-Za-z_][\w.-]{0,199})=/;

interface Walk {
  readonly text: string;
  readonly candidates: Candidate[];
}

interface ScalarText {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly transformed: boolean;
  readonly encoding?: 'base64';
}

/** A scalar's value with the offsets of its text (quotes excluded); undefined for null and empty. */
export function scalarText(text: string, node: Scalar): ScalarText | undefined {
  const range = node.range;
  if (!range || node.value === null || node.value === undefined) return undefined;
  const [r0, r1] = range;
  const raw = text.slice(r0, r1);
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    const inner = raw.slice(1, -1);
    const value = String(node.value);
    return { value, start: r0 + 1, end: r1 - 1, transformed: inner !== value };
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const value = String(node.value).replace(/\n+$/, '');
    const bodyStart = text.indexOf('\n', r0) + 1;
    const at = value.includes('\n') ? -1 : text.indexOf(value, bodyStart);
    if (at !== -1 && at + value.length <= r1) return { value, start: at, end: at + value.length, transformed: false };
    return { value, start: bodyStart, end: r1, transformed: true };
  }
  // Plain: numbers and booleans are read as written (`password: 12345678` is still a password).
  const value = typeof node.value === 'string' ? node.value : raw;
  return { value, start: r0, end: r1, transformed: raw !== value };
}

function push(w: Walk, key: string, keyPath: readonly string[], s: ScalarText): void {
  if (s.value.length === 0) return;
  w.candidates.push({
    key,
    keyPath: [...keyPath],
    value: s.value,
    start: s.start,
    end: s.end,
    ...(s.transformed ? { transformed: true } : {}),
    ...(s.encoding ? { encoding: s.encoding } : {}),
  });
}

/** `- DB_PASSWORD=xyz`: key DB_PASSWORD, value xyz at its exact offset. */
function envItem(w: Walk, keyPath: readonly string[], s: ScalarText): boolean {
  const m = ENV_ITEM.exec(s.value);
  if (!m) return false;
  const name = m[1] as string;
  const value = s.value.slice(m[0].length);
  const start = s.transformed ? s.start : s.start + m[0].length;
  push(w, name, [...keyPath, name], { value, start, end: s.end, transformed: s.transformed });
  return true;
}

/** Base64 `data:` of a Kubernetes Secret, decoded when it is printable text. */
function decodeSecretData(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return /^[^\x00-\x08\x0e-\x1f\x7f\ufffd]*$/.test(decoded) ? decoded : undefined;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (yaml().isScalar(k) && k.value !== null && k.value !== undefined) return String(k.value);
  return undefined;
}

function nameOfNameValueMap(items: readonly Pair[]): string | undefined {
  const name = items.find((p) => keyText(p) === 'name')?.value;
  const hasValue = items.some((p) => keyText(p) === 'value' && yaml().isScalar(p.value));
  return hasValue && yaml().isScalar(name) && typeof name.value === 'string' ? name.value : undefined;
}

/** `secretData`: at the root, "this document is a Kubernetes Secret"; below it, "inside its `data:`". */
function walk(w: Walk, node: unknown, key: string, keyPath: string[], secretData: boolean): void {
  if (yaml().isAlias(node) || node === null || node === undefined) return;
  if (yaml().isScalar(node)) {
    const s = scalarText(w.text, node);
    if (!s || keyPath.length === 0) return;
    if (secretData) {
      const decoded = decodeSecretData(s.value);
      if (decoded !== undefined) push(w, key, keyPath, { value: decoded, start: s.start, end: s.end, transformed: true, encoding: 'base64' });
      return;
    }
    push(w, key, keyPath, s);
    return;
  }
  if (yaml().isSeq(node)) {
    const envList = ENV_LIST_KEYS.has(key.toLowerCase());
    for (const item of node.items) {
      if (envList && yaml().isScalar(item)) {
        const s = scalarText(w.text, item);
        if (s && envItem(w, keyPath, s)) continue;
      }
      walk(w, item, key, keyPath, false);
    }
    return;
  }
  if (yaml().isMap(node)) {
    const items = node.items as Pair[];
    const named = nameOfNameValueMap(items);
    for (const pair of items) {
      const name = keyText(pair);
      if (name === undefined) continue;
      if (named !== undefined && name === 'name') continue;
      if (named !== undefined && name === 'value') walk(w, pair.value, named, [...keyPath, named], false);
      // In a Secret, only the top-level `data:` map holds base64 values.
      else walk(w, pair.value, name, [...keyPath, name], keyPath.length === 0 ? secretData && name === 'data' : secretData);
    }
  }
}

function isKubernetesSecret(doc: Document): boolean {
  return yaml().isMap(doc.contents) && doc.get('kind') === 'Secret';
}

/**
 * The `yaml` parser reads about 1 MB/s, and a malformed file costs it ~35 µs per error (a file of
 * nothing but `"` holds one error per two bytes: 1 MB took 26 s and 550 MB of memory). Above this
 * size a file is read as plain text instead (with the usual fallback warning), which bounds that
 * worst case to a few seconds; the raw-text detectors still run on every byte.
 */
export const MAX_STRUCTURED_YAML = 256 * 1024;

export function readYaml(text: string): FormatReadResult {
  if (text.length > MAX_STRUCTURED_YAML) {
    throw new Error(`larger than ${MAX_STRUCTURED_YAML / 1024} KiB, too large to parse as YAML`);
  }
  const docs = parseYamlDocuments(text);
  const w: Walk = { text, candidates: [] };
  for (const doc of Array.isArray(docs) ? docs : []) {
    const error = doc.errors[0];
    if (error) throw new Error(error.message.split('\n')[0]);
    walk(w, doc.contents, '', [], isKubernetesSecret(doc));
  }
  return finishRead(text, w.candidates, []);
}

export const yamlReader: FormatReader = {
  name: 'yaml',
  matches: (path) => hasSuffix(path, ['.yml', '.yaml']),
  read: readYaml,
};
