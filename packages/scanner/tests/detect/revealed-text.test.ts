/**
 * revealedTexts: what the value decoders could reveal anywhere in a text (the git scans' keyword gate
 * tests it when the raw text holds no keyword).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { revealedTexts } from '../../src/detect/revealed-text.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const percentAll = (s: string) => [...s].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

describe('revealedTexts', () => {
  test('plain text and identifiers reveal nothing', () => {
    assert.deepEqual(revealedTexts('export function createKeywordGate(engine) { return engine.detectors; }\n'), []);
    assert.deepEqual(revealedTexts(''), []);
  });
  test('a base64 value anywhere in the text', () => {
    assert.deepEqual(revealedTexts(`{ "Deploy": "${b64('ghp_token value')}" }`), ['ghp_token value']);
  });
  test('percent bytes, hex escapes and character references are undone over the whole text', () => {
    assert.deepEqual(revealedTexts(`url=/x?q=${percentAll('ghp_')}`), ['url=/x?q=ghp_']);
    assert.deepEqual(revealedTexts('const t = "\\u0067\\x68p_";'), ['const t = "ghp_";']);
    assert.deepEqual(revealedTexts('<p a="&#103;&#x68;p&lowbar;&amp;">'), ['<p a="ghp&lowbar;&">']);
  });
  test('two layers deep: base64 of a percent-encoded text, percent-encoded base64', () => {
    assert.deepEqual(revealedTexts(b64(percentAll('ghp_'))), [percentAll('ghp_'), 'ghp_']);
    const inner = b64('token xyz');
    assert.deepEqual(revealedTexts(percentAll(inner)), [inner, 'token xyz']);
  });
});
