/**
 * JSON and JSONC (comments, trailing commas) with exact positions: appsettings*.json,
 * local.settings.json, ARM/Bicep parameter files, any *.json (lockfiles have their own reader). Every string value is a
 * candidate keyed by its property name and key path (`AzureAd:ClientSecret`); strings in arrays take
 * the parent key.
 */
import { createRequire } from 'node:module';
import type { Node, ParseError } from 'jsonc-parser';
import { hasSuffix } from './paths.js';
import { finishRead, positionText } from './result.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true } as const;

type JsoncLibrary = typeof import('jsonc-parser');
let jsoncLibrary: JsoncLibrary | undefined;

/** `jsonc-parser` (six modules), loaded on the first JSON file read: a pre-commit scan of code never pays for it. */
function jsonc(): JsoncLibrary {
  return (jsoncLibrary ??= createRequire(import.meta.url)('jsonc-parser') as JsoncLibrary);
}

/** Parses JSONC into a tree with offsets; throws one line on the first syntax error. */
export function parseJsonTree(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const { parseTree, printParseErrorCode } = jsonc();
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const first = errors[0];
  if (first) throw new Error(`${printParseErrorCode(first.error)} at ${positionText(text, first.offset)}`);
  return root;
}

/** The property nodes of an object node, as [name, value node]. */
export function propertiesOf(node: Node): [string, Node][] {
  const out: [string, Node][] = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, v]);
  }
  return out;
}

/** A string node's value with the offsets of its text inside the quotes. */
export function stringCandidate(text: string, node: Node, key: string, keyPath: readonly string[]): Candidate {
  const start = node.offset + 1;
  const end = node.offset + node.length - 1;
  const value = String(node.value);
  // Same length means no escape was decoded (every JSON escape is longer than what it stands for).
  const transformed = end - start !== value.length;
  return { key, keyPath: [...keyPath], value, start, end, transformed };
}

interface Walk {
  readonly text: string;
  readonly candidates: Candidate[];
}

/** `[{ "name": "ClientSecret", "value": "..." }]` (App Service settings, pipeline variables): keyed by `name`. */
function nameOfNameValuePair(props: readonly [string, Node][]): string | undefined {
  const name = props.find(([k]) => k === 'name')?.[1];
  const hasValue = props.some(([k, v]) => k === 'value' && v.type === 'string');
  return hasValue && name?.type === 'string' && typeof name.value === 'string' ? name.value : undefined;
}

function walk(w: Walk, node: Node, key: string, keyPath: string[]): void {
  switch (node.type) {
    case 'string':
      if (keyPath.length > 0) w.candidates.push(stringCandidate(w.text, node, key, keyPath));
      return;
    case 'array':
      for (const item of node.children ?? []) walk(w, item, key, keyPath);
      return;
    case 'object': {
      const props = propertiesOf(node);
      const named = nameOfNameValuePair(props);
      // ARM/Bicep parameters: `"parameters": { "adminPassword": { "value": "..." } }` is keyed
      // `adminPassword`; a Key Vault `reference` is not a value at all.
      const isParameter = keyPath.length >= 2 && keyPath[keyPath.length - 2] === 'parameters';
      for (const [name, value] of props) {
        if (isParameter && name === 'reference') continue;
        if (named !== undefined && name === 'name') continue;
        if (named !== undefined && name === 'value') walk(w, value, named, [...keyPath, named]);
        else if (isParameter && (name === 'value' || name === 'defaultValue')) walk(w, value, key, keyPath);
        else walk(w, value, name, [...keyPath, name]);
      }
      return;
    }
    default:
      return;
  }
}

/** Reads any JSON text; exported for readers of JSON-based formats. */
export function readJson(text: string): FormatReadResult {
  const root = parseJsonTree(text);
  const w: Walk = { text, candidates: [] };
  if (root) walk(w, root, '', []);
  return finishRead(text, w.candidates, []);
}

export const jsonReader: FormatReader = {
  name: 'json',
  matches: (path) => hasSuffix(path, ['.json', '.jsonc']),
  read: readJson,
};
