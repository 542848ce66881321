import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../src/pipeline/scan-content.js';
import { ipynbReader } from '../../src/formats/ipynb.js';
import { fake, fakeToken, scan } from './helpers.js';

const pw = fake(61);

/** A notebook as Jupyter writes it (one-space indent), with the given cell sources and outputs. */
function notebook(source: string[], outputs: unknown[]): string {
  return JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Demo\n'] },
        { cell_type: 'code', execution_count: 1, metadata: {}, outputs, source },
      ],
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, `${needle} not in fixture`);
  return new LineIndex(text).position(offset);
}

describe('ipynb reader', () => {
  test('assignments in cell source are found at their file position; outputs are skipped', () => {
    const inSource = fakeToken(62);
    const inOutput = fakeToken(63);
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: [`${inOutput}\n`] },
      { output_type: 'display_data', data: { 'image/png': `iVBORw0KGgo${inOutput}` }, metadata: {} },
    ];
    const text = notebook(['import os\n', `storage_password = "${pw}"\n`, `print("${inSource}")`], outputs);
    const p = positionOf(text, pw);
    const t = positionOf(text, inSource);
    assert.deepEqual(scan('analysis/demo.ipynb', text).findings, [
      { rule: 'test-password', key: 'storage_password', secret: pw, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + pw.length },
      { rule: 'test-token', secret: inSource, line: t.line, column: t.column, endLine: t.line, endColumn: t.column + inSource.length },
    ]);
    const read = ipynbReader.read(text, 'demo.ipynb');
    assert.equal(read.skipRanges.length, 1);
    const [start, end] = read.skipRanges[0] as [number, number];
    assert.deepEqual(JSON.parse(text.slice(start, end)), outputs);
  });

  test('a source value with escapes in the JSON maps back to the raw range', () => {
    // Python source `api_secret = 'VALUE\\x'` (an escaped backslash), written into JSON as `\\\\`.
    const text = notebook([`api_secret = '${pw}\\\\x'\n`], []);
    const c = ipynbReader.read(text, 'n.ipynb').candidates[0];
    assert.equal(c?.key, 'api_secret');
    assert.equal(c?.value, `${pw}\\x`);
    assert.equal(text.slice(c?.start, c?.end), `${pw}\\\\\\\\x`);
    assert.equal(c?.transformed, true);
  });

  test('a cell with a PEM block split over source lines is also one joined candidate', () => {
    const body = fake(66, 64);
    const lines = ['key = """\n', '-----BEGIN PRIVATE KEY-----\n', `${body}\n`, '-----END PRIVATE KEY-----\n', '"""\n'];
    const joined = ipynbReader.read(notebook(lines, []), 'n.ipynb').candidates.filter((c) => c.key === 'source');
    assert.deepEqual(
      joined.map((c) => [c.value, c.transformed]),
      [[lines.join(''), true]],
    );
    assert.deepEqual(ipynbReader.read(notebook(['a = 1\n', 'b = 2\n'], []), 'n.ipynb').candidates, []);
  });

  test('a token on one line of a multi-line cell keeps its exact position and assignment key', () => {
    const tok = fakeToken(65);
    const text = notebook(['import os\n', `api_token = "${tok}"\n`], []);
    const p = positionOf(text, tok);
    assert.deepEqual(scan('n.ipynb', text).findings, [
      { rule: 'test-token', key: 'api_token', secret: tok, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + tok.length },
    ]);
  });

  test('source as one string instead of a list of lines', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', source: `x = 1\ndb_password = "${pw}"\n`, outputs: [] }] });
    const [c] = ipynbReader.read(text, 'n.ipynb').candidates;
    assert.deepEqual([c?.key, c?.value, text.slice(c?.start, c?.end)], ['db_password', pw, pw]);
  });

  test('malformed notebooks fall back to text with a warning', () => {
    assert.match(scan('n.ipynb', '{"cells": [').warning ?? '', /^n\.ipynb: could not be read as ipynb \(.+ at line 1, column 12\); scanned as plain text$/);
    assert.equal(scan('n.ipynb', '{"not": "a notebook"}').warning, 'n.ipynb: could not be read as ipynb (no "cells" array: not a Jupyter notebook); scanned as plain text');
  });
});
