/**
 * GitHub Actions and Azure Pipelines YAML as a posture tree (mappings, sequences, scalars with
 * offsets), with the `yaml` package the YAML reader already uses (same limits: aliases never
 * expanded, 256 KiB at most). Throws one line on malformed YAML (the caller skips posture then).
 */
import type { Node as YamlNode } from 'yaml';
import type { PEntry, PNode } from '../../detect/posture/tree.js';
import { MAX_STRUCTURED_YAML, PARSE_OPTIONS, parseYamlDocuments, yaml } from '../yaml.js';

/** The `yaml` package's error for a second document (parseDocument's words). */
const MULTIPLE_DOCS = 'Source contains multiple documents; please use YAML.parseAllDocuments()';

function convert(node: unknown, fallbackAt: number): PNode {
  const y = yaml();
  if (y.isMap(node)) {
    const entries: PEntry[] = [];
    for (const pair of node.items) {
      const k = pair.key;
      if (!y.isScalar(k) || k.value === null || k.value === undefined || !k.range) continue;
      entries.push({ key: String(k.value), keyStart: k.range[0], keyEnd: k.range[1], value: convert(pair.value, k.range[1]) });
    }
    const [start, , end] = node.range ?? [fallbackAt, fallbackAt, fallbackAt];
    return { kind: 'object', entries, start, end };
  }
  if (y.isSeq(node)) {
    const [start, , end] = node.range ?? [fallbackAt, fallbackAt, fallbackAt];
    return { kind: 'array', items: node.items.map((item) => convert(item, start)), start, end };
  }
  const range = (node as YamlNode | null)?.range;
  const [start, end] = range ? [range[0], range[1]] : [fallbackAt, fallbackAt];
  const value = y.isScalar(node) ? node.value : undefined;
  return { kind: 'value', text: value === null || value === undefined ? '' : String(value), literal: true, start, end };
}

/** The first document's root (pipelines and workflows are one document). */
export function readYamlTree(text: string): PNode | undefined {
  if (text.length > MAX_STRUCTURED_YAML) throw new Error(`larger than ${MAX_STRUCTURED_YAML / 1024} KiB, too large to parse as YAML`);
  // The documents the YAML reader parsed for secrets, when it read this text just before; the first
  // one is what parseDocument returns, and a second one is the error parseDocument reports. A stream
  // without documents (empty, comments or directives only) is left to parseDocument itself.
  const docs = parseYamlDocuments(text);
  const doc = docs.length > 0 ? docs[0]! : yaml().parseDocument(text, PARSE_OPTIONS);
  const error = doc.errors[0] ?? (docs.length > 1 ? new Error(MULTIPLE_DOCS) : undefined);
  if (error) throw new Error(error.message.split('\n')[0]);
  return doc.contents ? convert(doc.contents, 0) : undefined;
}
