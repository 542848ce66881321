/**
 * Fuzzing the format readers (issue 6, item 3): on any text, a reader either returns candidates
 * and skip ranges that lie inside the text (and whose untransformed values are exactly the text
 * they point at), or throws an Error with a one-line message (the pipeline then falls back to
 * text). It never throws anything else, and never loops.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { formatReaders, textReader } from '../../src/formats/index.js';
import type { FormatReader } from '../../src/formats/types.js';
import { check, configLikeText, reportRuns } from './fuzz-settings.js';

after(() => reportRuns('readers'));

/** A path each reader handles (the reader is chosen by path in the pipeline). */
const SAMPLE_PATHS: Readonly<Record<string, string>> = {
  lockfile: 'package-lock.json',
  ipynb: 'notebook.ipynb',
  json: 'appsettings.json',
  dotenv: '.env',
  yaml: 'config.yaml',
  tfvars: 'main.tfvars',
  xml: 'web.config',
  text: 'notes.txt',
  'rails-master-key': 'config/master.key',
  pgpass: '.pgpass',
};

function pathFor(reader: FormatReader): string {
  const path = SAMPLE_PATHS[reader.name];
  if (!path || !reader.matches(path)) throw new Error(`no sample path for reader ${reader.name}`);
  return path;
}

function assertResultInside(text: string, reader: FormatReader, path: string): void {
  let result;
  try {
    result = reader.read(text, path);
  } catch (err) {
    assert.ok(err instanceof Error, `${reader.name} threw a non-Error: ${String(err)}`);
    assert.ok(err.message.length > 0, `${reader.name} threw an empty message`);
    return;
  }
  for (const c of result.candidates) {
    assert.ok(Number.isInteger(c.start) && Number.isInteger(c.end), `${reader.name}: non-integer offsets`);
    assert.ok(c.start >= 0 && c.start <= c.end && c.end <= text.length, `${reader.name}: candidate [${c.start}, ${c.end}) outside a text of ${text.length}`);
    assert.equal(typeof c.key, 'string');
    assert.equal(typeof c.value, 'string');
    if (!c.transformed) assert.equal(text.slice(c.start, c.end), c.value, `${reader.name}: untransformed value differs from its text`);
  }
  for (const [s, e] of result.skipRanges) {
    assert.ok(s >= 0 && s <= e && e <= text.length, `${reader.name}: skip range [${s}, ${e}) outside a text of ${text.length}`);
  }
}

describe('format readers on arbitrary input', () => {
  for (const reader of [...formatReaders, textReader]) {
    const path = pathFor(reader);
    test(`${reader.name} (${path}): results inside the text, or one Error`, () => {
      check(`reader:${reader.name}`, fc.property(configLikeText(), (text) => assertResultInside(text, reader, path)));
    });
  }

  test('structured readers on valid JSON/YAML values built by fast-check', () => {
    const json = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v, null, 1));
    for (const reader of [...formatReaders, textReader]) {
      const path = pathFor(reader);
      check(`reader-json:${reader.name}`, fc.property(json, (text) => assertResultInside(text, reader, path)), 300);
    }
  });

  test('JSON reader: every string of an object is a candidate pointing at its own text', () => {
    const reader = formatReaders.find((r) => r.name === 'json');
    assert.ok(reader);
    const safeString = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-./+ '), minLength: 1, maxLength: 20 });
    check(
      'json-exact',
      fc.property(fc.dictionary(fc.string({ unit: fc.constantFrom(...'abkKeyPs'), minLength: 1, maxLength: 8 }), safeString, { minKeys: 1, maxKeys: 8 }), (obj) => {
        const text = JSON.stringify({ root: obj }, null, 2);
        const { candidates } = reader.read(text, 'appsettings.json');
        assert.equal(candidates.length, Object.keys(obj).length);
        for (const c of candidates) {
          assert.equal(text.slice(c.start, c.end), c.value);
          assert.equal(obj[c.key], c.value);
        }
      }),
    );
  });
});
