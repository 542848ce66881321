/**
 * PostgreSQL password files (`.pgpass`, `pgpass.conf`): one `host:port:database:user:password`
 * entry per line (`\:` escapes a colon, `#` starts a comment). The password field becomes a
 * candidate keyed `password`, so the generic judge decides (placeholders like `password` or `*`
 * are not secrets).
 */
import { baseNameOf } from './paths.js';
import { finishRead } from './result.js';
import type { Candidate, FormatReader } from './types.js';

/** Offsets of the unescaped `:` separators of one line. */
function separators(line: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === ':') out.push(i);
  }
  return out;
}

export const pgpassReader: FormatReader = {
  name: 'pgpass',
  matches: (path) => {
    const base = baseNameOf(path);
    return base === '.pgpass' || base === 'pgpass.conf';
  },
  read: (text) => {
    const candidates: Candidate[] = [];
    let lineStart = 0;
    for (const raw of text.split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const seps = separators(line);
      if (!line.trimStart().startsWith('#') && seps.length >= 4) {
        const at = (seps[3] as number) + 1;
        const value = line.slice(at).replace(/\\(.)/g, '$1');
        if (value.length > 0) {
          candidates.push({ key: 'password', value, start: lineStart + at, end: lineStart + line.length, transformed: value !== line.slice(at) });
        }
      }
      lineStart += raw.length + 1;
    }
    return finishRead(text, candidates, []);
  },
};
