/**
 * Shared access signature tokens (design.md §3.3): `sig=` with 43–129 chars of (possibly %-encoded)
 * base64, on a line that also carries SAS fields (`sv=`, `se=`, `sp=`).
 */
import { generateBase64Key, generateSasUrl } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';

const SAS_FIELDS = /(?:^|[?&;"'\s=])s[vep]=[^&\s"']/;

export const sasToken: PatternDetector = {
  kind: 'pattern',
  id: 'azure-sas-token',
  title: 'Azure shared access signature (SAS) token',
  description: 'The signature of a SAS URL or token (`sig=` next to `sv=`/`se=`/`sp=`); anyone holding it has the granted access until it expires.',
  severity: 'high',
  confidence: 'high',
  priority: 70,
  keywords: ['sig='],
  // `=` only as padding at the end: with `=` inside the repeated class, `sig=sig=...` backtracks
  // polynomially (recheck flagged the first version).
  pattern: /(?<![A-Za-z0-9_])sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){42,127}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9+/=%])/g,
  validate: (secret, match) => {
    if (!SAS_FIELDS.test(match.input)) return false;
    const decoded = secret.replace(/%2B/gi, '+').replace(/%2F/gi, '/').replace(/%3D/gi, '=');
    return /^[A-Za-z0-9+/]{40,}={0,2}$/.test(decoded);
  },
  remediation: 'sas-token',
  examples: () => ({
    positive: [
      `const url = "${generateSasUrl(51)}";`,
      `BlobSas=sv=2021-08-06&se=2031-01-01&sr=c&sp=racwdl&sig=${generateBase64Key(32, 52)}`,
    ],
    negative: [
      // No SAS fields on the line.
      `signature: sig=${generateBase64Key(32, 53)}`,
      'https://contoso.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=<signature>',
      'https://contoso.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=%3D',
    ],
  }),
};
