/**
 * docs/detectors.md is generated from the catalog and must match it; every catalog id has a section.
 * Regenerate with KEYLESS_UPDATE_DOCS=1.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { allDetectors as catalog } from '../../src/detect/catalog.js';
import { renderDetectorDocs } from '../../src/detect/docs.js';

const file = new URL('../../../docs/detectors.md', import.meta.url);

describe('docs/detectors.md', () => {
  const expected = renderDetectorDocs(catalog);
  if (process.env['KEYLESS_UPDATE_DOCS'] === '1') writeFileSync(file, expected);
  const actual = readFileSync(file, 'utf8');

  test('every catalog id has a section', () => {
    for (const d of catalog) assert.ok(actual.includes(`\n## ${d.id}\n`), d.id);
  });

  test('matches the catalog (regenerate with KEYLESS_UPDATE_DOCS=1)', () => {
    assert.equal(actual, expected);
  });
});
