/**
 * Entra ID (Azure AD) application client secrets (design.md §3.2). `8Q~` secrets carry a checksum
 * and are reported on their own; older `7Q~` secrets have none and are reported only when the line
 * names a secret (`client_secret`, `ClientSecret`, `password`...), at a lower confidence.
 */
import { isValidEntraSecret } from '../checksums/entra-checksum.js';
import { mutateAt } from '../examples/example-helpers.js';
import { generateEntraClientSecret, generateEntraLegacySecret } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';

const CHARS = 'A-Za-z0-9_~.\\-';
/** The secret's characters, bounded; a trailing `.` may end a sentence, so it does not block the end. */
function shape(marker: '7Q~' | '8Q~'): RegExp {
  return new RegExp(`(?<![${CHARS}])(?<secret>[${CHARS}]{3}${marker}[${CHARS}]{31,34})(?![A-Za-z0-9_~\\-])`, 'g');
}

/** A line that talks about a secret: the context that makes a `7Q~` value a client secret. */
const SECRET_CONTEXT = /secret|passw(?:or)?d|\bpwd\b|credential|app_?key|client_?key|\bkey\b/i;

export const entraClientSecret: PatternDetector = {
  kind: 'pattern',
  id: 'azure-entra-client-secret',
  title: 'Entra ID client secret',
  description: 'An Entra ID (Azure AD) application client secret of the current `8Q~` format, validated by its Marvin32/base-66 checksum.',
  severity: 'critical',
  confidence: 'high',
  priority: 95,
  keywords: ['8Q~'],
  pattern: shape('8Q~'),
  window: { before: 4, after: 36 },
  validate: (secret) => isValidEntraSecret(secret),
  remediation: 'entra-client-secret',
  examples: () => {
    const s = generateEntraClientSecret(21);
    return {
      positive: [`"ClientSecret": "${s}"`, `const credential = new ClientSecretCredential(tenantId, clientId, '${s}');`, `x=${s}.`],
      negative: [`"ClientSecret": "${mutateAt(s, 10)}"`, `"ClientSecret": "${s.slice(0, -3)}"`, `id = "abc${s}"`],
    };
  },
};

export const entraLegacyClientSecret: PatternDetector = {
  kind: 'pattern',
  id: 'azure-entra-client-secret-legacy',
  title: 'Entra ID client secret (7Q~, unverified)',
  description: 'An older `7Q~` Entra ID client secret. It has no checksum, so it is reported only when the same line names a secret (client_secret, ClientSecret, password, key...).',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['7Q~'],
  pattern: shape('7Q~'),
  validate: (_secret, match) => SECRET_CONTEXT.test(match.input.replace(match[0], ' ')),
  remediation: 'entra-client-secret',
  examples: () => {
    const s = generateEntraLegacySecret(31);
    return {
      positive: [`AZURE_CLIENT_SECRET=${s}`, `"ClientSecret": "${s}"`],
      negative: [`value: "${s}"`, `"ClientSecret": "${s.slice(0, 20)}"`],
    };
  },
};

export const entraDetectors: readonly PatternDetector[] = [entraClientSecret, entraLegacyClientSecret];
