/**
 * Azure DevOps legacy PAT checksum (design.md §3.3), as read from Microsoft's code: 52 chars of
 * base32 -> 32 bytes; token = bytes 0..1, 3..6, 9..21, 23..31; checksum = bytes 22, 8, 7, 2 as a
 * little-endian uint32; valid if CRC32(token) XOR one of two constants equals it. No real sample was
 * available to confirm this: the tests use vectors built from this same algorithm.
 */
import { crc32 } from './crc32.js';
import { decodeBase32 } from '../encoding.js';

export const DEVOPS_PAT_XORS: readonly number[] = [0xe0b9692d, 0x1019f92e];

/** Byte indexes (in the decoded 32 bytes) that hold the token, in order. */
export const DEVOPS_PAT_TOKEN_INDEXES: readonly number[] = [
  0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31,
];
/** Byte indexes of the checksum, least significant first. */
export const DEVOPS_PAT_CHECKSUM_INDEXES: readonly number[] = [22, 8, 7, 2];

/** Is `pat` (52 chars of `[a-z2-7]`, any case) a legacy DevOps PAT with a valid checksum? */
export function isValidDevOpsPat(pat: string): boolean {
  if (pat.length !== 52) return false;
  const bytes = decodeBase32(pat);
  if (!bytes || bytes.length !== 32) return false;
  const token = Uint8Array.from(DEVOPS_PAT_TOKEN_INDEXES, (i) => bytes[i] ?? 0);
  const [a, b, c, d] = DEVOPS_PAT_CHECKSUM_INDEXES.map((i) => bytes[i] ?? 0) as [number, number, number, number];
  const stored = (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
  const crc = crc32(token);
  return DEVOPS_PAT_XORS.some((x) => ((crc ^ x) >>> 0) === stored);
}
