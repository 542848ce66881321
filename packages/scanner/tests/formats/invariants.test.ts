/**
 * Properties every reader keeps on any input (random mixes of the syntax each format uses):
 * it returns candidates whose offsets are inside the text and, unless transformed, whose value is
 * exactly the text between them; sorted, disjoint skip ranges; or it throws an Error with a
 * one-line message (the pipeline's fallback warning).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { formatReaders, textReader } from '../../src/formats/index.js';
import type { FormatReader } from '../../src/formats/types.js';

const PIECES = [
  'password', 'Secret', 'key', 'token', 'value', 'name', 'kind: Secret', 'data:', 'param ', 'export ',
  '=', ':', ': ', ' = ', '"', "'", '`', '\\', '\\"', '\\n', '\\u0041', '\n', '\r\n', ' ', '  ', '\t',
  '#', '//', '/*', '*/', '<!--', '-->', '{', '}', '[', ']', '(', ')', ',', '<', '>', '/>', '-', '- ',
  '---', '|', '>-', '&a', '*a', '&amp;', '<add key="ClientSecret" value="', '<Password>', '</Password>',
  '${', '$(', '{{', 'data:image/png;base64,', 'iVBORw0KGgo=', '<<EOF\n', '\nEOF\n', "'''", 'keyless-ignore',
  '"cells": [', '"source": ["', '"outputs": [', 'integrity', 'sha512-', 'AbC123xyz',
];

const documents = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    maxLength: 80,
  })
  .map((parts) => parts.join(''));

/** Paths that make each reader apply, so every reader sees every document. */
const PATH_FOR: Readonly<Record<string, string>> = {
  lockfile: 'package-lock.json',
  ipynb: 'n.ipynb',
  json: 'appsettings.json',
  dotenv: '.env',
  yaml: 'ci.yml',
  tfvars: 'main.tfvars',
  xml: 'web.config',
  text: 'a.ts',
};

function checkRead(reader: FormatReader, text: string): void {
  let result;
  try {
    result = reader.read(text, PATH_FOR[reader.name] ?? 'x');
  } catch (err) {
    assert.ok(err instanceof Error, `${reader.name} threw a non-Error`);
    assert.ok(!err.message.includes('\n'), `${reader.name} error message has several lines: ${err.message}`);
    return;
  }
  for (const c of result.candidates) {
    assert.ok(c.start >= 0 && c.start <= c.end && c.end <= text.length, `${reader.name}: offsets out of range`);
    if (!c.transformed) assert.equal(text.slice(c.start, c.end), c.value, `${reader.name}: value is not the text at its offsets`);
    assert.ok(c.key.length > 0 || reader.name === 'text', `${reader.name}: empty key`);
  }
  let previousEnd = -1;
  for (const [s, e] of result.skipRanges) {
    assert.ok(s > previousEnd && s < e && e <= text.length, `${reader.name}: skip ranges not sorted/disjoint/in range`);
    previousEnd = e;
  }
}

const KEYS = ['password', 'ClientSecret', 'api_key', 'name', 'value', 'Values', 'parameters', 'data', 'kind', 'env', 'environment', 'x'];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/));
/** Values with the characters formats escape: quotes, backslashes, newlines, `#`, `&`, `<`, non-ASCII. */
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '9', '"', "'", '\\', '\n', '#', ' ', '&', '<', '>', '$', '{', '}', 'é', '😀', '='), maxLength: 12 }),
);
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, value, fc.integer(), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

/** Well-formed documents of each format, so the structured paths (not only the error paths) are exercised. */
const WELL_FORMED: Readonly<Record<string, fc.Arbitrary<string>>> = {
  json: fc.tuple(fc.dictionary(key, tree, { maxKeys: 5 }), fc.constantFrom(0, 1, 2)).map(([o, indent]) => JSON.stringify(o, null, indent)),
  ipynb: fc
    .array(fc.array(value, { maxLength: 4 }), { maxLength: 3 })
    .map((cells) => JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source: source.map((v) => `password = "${v}"\n`), outputs: [] })) }, null, 1)),
  dotenv: fc
    .array(fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.stringMatching(/^[A-Za-z0-9 #=\\-]{0,10}$/), fc.constantFrom('', '"', "'")), { maxLength: 6 })
    .map((lines) => lines.map(([k, v, q]) => `${k}=${q}${q === '' ? v.trim() : v.replace(/["'\\]/g, '')}${q}`).join('\n')),
  yaml: fc.dictionary(key, tree, { maxKeys: 5 }).map((o) => toYaml(o)),
  tfvars: fc
    .array(fc.tuple(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), value), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${k} = ${JSON.stringify(v).replace(/\$\{/g, '$ {')}`).join('\n')),
  xml: fc
    .array(fc.tuple(fc.constantFrom('ClientSecret', 'Password', 'x'), value), { maxLength: 5 })
    .map((pairs) => {
      const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      const adds = pairs.map(([k, v]) => `  <add key="${k}" value="${esc(v)}" />\n  <${k}>${esc(v)}</${k}>`);
      return `<configuration>\n${adds.join('\n')}\n</configuration>\n`;
    }),
  text: fc
    .array(fc.tuple(fc.constantFrom('password', 'ClientSecret', 'api_key', 'dbPwd', 'options.token'), value, fc.constantFrom(' = ', ': ', ' := ', '=')), { maxLength: 6 })
    .map((lines) => lines.map(([k, v, op]) => `${k}${op}${JSON.stringify(v)}`).join('\n')),
};

describe('reader invariants on well-formed documents', () => {
  for (const reader of [...formatReaders, textReader]) {
    const documentsOfFormat = WELL_FORMED[reader.name];
    if (!documentsOfFormat) continue;
    test(reader.name, () => {
      let withCandidates = 0;
      fc.assert(
        fc.property(documentsOfFormat, (text) => {
          checkRead(reader, text);
          let count = 0;
          assert.doesNotThrow(() => {
            count = reader.read(text, PATH_FOR[reader.name] ?? 'x').candidates.length;
          }, `${reader.name} rejected a well-formed document`);
          if (count > 0) withCandidates++;
        }),
        { numRuns: 300, seed: 20261125 },
      );
      // The generator must reach the candidate paths, or the properties above prove little.
      assert.ok(withCandidates > 100, `${reader.name}: only ${withCandidates} of 300 documents had candidates`);
    });
  }
});

describe('reader invariants on random documents', () => {
  for (const reader of [...formatReaders, textReader]) {
    test(reader.name, () => {
      fc.assert(
        fc.property(documents, (text) => checkRead(reader, text)),
        { numRuns: 400, seed: 20261125 },
      );
    });
  }
});
