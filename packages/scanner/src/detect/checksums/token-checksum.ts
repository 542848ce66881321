/**
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens: 30 random base62 chars then
 * the 6-char base62 CRC32 of those 30 chars (digits, upper, lower; left-padded with `0`).
 */
import { crc32Latin1 } from './crc32.js';
import { BASE62_ALPHABET, encodeNumber } from '../encoding.js';

/** The 6-char checksum of a token's 30 random characters. */
export function base62Crc32(random: string): string {
  return encodeNumber(crc32Latin1(random), BASE62_ALPHABET, 6);
}

/** Does `token` (`<prefix>_` + 36 chars) end in the checksum of its 30 random characters? */
export function hasValidBase62Checksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62Crc32(body.slice(0, 30)) === body.slice(30);
}
