/**
 * Fuzzing the whole per-file pipeline (format reader -> catalog -> overlaps -> inline ignores ->
 * line/column) with config-like text sprinkled with real-looking generated secrets: it never
 * throws, and every match's offsets lie inside the input with line/column computed from them.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import {
  generateDevOpsPat,
  generateEntraClientSecret,
  generateGithubToken,
  generateIdentifiableKey,
  generatePassword,
  generateSasUrl,
  generateServiceBusConnectionString,
  generateStorageConnectionString,
} from '../../src/detect/examples/generate.js';
import { LineIndex, scanContent } from '../../src/pipeline/scan-content.js';
import { check, configLikeText, NUM_RUNS_PIPELINE, reportRuns } from './fuzz-settings.js';

after(() => reportRuns('pipeline'));

const engine = createEngine(catalog);
const SECRETS = [
  generateIdentifiableKey('storage', 3),
  generateEntraClientSecret(4),
  generateDevOpsPat(5),
  generateGithubToken('ghp', 6),
  generateStorageConnectionString(7),
  generateServiceBusConnectionString(8),
  generateSasUrl(9),
  generatePassword(10, 20),
  'keyless-ignore',
];
const PATHS = ['appsettings.json', '.env', 'values.yaml', 'main.tfvars', 'web.config', 'nb.ipynb', 'package-lock.json', 'src/app.ts', 'notes.txt'];

describe('scanContent on arbitrary config-like text', () => {
  test('never throws; every match points into the input with consistent line/column', () => {
    check(
      'scanContent',
      fc.property(configLikeText(SECRETS), fc.constantFrom(...PATHS), (text, path) => {
        const { matches, warning } = scanContent(text, path, engine);
        if (warning !== undefined) assert.ok(!warning.includes('\n'), 'multi-line warning');
        const index = new LineIndex(text);
        for (const m of matches) {
          const { start, end, secret } = m.match;
          assert.ok(start >= 0 && start <= end && end <= text.length, `[${start}, ${end}) outside ${text.length}`);
          assert.ok(secret.length > 0, 'empty secret');
          const s = index.position(start);
          const e = index.position(end);
          assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [s.line, s.column, e.line, e.column]);
          assert.equal(m.lineText, index.lineText(m.line));
        }
      }),
      NUM_RUNS_PIPELINE,
    );
  });

  test('a secret planted in arbitrary surroundings is found exactly where it was put, or not at all', () => {
    const junk = fc.string({ unit: fc.constantFrom(...' \t\n;,()[]{}<>'), maxLength: 20 });
    const key = generateIdentifiableKey('storage', 11);
    check(
      'planted-position',
      fc.property(configLikeText(), junk, junk, (prefix, before, afterText) => {
        const head = prefix + before;
        const text = `${head}${key}${afterText}`;
        const { matches } = scanContent(text, 'notes.txt', engine);
        for (const m of matches.filter((x) => x.match.secret === key)) {
          assert.equal(m.match.start, head.length);
          assert.equal(text.slice(m.match.start, m.match.end), key);
        }
      }),
      NUM_RUNS_PIPELINE,
    );
  });
});
