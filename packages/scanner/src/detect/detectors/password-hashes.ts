/**
 * `password-hash`: crypt(3) and PHC password hashes (bcrypt `$2y$`, sha512-crypt `$6$`,
 * sha256-crypt `$5$`, md5-crypt `$1$`, Apache `$apr1$`, `$argon2id$`) as found in `/etc/shadow`,
 * `.htpasswd`, ftpd password files and SQL dumps. A hash is not the password, but it can be
 * cracked offline (weak passwords in minutes), so it is reported at a lower severity.
 */
import { mutateAt } from '../examples/example-helpers.js';
import { generatePasswordHash } from '../examples/generate-credentials.js';
import type { PatternDetector } from '../types.js';

/** The digest part must be random-looking: a run of one character is a made-up example. */
function looksRandom(secret: string): boolean {
  const digest = secret.slice(secret.lastIndexOf('$') + 1);
  return !/(.)\1{7}/.test(digest) && new Set(digest).size >= 12;
}

export const passwordHash: PatternDetector = {
  kind: 'pattern',
  id: 'password-hash',
  title: 'Password hash (crypt / bcrypt / argon2)',
  description:
    'A salted password hash in crypt(3) or PHC format: bcrypt (`$2a$`/`$2b$`/`$2y$`), sha512-crypt (`$6$`), sha256-crypt (`$5$`), md5-crypt (`$1$`), Apache md5 (`$apr1$`) or argon2 (`$argon2id$`). It is crackable offline, so the password it protects must be treated as exposed.',
  severity: 'medium',
  confidence: 'high',
  priority: 60,
  keywords: ['$2a$', '$2b$', '$2y$', '$6$', '$5$', '$1$', '$apr1$', '$argon2'],
  pattern:
    /(?<![\w$./])(?<secret>\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}|\$6\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}|\$5\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43}|\$(?:1|apr1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{8,64}\$[A-Za-z0-9+/]{16,128})(?![./A-Za-z0-9+])/g,
  validate: (secret) => looksRandom(secret),
  remediation: 'generic-secret',
  examples: () => {
    const bcrypt = generatePasswordHash('bcrypt', 1);
    return {
      positive: [
        `INSERT INTO users (name, password) VALUES ('alice', '${bcrypt}');`,
        `ubuntu:${generatePasswordHash('sha512-crypt', 2)}:19000:0:99999:7:::`,
        `admin:${generatePasswordHash('apr1', 3)}`,
        `ftp:${generatePasswordHash('md5-crypt', 4)}:1001:1001::/home/ftp:/bin/sh`,
        `hash = "${generatePasswordHash('argon2id', 5)}"`,
        `svc:${generatePasswordHash('sha256-crypt', 6)}:0:0`,
      ],
      negative: [
        'daemon:*:17431:0:99999:7:::',
        `hash = "$2y$12$${'a'.repeat(53)}"`,
        `short = "${bcrypt.slice(0, 40)}"`,
        `longer = "${bcrypt}${mutateAt('ab', 0)}"`,
        'echo $1$2 $6$HOME',
      ],
    };
  },
};
