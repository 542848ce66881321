/**
 * The audit tier (`--confidence low`): any literal under a password-named key that the precise judge
 * turns down as too weak — dictionary words (`swordfish`), short defaults (`admin`), values that
 * repeat their key (`IRC_PASS=irc_pass`, `password: password`, `AdminPassword123`) or sound like a
 * sample (`dummy-pass`, `testpass`, `ExamplePas123`: to an auditor a sample password that reaches a
 * real config is a weak credential). Not reported by default: in code and samples these are mostly
 * labels, defaults and test fixtures. References, empty values and identifiers are still dropped by
 * the engine; what only stands for a value (`<password>`, `your_password`, `changeme`, `****`) is
 * dropped here (`screensWeakValues`).
 */
import { generatePassword } from '../examples/generate.js';
import { secretKeyKind } from '../key-names.js';
import { isNotSecret } from '../not-secrets.js';
import { looksLikeSecretValue } from '../secret-values.js';
import type { AssignmentDetector, PatternDetector } from '../types.js';
import { urlCredentials } from './url-credentials.js';

/** Text that stands for a password instead of being one. */
const STANDS_FOR_A_VALUE =
  /change[-_ ]?(?:me|it)|replace|placeholder|redacted|insert|(?:goes|put)[-_ ]?here|[-_ ]here$|^your|\.\.\.|…|\*\*\*|xxx|^[$%<{[(]/i;
/** Whole values that are words of a schema or a form, not passwords. */
const NOT_A_PASSWORD =
  /^(?:null|none|nil|undefined|true|false|empty|string|str|text|value|todo|tbd|fixme|hidden|notset|not_set|required|optional|boolean|bool|int|integer|number|secret|secrets|default|omitted|unset|blank)$/i;

/** A literal the audit tier reports under a password key: short, one word, not a stand-in. */
export function isWeakPasswordCandidate(value: string): boolean {
  const v = value.trim();
  return (
    v.length >= 4 &&
    v.length <= 128 &&
    !/\s/.test(v) &&
    !/^(.)\1+$/.test(v) &&
    !/^[0-9]+$/.test(v) &&
    !STANDS_FOR_A_VALUE.test(v) &&
    !NOT_A_PASSWORD.test(v)
  );
}

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
  acceptsValue: (value) => isWeakPasswordCandidate(value),
  screensWeakValues: true,
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      { key: 'IRC_PASS', value: ['irc', 'pass'].join('_') },
      { key: 'userPassword', value: ['mongo', 'pass'].join('') },
      { key: 'DB_PASSWORD', value: ['ad', 'min'].join('') },
      { key: 'password', value: ['pass', 'word'].join('') },
      { key: 'RDS_PASSWORD', value: ['dummy', 'pass'].join('-') },
    ],
    negative: [
      { key: 'DB_PASSWORD', value: '${DB_PASSWORD}' },
      { key: 'password', value: 'changeme' },
      { key: 'password', value: '1234' },
      { key: 'password', value: '<password>' },
      { key: 'password', value: 'your_password' },
      { key: 'password', value: '********' },
      { key: 'password', value: 'null' },
      { key: 'username', value: 'admin' },
    ],
  }),
};

/** Hosts of a developer's own machine or of documentation: a weak password for them is a sample. */
const LOCAL_OR_DOC_HOST = /^(?:localhost|127\.|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[\w.-]*example\.(?:com|org|net)$|[\w-]+$)/i;

export const weakUrlPassword: PatternDetector = {
  kind: 'pattern',
  id: 'weak-url-password',
  title: 'Weak password in a URL to a remote host',
  description:
    'A weak or sample password in the user-info part of a URL (`mongodb://app:testpass@db.contoso.net`) that the precise `url-credentials` rule turns down, when the host is a remote name (not `localhost`, a bare service name or an `example.com` host). Reported only with `--confidence low`.',
  severity: 'medium',
  confidence: 'low',
  priority: 6,
  keywords: ['://'],
  pattern:
    /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/"'<>`]{0,64}:(?<secret>[^\s:/@"'<>`;]{1,128})@(?<host>[A-Za-z0-9[\]_.-]{1,253})/g,
  screensWeakValues: true,
  percentEncoded: true,
  validate: (secret, match) =>
    !(urlCredentials.validate!(secret, match) && !isNotSecret(secret)) &&
    !/[${}]/.test(match.groups?.['secret'] ?? secret) &&
    isWeakPasswordCandidate(secret) &&
    !LOCAL_OR_DOC_HOST.test(match.groups?.['host'] ?? ''),
  remediation: 'url-credentials',
  examples: () => ({
    positive: [`uri: "mongodb://app:${['test', 'pass'].join('')}@db0.contoso.net:27017/main"`, `AMQP_URL=amqp://svc:${['gu', 'est'].join('')}@mq.contoso.com`],
    negative: [
      'postgres://user:password@localhost/orders',
      'redis://:secret@cache:6379',
      'postgres://app:${DB_PASSWORD}@db.contoso.com/orders',
      `postgres://app:${generatePassword(143, 14)}@db.contoso.com/orders`,
      'mongodb://user:pass@db.example.com/main',
    ],
  }),
};

/**
 * `password <value>` as a whole line: the directive syntax of mail and transfer clients' rc files
 * (`.msmtprc`, `.esmtprc`, `.fetchmailrc` continuation lines), with an optionally quoted value.
 */
const PASSWORD_DIRECTIVE = /^[ \t]*(?:password|passwd)[ \t]+["']?(?<secret>[^\s"'#;]{1,128})["']?[ \t]*$/gm;

export const passwordDirective: PatternDetector = {
  kind: 'pattern',
  id: 'password-directive',
  title: 'Password in an rc-file directive (password <value>)',
  description:
    'A line `password <value>` (optionally quoted): the directive syntax of mail and transfer clients\' configuration files (`.msmtprc`, `.esmtprc`, `.fetchmailrc`). Weak values are left to `weak-password-directive` (`--confidence low`).',
  severity: 'high',
  confidence: 'medium',
  priority: 30,
  keywords: ['password', 'passwd'],
  pattern: PASSWORD_DIRECTIVE,
  validate: (secret) => looksLikeSecretValue(secret, 'password', 'password', 'config'),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`account default\nhost smtp.contoso.com\nuser mailer\npassword ${generatePassword(144, 16)}\n`, `password "${generatePassword(145, 14)}"`],
    negative: ['password ${SMTP_PASSWORD}', 'password "<your password>"', 'The password is required', `password: ${generatePassword(146, 14)} # a key/value pair, not a directive`],
  }),
};

export const weakPasswordDirective: PatternDetector = {
  ...passwordDirective,
  id: 'weak-password-directive',
  title: 'Weak password in an rc-file directive (password <value>)',
  description:
    'A weak or dictionary password on a `password <value>` line of a mail or transfer client\'s rc file, that `password-directive` turns down. Reported only with `--confidence low`.',
  severity: 'medium',
  confidence: 'low',
  priority: 6,
  screensWeakValues: true,
  validate: (secret) => !looksLikeSecretValue(secret, 'password', 'password', 'config') && isWeakPasswordCandidate(secret),
  examples: () => ({
    positive: [`username "mailer@contoso.com"\npassword "${['pass', 'word'].join('')}"\nstarttls required\n`, `password ${['let', 'me', 'in'].join('')}`],
    negative: ['password ${SMTP_PASSWORD}', 'password "<your password>"', 'password required', `password "${generatePassword(147, 16)}"`],
  }),
};
