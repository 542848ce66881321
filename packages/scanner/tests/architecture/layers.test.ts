/**
 * Arrows only run down (issue 13): every import in packages/scanner/src goes to the importer's own
 * layer or one below it, and every module belongs to a layer. Reads the TypeScript sources, so a new
 * upward import fails CI before anyone relies on it.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { allowed, importEdges, layerOf, LAYERS } from './layers.js';

const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));

describe('scanner layers', () => {
  const edges = importEdges(srcDir);

  test('every source module belongs to a layer', () => {
    const modules = new Set(edges.flatMap((e) => [e.from, e.to]));
    const outside = [...modules].filter((m) => !layerOf(m));
    assert.deepEqual(outside, []);
  });

  test('no import reaches up a layer', () => {
    const up = edges.filter((e) => !allowed(e)).map((e) => `${e.from} -> ${e.to}`);
    process.stdout.write(`# layers: ${edges.length} imports between ${LAYERS.length} layers checked, ${up.length} reach up\n`);
    assert.deepEqual(up, []);
  });

  test('the checker rejects an upward import and accepts a downward one', () => {
    assert.equal(allowed({ from: 'sources/history/git-history.ts', to: 'cli/progress.ts' }), false);
    assert.equal(allowed({ from: 'detect/engine.ts', to: 'filters/allowlist.ts' }), false);
    assert.equal(allowed({ from: 'sources/tree/tree-file.ts', to: 'report/text.ts' }), false);
    assert.equal(allowed({ from: 'report/text.ts', to: 'sources/git/git-log.ts' }), false);
    assert.equal(allowed({ from: 'cli/main.ts', to: 'scan/tree-scan.ts' }), true);
    assert.equal(allowed({ from: 'pipeline/scan-file.ts', to: 'detect/engine.ts' }), true);
  });
});
