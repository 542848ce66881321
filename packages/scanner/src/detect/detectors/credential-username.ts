/**
 * The audit tier (`--confidence low`): the user name that goes with a password written beside it —
 * `DB_USERNAME=root` above `DB_PASSWORD=...`, `"user": "deploy"` next to `"pass": "..."`,
 * `<User>root</User>` before `<Pass>...</Pass>`, `username "mailer"` over an rc-file `password` line.
 * A password alone is half a credential; the account it opens is what an auditor rotates or disables,
 * so in a credential file the name is reported beside the password (as scanners that pair the two do).
 * Only a literal name within three lines (above or below, not on its line) of a password key holding a literal value is reported; a
 * user name on its own (`DB_USER=app` with `DB_PASSWORD=${DB_PASSWORD}`) is not a credential.
 * The scanner then keeps it only where the password itself is reported (`keepCompanions`): a name
 * beside `password: mypassword` in a README is no finding when that password is none.
 * Not reported by default: user names are not secrets.
 */
import { generatePassword } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';
import { isWeakPasswordCandidate } from './weak-passwords.js';

/**
 * A user-name key with a literal value: `key: value`, `key = value`, `key => value`, `'KEY', 'value'`
 * (PHP `define`, the comma only between quotes), `<User>value<` (XML element), or `username value` as a whole-line rc directive.
 * The key ends at `user`, `username`, `user_name` or `login` (`DB_USERNAME`, `sshUserName`,
 * `$dbuser`), never inside a longer word (`user_id`, `userAgent`, `login_url`).
 */
const USERNAME_LITERAL =
  /(?:(?:user(?:[_-]?name)?|login)(?![\w-])(?:["']?[ \t]*(?:=>|[:=>])[ \t]*["']?|["'][ \t]*,[ \t]*["'])|^[ \t]*(?:user(?:name)?|login)[ \t]+["']?)(?<secret>[\w.@+-]{2,64})(?=["'<,;)]|[ \t]*(?:[#\r]|$))/gim;

/**
 * A password key with a literal value on one line: the key ends at `pass`, `password`, `passwd`,
 * `passphrase` or `pwd`, optionally followed by a suffix (`DB_PASSWORD_PROD`), then the same
 * separators as above (no bare whitespace: prose says `password should be`) or an XML start tag with
 * attributes (`<Pass encoding="base64">`).
 */
const PASSWORD_LITERAL =
  /(?:pass(?:word|wd|phrase)?|pwd)(?![a-z])[\w-]{0,20}(?:["']?(?:[ \t]*(?:=>|[:=])[ \t]*|(?:[ \t][^>\n]{0,80})?>)["']?|["'][ \t]*,[ \t]*["'])(?<value>[^\s"'<>,;]{1,128})/i;
/** The rc-file directive `password <value>` (`.esmtprc`, `.netrc` continuation lines): only as a whole line. */
const PASSWORD_DIRECTIVE_LINE = /^[ \t]*(?:password|passwd|pass)[ \t]+["']?(?<value>[^\s"'<>,;]{1,128})["']?[ \t]*$/i;
/** A value written as code, not a literal: `process.env.DB_PASS`, `getPassword()`, `config.password`. */
const CODE_VALUE = /[()]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
/** Lines on each side of the user name where its password may stand. */
const NEARBY_LINES = 3;

/** Does `line` assign a literal password (strong or weak, not a reference or stand-in)? */
function holdsLiteralPassword(line: string): boolean {
  const head = line.length > 400 ? line.slice(0, 400) : line;
  const value = (PASSWORD_LITERAL.exec(head) ?? PASSWORD_DIRECTIVE_LINE.exec(head))?.groups?.['value'];
  return value !== undefined && isWeakPasswordCandidate(value) && !CODE_VALUE.test(value);
}

/**
 * A password with a literal value within `NEARBY_LINES` lines of the match, on another line: a name
 * and a password on one line (`user=app;password=...`, a URL, a `.netrc` entry) are one credential
 * that the password's own finding already marks.
 */
function passwordNearby(match: RegExpExecArray): boolean {
  const text = match.input;
  const lines = text.split('\n');
  const lineIndex = text.slice(0, match.index).split('\n').length - 1;
  const first = Math.max(0, lineIndex - NEARBY_LINES);
  const last = Math.min(lines.length - 1, lineIndex + NEARBY_LINES);
  for (let i = first; i <= last; i++) if (i !== lineIndex && holdsLiteralPassword(lines[i]!)) return true;
  return false;
}

/** Names that describe a field instead of naming an account. */
const NOT_A_USER_NAME = /^(?:null|none|nil|undefined|true|false|empty|string|str|text|value|name|user|username|login|required|optional|default|anonymous|todo|tbd)$/i;

export const credentialUsername: PatternDetector = {
  kind: 'pattern',
  id: 'credential-username',
  title: 'User name written beside a password',
  description:
    'The literal user name (`DB_USERNAME=root`, `"user": "deploy"`, `<User>root</User>`) within three lines (above or below, not on its line) of a password key that holds a literal value: the account the leaked password opens. Reported only with `--confidence low` (config `minConfidence: "low"`), for auditing a repository.',
  severity: 'low',
  confidence: 'low',
  priority: 4,
  // Anchored on the password, the rarer half: the user-name pattern only runs around a password key.
  keywords: ['pass', 'pwd'],
  pattern: USERNAME_LITERAL,
  window: { before: 400, after: 400, multiline: true },
  // Kept only beside a password that is itself reported (scan-content runs `keepCompanions`).
  companionWithin: NEARBY_LINES,
  screensWeakValues: true,
  validate: (secret, match) => !NOT_A_USER_NAME.test(secret) && !/^[0-9.]+$/.test(secret) && passwordNearby(match),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      `DB_HOST=db.contoso.net\nDB_USERNAME=orders\nDB_PASSWORD=${generatePassword(150, 14)}\n`,
      `{\n  "host": "ftp.contoso.com",\n  "user": "deploy",\n  "pass": "${['hunter', '22'].join('')}"\n}\n`,
      `<Server>\n  <User>deploy</User>\n  <!-- Risk -->\n  <Pass>${generatePassword(151, 12)}</Pass>\n</Server>\n`,
      `smtp:\n  login: mailer@contoso.com\n  password: "${generatePassword(155, 14)}"\n`,
      `define( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '${generatePassword(152, 16)}' );\n`,
    ],
    negative: [
      'DB_USERNAME=orders\nDB_PASSWORD=${DB_PASSWORD}\n',
      'user: deploy\npassword: <password>\n',
      `"user_id": "deploy",\n"password": "${generatePassword(153, 14)}"`,
      'username = getUser()\npassword = process.env.DB_PASSWORD\n',
      `DB_USERNAME=orders\n\n\n\n\nDB_PASSWORD=${generatePassword(154, 14)}\n`,
      'const user = "deploy"; // the password is read from the vault',
      '# Informative: host, username, remotePath\n# Risk: password, passphrase',
      'login: deploy\nThe password should be rotated monthly.',
      `jdbc:sqlserver://db.contoso.net;user=app;password=${generatePassword(156, 14)}`,
      'username: ${DB_USER}\npassword: hunter2x\n',
    ],
  }),
};
