/**
 * The scanner's layers, top to bottom, and the one rule between them: a module imports only from its
 * own layer or from a layer below it (docs/architecture.md). Shared by the layer test and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** Each layer: the folders (relative to src/) it holds, and its rank (higher may import lower). */
export interface Layer {
  readonly name: string;
  readonly rank: number;
  readonly folders: readonly string[];
  /** Folders below it that it must still not import (reporters know nothing of git). */
  readonly never?: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  { name: 'cli', rank: 11, folders: ['cli'] },
  { name: 'public API', rank: 10, folders: ['index.ts', 'config-api.ts'] },
  { name: 'scan entry points', rank: 9, folders: ['scan'] },
  { name: 'hooks', rank: 9, folders: ['hooks'] },
  { name: 'history source', rank: 8, folders: ['sources/history'] },
  { name: 'changes source', rank: 8, folders: ['sources/changes'] },
  { name: 'tree source', rank: 8, folders: ['sources/tree'] },
  { name: 'reporters', rank: 8, folders: ['report'], never: ['sources'] },
  { name: 'git', rank: 7, folders: ['sources/git'] },
  { name: 'pipeline', rank: 6, folders: ['pipeline'] },
  { name: 'filters', rank: 5, folders: ['filters'] },
  { name: 'config', rank: 4, folders: ['config'] },
  { name: 'formats', rank: 3, folders: ['formats'] },
  { name: 'finding', rank: 2, folders: ['finding'] },
  { name: 'detection', rank: 1, folders: ['detect'] },
];

export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

const inFolder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** The layer of a module path relative to src/ (forward slashes), or undefined outside every layer. */
export function layerOf(path: string): Layer | undefined {
  return LAYERS.find((l) => l.folders.some((f) => inFolder(path, f)));
}

/** May `from` import `to`? Same layer, or a lower rank that is not on the importer's `never` list. */
export function allowed(edge: ImportEdge): boolean {
  const a = layerOf(edge.from);
  const b = layerOf(edge.to);
  if (!a || !b) return false;
  if (a === b) return true;
  return a.rank > b.rank && !(a.never ?? []).some((f) => inFolder(edge.to, f));
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every relative import (static, dynamic, re-export, type-only) of every .ts file under `srcDir`. */
export function importEdges(srcDir: string): ImportEdge[] {
  const files = (readdirSync(srcDir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const from = file.split('\\').join('/');
    const text = readFileSync(join(srcDir, file), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const target = posix.normalize(posix.join(posix.dirname(from), m[1]!)).replace(/\.js$/, '.ts');
      edges.push({ from, to: relative(srcDir, join(srcDir, target)).split('\\').join('/') });
    }
  }
  return edges;
}

