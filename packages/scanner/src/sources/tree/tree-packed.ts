/**
 * Worker replies of the tree scan carry each distinct line text once. Findings on one line share
 * one `lineText` string in the worker, but a structured clone copies a string once per reference:
 * 10k findings on a 2 MiB minified line would be 20 GB to copy. A packed result names the line by
 * its index in `lines`; unpacking restores one shared string per line in the main thread.
 */
import type { Finding } from '../../finding/finding.js';
import type { FileResult } from './tree-file.js';

type PackedFinding = Omit<Finding, 'lineText'> & { readonly lineRef: number };

export type PackedFileResult =
  | { readonly kind: 'scanned'; readonly bytes: number; readonly findings: PackedFinding[]; readonly warning?: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly warning?: string };

export interface PackedResults {
  readonly results: PackedFileResult[];
  readonly lines: string[];
}

export function packResults(results: readonly FileResult[]): PackedResults {
  const lines: string[] = [];
  const refs = new Map<string, number>();
  const packed = results.map((r): PackedFileResult => {
    if (r.kind !== 'scanned') return r;
    const findings = r.findings.map(({ lineText, ...rest }): PackedFinding => {
      let lineRef = refs.get(lineText);
      if (lineRef === undefined) {
        lineRef = lines.push(lineText) - 1;
        refs.set(lineText, lineRef);
      }
      return { ...rest, lineRef };
    });
    return { ...r, findings };
  });
  return { results: packed, lines };
}

export function unpackResults(packed: PackedResults): FileResult[] {
  return packed.results.map((r): FileResult => {
    if (r.kind !== 'scanned') return r;
    const findings = r.findings.map(({ lineRef, ...rest }): Finding => ({ ...rest, lineText: packed.lines[lineRef] ?? '' }));
    return { ...r, findings };
  });
}
