/** docs/posture.md is generated from the posture catalog and must match it. Regenerate with KEYLESS_UPDATE_DOCS=1. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { postureRules } from '../../src/detect/posture/catalog.js';
import { renderPostureDocs } from '../../src/detect/posture/docs.js';
import { postureHelpUri } from '../../src/detect/posture/remediation.js';

const file = new URL('../../../docs/posture.md', import.meta.url);

describe('docs/posture.md', () => {
  const expected = renderPostureDocs(postureRules);
  if (process.env['KEYLESS_UPDATE_DOCS'] === '1') writeFileSync(file, expected);
  const actual = readFileSync(file, 'utf8');

  test('every posture rule has a section, linked by its help URI', () => {
    for (const r of postureRules) {
      assert.ok(actual.includes(`\n## ${r.id}\n`), r.id);
      assert.ok(postureHelpUri(r.id).endsWith(`docs/posture.md#${r.id}`));
    }
  });

  test('matches the catalog (regenerate with KEYLESS_UPDATE_DOCS=1)', () => {
    assert.equal(actual, expected);
  });
});

describe('README posture table', () => {
  test('lists exactly the posture catalog (id, severity, title)', () => {
    const lines = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8').split('\n');
    const start = lines.indexOf('| Posture rule | Severity | Finds |');
    assert.ok(start !== -1);
    const rows: string[][] = [];
    for (let i = start + 2; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) rows.push(lines[i]!.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').trim()));
    assert.deepEqual(rows, postureRules.map((r) => [`\`${r.id}\``, r.severity, r.title]));
  });
});
