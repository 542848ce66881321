/**
 * `.env`, `.env.*`, `*.env`: `KEY=value`, `export KEY=value`, single/double/backtick quotes, inline
 * `#` comments after unquoted values, multi-line quoted values. Throws on a line that is not an
 * assignment, a comment or blank, and on an unterminated quote.
 */
import { decodeEscapes } from '../detect/escapes.js';
import { baseNameOf, hasSuffix } from './paths.js';
import { finishRead, positionText } from './result.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

const ASSIGNMENT = /[ \t]*(?:export[ \t]+)?(?<key>[A-Za-z_][\w.-]{0,199})[ \t]*=[ \t]*/y;

function lineEndFrom(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

/** Reads one value starting at `at`; returns its candidate (if not empty) and where its line ends. */
function readValue(text: string, key: string, at: number): { candidate?: Candidate; next: number } {
  const quote = text[at];
  if (quote === '"' || quote === "'" || quote === '`') {
    let close = -1;
    for (let i = at + 1; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\' && quote !== "'") i++;
      else if (ch === quote) {
        close = i;
        break;
      }
    }
    if (close === -1) throw new Error(`unterminated ${quote} quote for ${key} at ${positionText(text, at)}`);
    const raw = text.slice(at + 1, close);
    const value = quote === '"' && raw.includes('\\') ? decodeEscapes(raw).value : raw;
    const next = lineEndFrom(text, close);
    if (value.length === 0) return { next };
    const transformed = value !== raw;
    return { candidate: { key, value, start: at + 1, end: close, ...(transformed ? { transformed: true } : {}) }, next };
  }
  const lineEnd = lineEndFrom(text, at);
  let raw = text.slice(at, lineEnd);
  const comment = /(?:^|[ \t])#/.exec(raw);
  if (comment) raw = raw.slice(0, comment.index);
  const value = raw.trimEnd();
  if (value.length === 0) return { next: lineEnd };
  return { candidate: { key, value, start: at, end: at + value.length }, next: lineEnd };
}

export function readDotenv(text: string): FormatReadResult {
  const candidates: Candidate[] = [];
  let pos = 0;
  while (pos < text.length) {
    const lineEnd = lineEndFrom(text, pos);
    const line = text.slice(pos, lineEnd).trim();
    if (line.length === 0 || line.startsWith('#')) {
      pos = lineEnd + 1;
      continue;
    }
    ASSIGNMENT.lastIndex = pos;
    const m = ASSIGNMENT.exec(text);
    const key = m?.groups?.['key'];
    if (!m || key === undefined || m[0].includes('\n')) {
      throw new Error(`expected KEY=value at ${positionText(text, pos)}`);
    }
    const { candidate, next } = readValue(text, key, pos + m[0].length);
    if (candidate) candidates.push(candidate);
    pos = next + 1;
  }
  return finishRead(text, candidates, []);
}

export const dotenvReader: FormatReader = {
  name: 'dotenv',
  matches: (path) => {
    const base = baseNameOf(path);
    return base === '.env' || base.startsWith('.env.') || hasSuffix(path, ['.env']);
  },
  read: readDotenv,
};
