/**
 * Credentials embedded in URLs: `scheme://user:password@host`. Not reported: an empty password
 * (`user:@`), references (`${PASS}`, `$(PASS)`, `%PASS%`), masked values (`****`), the literal word
 * `password` and similar placeholders, and port-like digits.
 */
import { generatePassword } from '../examples/generate.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { PatternDetector } from '../types.js';

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
  validate: (secret) => {
    const decoded = secret.replace(/%[0-9A-Fa-f]{2}/g, 'x');
    if (secret.length < 3 || /^\d{1,5}$/.test(secret)) return false;
    if (isPlaceholderValue(secret) || /^(?:pass(?:word)?|passwd|pwd|secret|token|user|username|admin|root|guest|anonymous|test)$/i.test(decoded)) return false;
    return !/[${}]/.test(secret);
  },
  remediation: 'url-credentials',
  examples: () => {
    const pw = generatePassword(141, 14);
    return {
      positive: [`DATABASE_URL=postgres://app:${pw}@db.contoso.com:5432/orders`, `redis://:${pw}@cache.contoso.com:6380`],
      negative: [
        'postgres://app:@db.contoso.com/orders',
        'postgres://app:${DB_PASSWORD}@db.contoso.com/orders',
        'postgres://user:password@localhost/orders',
        'amqp://guest:****@localhost',
        'https://contoso.com:8443/path',
        'ssh://git@github.com:22/contoso/app.git',
      ],
    };
  },
};
