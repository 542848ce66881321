/**
 * Credentials embedded in URLs: `scheme://user:password@host`. Not reported: an empty password
 * (`user:@`), references (`${PASS}`, `$(PASS)`, `%PASS%`), masked values (`****`), the literal word
 * `password` and similar placeholders, and port-like digits.
 */
import { generatePassword } from '../examples/generate.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { PatternDetector } from '../types.js';

/** Words that stand for a credential in a sample URL, not one. */
const SAMPLE_WORD = /^(?:pass(?:word)?|passwd|pwd|secret|token|user|username|admin|root|guest|anonymous|test)$/i;

export const urlCredentials: PatternDetector = {
  kind: 'pattern',
  id: 'url-credentials',
  title: 'Password in a URL',
  description: 'A password in the user-info part of a URL (`scheme://user:password@host`): databases, message brokers, git remotes, proxies.',
  severity: 'high',
  confidence: 'medium',
  priority: 40,
  keywords: ['://'],
  pattern:
    /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/"'<>`]{0,64}:(?<secret>[^\s:/@"'<>`;]{1,128})@[A-Za-z0-9[\]_.-]/g,
  // User-info is percent-encoded by the URL syntax (RFC 3986): `p%40ss` is the password `p@ss`, and
  // the engine hands `validate` that decoded password (the written form is the match's group).
  percentEncoded: true,
  validate: (secret, match) => {
    if (secret.length < 3 || /^\d{1,5}$/.test(secret)) return false;
    // The words, also as written with look-alike characters (`p@ss`, `p@ssw0rd`, `s3cr3t`): samples.
    const unLeet = secret.replace(/@/g, 'a').replace(/0/g, 'o').replace(/\$/g, 's').replace(/[1!]/g, 'i').replace(/3/g, 'e');
    if (isPlaceholderValue(secret) || SAMPLE_WORD.test(secret) || SAMPLE_WORD.test(unLeet)) return false;
    // References are recognised as written: `%24` decodes to a `$` that is part of the password.
    return !/[${}]/.test(match.groups?.['secret'] ?? secret);
  },
  remediation: 'url-credentials',
  examples: () => {
    const pw = generatePassword(141, 14);
    return {
      positive: [
        `DATABASE_URL=postgres://app:${pw}@db.contoso.com:5432/orders`,
        `redis://:${pw}@cache.contoso.com:6380`,
        `amqp://svc:${encodeURIComponent(`${pw}@#`)}@mq.contoso.com/vhost`,
      ],
      negative: [
        'postgres://app:@db.contoso.com/orders',
        'postgres://app:${DB_PASSWORD}@db.contoso.com/orders',
        'postgres://user:password@localhost/orders',
        'amqp://guest:****@localhost',
        'postgres://app:p%61ssword@db.contoso.com/orders',
        'postgres://app:p%40ss@db.contoso.com/orders',
        'postgres://app:p@ssw0rd@db.contoso.com/orders',
        'https://contoso.com:8443/path',
        'ssh://git@github.com:22/contoso/app.git',
      ],
    };
  },
};
