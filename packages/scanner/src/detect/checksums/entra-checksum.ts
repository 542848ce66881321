/**
 * Entra ID (Azure AD) client secret checksum (design.md §3.2): `8Q~` secrets end in the first 3
 * characters of base-66(Marvin32(secret without its last 3 chars, seed "AadPwd00")), 6 digits wide.
 */
import { latin1Bytes } from './crc32.js';
import { BASE66_ALPHABET, encodeNumber } from '../encoding.js';
import { marvin32Ascii } from './marvin32.js';

export const ENTRA_SECRET_SEED = 'AadPwd00';

/** The 6-character base-66 checksum string of a secret body (the secret without its checksum). */
export function entraChecksumString(body: string): string {
  return encodeNumber(marvin32Ascii(latin1Bytes(body), ENTRA_SECRET_SEED), BASE66_ALPHABET, 6);
}

/** Is `secret` an `8Q~` client secret whose last 3 characters are its checksum? */
export function isValidEntraSecret(secret: string): boolean {
  if (secret.length < 37 || secret.slice(3, 6) !== '8Q~') return false;
  const body = secret.slice(0, -3);
  return entraChecksumString(body).slice(0, 3) === secret.slice(-3);
}
