/**
 * A cheap second guard for code frames: does a token of a line look like a secret (random mixed
 * case with digits, or long hex)? Used only on the few hundred characters a frame shows, to mask
 * secrets that no reported finding names (a baselined, allowlisted or ignored one, or one that no
 * detector knows). Words and identifiers (`ManagedIdentityCredential`, `getUser2FaToken`) are not.
 */
import { isIdentifierWords, shannonEntropy } from '../detect/secret-values.js';

/**
 * Characters of a secret-like token: base64, base64url, Entra secrets, percent-encoding; a run may
 * end in `=` padding (`=` inside a run separates `Key=value`).
 */
export const TOKEN_CHAR = /[A-Za-z0-9+/_~.%-]/;

const MIN_LENGTH = 16;
const MIN_HEX_LENGTH = 32;

export function looksLikeSecretToken(token: string): boolean {
  if (token.length < MIN_LENGTH) return false;
  const lower = /[a-z]/.test(token);
  const upper = /[A-Z]/.test(token);
  const digit = /[0-9]/.test(token);
  if (lower && upper && digit) return shannonEntropy(token) >= 3.5 && !isIdentifierWords(token);
  return token.length >= MIN_HEX_LENGTH && digit && /^[0-9a-fA-F]+$/.test(token) && /[a-fA-F]/.test(token);
}
