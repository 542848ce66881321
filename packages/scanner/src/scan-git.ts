/** Git scans: history, commit range, staged. Implemented in ./sources/git-*. */
import type { ScanOptions, ScanOutcome } from './scan-types.js';

export async function scanHistory(_options: ScanOptions): Promise<ScanOutcome> {
  throw new Error('history scanning is not implemented yet');
}

export async function scanRange(_options: ScanOptions, _range: string): Promise<ScanOutcome> {
  throw new Error('range scanning is not implemented yet');
}

export async function scanStaged(_options: ScanOptions): Promise<ScanOutcome> {
  throw new Error('staged scanning is not implemented yet');
}
