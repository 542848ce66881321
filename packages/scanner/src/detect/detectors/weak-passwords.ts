/**
 * The audit tier (`--confidence low`): any literal under a password-named key that the precise judge
 * turns down as too weak — dictionary words (`swordfish`), short defaults (`admin`), values that
 * repeat their key (`IRC_PASS=irc_pass`, `AdminPassword123`). Not reported by default: in code and
 * samples these are mostly labels, defaults and test fixtures. Placeholders, references and filler
 * are still not findings (the engine's not-secret filter runs first).
 */
import { secretKeyKind } from '../key-names.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { AssignmentDetector } from '../types.js';

export const weakPasswordAssignment: AssignmentDetector = {
  kind: 'assignment',
  id: 'weak-password-assignment',
  title: 'Weak or dictionary password assigned to a password-named key',
  description:
    'A literal password too weak for the precise gate (a dictionary word, a short default, a value that repeats its key) under a password-named key. Reported only with `--confidence low` (config `minConfidence: "low"`), for auditing a repository.',
  severity: 'medium',
  confidence: 'low',
  priority: 5,
  keywords: ['pass', 'pwd', 'pw'],
  matchesKey: (key) => secretKeyKind(key) === 'password',
  acceptsValue: (value) => value.length >= 4 && value.length <= 128 && !/\s/.test(value) && !isPlaceholderValue(value) && !/^[0-9]+$/.test(value),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      { key: 'IRC_PASS', value: ['irc', 'pass'].join('_') },
      { key: 'userPassword', value: ['mongo', 'pass'].join('') },
      { key: 'DB_PASSWORD', value: ['ad', 'min'].join('') },
    ],
    negative: [
      { key: 'DB_PASSWORD', value: '${DB_PASSWORD}' },
      { key: 'password', value: 'changeme' },
      { key: 'password', value: '1234' },
      { key: 'username', value: 'admin' },
    ],
  }),
};
