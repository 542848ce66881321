/**
 * Rails key files: `config/master.key` and `config/credentials/<env>.key` hold nothing but the
 * 32-hex key that decrypts `credentials.yml.enc`. The whole file is one candidate keyed
 * `RAILS_MASTER_KEY` (the name Rails reads from the environment), so the generic judge sees it.
 */
import { baseNameOf } from './paths.js';
import { finishRead } from './result.js';
import type { Candidate, FormatReader } from './types.js';

const KEY = /^[ \t\r\n]*([0-9a-f]{32})[ \t\r\n]*$/;

/** `master.key`, or a `.key` file directly under a `credentials/` directory. */
function isRailsKeyPath(path: string): boolean {
  const base = baseNameOf(path);
  if (base === 'master.key') return true;
  const normalized = path.replace(/\\/g, '/').toLowerCase();
  return base.endsWith('.key') && normalized.endsWith(`credentials/${base}`);
}

export const railsMasterKeyReader: FormatReader = {
  name: 'rails-master-key',
  matches: isRailsKeyPath,
  read: (text) => {
    const m = KEY.exec(text);
    const value = m?.[1];
    if (m === null || value === undefined) return finishRead(text, [], []);
    const start = text.indexOf(value);
    const c: Candidate = { key: 'RAILS_MASTER_KEY', value, start, end: start + value.length };
    return finishRead(text, [c], []);
  },
};
