/**
 * PEM private keys (`-----BEGIN ... PRIVATE KEY-----` ... `-----END ... PRIVATE KEY-----`), also
 * inside JSON strings with `\n` escapes. The reported secret is the body. Public keys and
 * certificates are not secrets; bodies with `...` or too little base64 are placeholders.
 */
import { generatePem } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';

export const privateKey: PatternDetector = {
  kind: 'pattern',
  id: 'private-key',
  title: 'Private key (PEM)',
  description: 'A PEM-encoded private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8, PGP).',
  severity: 'critical',
  confidence: 'high',
  priority: 90,
  keywords: ['PRIVATE KEY-----', 'PRIVATE KEY BLOCK-----'],
  // The body cannot contain `-----`, so it stops at the END line; bounded to 16 KiB.
  pattern:
    /-----BEGIN[A-Z0-9 ]{0,30} PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|\s){0,8}(?<secret>[A-Za-z0-9+/=](?:[A-Za-z0-9+/=\s:,.\\]|-(?!----)){62,16384}[A-Za-z0-9+/=])(?:\\[rn]|\s){0,8}-----END[A-Z0-9 ]{0,30} PRIVATE KEY(?: BLOCK)?-----/g,
  window: { before: 48, after: 17000, multiline: true },
  validate: (secret) => !secret.includes('...') && (secret.match(/[A-Za-z0-9+/]/g)?.length ?? 0) >= 64,
  remediation: 'private-key',
  examples: () => {
    const pem = generatePem(131);
    return {
      positive: [pem, `{"private_key": ${JSON.stringify(generatePem(132, 'PRIVATE KEY', 256))}}`, generatePem(133, 'OPENSSH PRIVATE KEY')],
      negative: [
        generatePem(134, 'PUBLIC KEY'),
        generatePem(135, 'CERTIFICATE'),
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      ],
    };
  },
};
