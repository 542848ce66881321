/**
 * JWT-looking bearer values (three base64url parts, a header that decodes to JSON with `alg`) in a
 * config or assignment context (a token/bearer/auth/secret/key-named field on the same line).
 */
import { decodeBase64 } from '../encoding.js';
import { generateJwt } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';

const CONTEXT = /token|bearer|jwt|auth|secret|key|password|credential|cookie|session/i;

function headerHasAlg(segment: string): boolean {
  const bytes = decodeBase64(segment);
  if (!bytes) return false;
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  try {
    const header: unknown = JSON.parse(text);
    const alg = typeof header === 'object' && header !== null ? (header as Record<string, unknown>)['alg'] : undefined;
    return typeof alg === 'string' && alg.toLowerCase() !== 'none';
  } catch {
    return false;
  }
}

export const jwtToken: PatternDetector = {
  kind: 'pattern',
  id: 'jwt-token',
  title: 'JSON Web Token',
  description: 'A signed JWT (header with a non-`none` `alg`) assigned to a token/bearer/auth-like field; often a long-lived bearer credential.',
  severity: 'medium',
  confidence: 'medium',
  priority: 50,
  keywords: ['eyJ'],
  // The greedy last part needs no end boundary (it stops at the first non-base64url char); without a
  // trailing lookahead, recheck proves the pattern linear.
  pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{16,1024})/g,
  validate: (secret, match) => headerHasAlg(secret.slice(0, secret.indexOf('.'))) && CONTEXT.test(match.input.replace(secret, ' ')),
  remediation: 'generic-secret',
  examples: () => {
    const jwt = generateJwt(151);
    const brokenHeader = `${jwt.slice(0, jwt.indexOf('.'))}x.${jwt.split('.')[1]}.${jwt.split('.')[2]}`;
    return {
      positive: [`Authorization: Bearer ${jwt}`, `"accessToken": "${generateJwt(152)}"`],
      negative: [`const data = "${jwt}";`, `"accessToken": "${brokenHeader}"`, '"accessToken": "eyJhbGciOi.eyJzdWIi.sig"'],
    };
  },
};
