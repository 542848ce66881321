/**
 * Jupyter notebooks: the code in each cell's `source` is read like source code (assignments found in
 * the decoded JSON strings, positions mapped back to the file), and a cell with a PEM block is also
 * one joined, transformed candidate; `outputs` and `attachments` (base64 images, long data dumps)
 * are skipped.
 */
import type { Node } from 'jsonc-parser';
import { decodeEscapes } from '../detect/escapes.js';
import { parseJsonTree, propertiesOf } from './json.js';
import { hasSuffix } from './paths.js';
import { finishRead } from './result.js';
import { assignmentCandidates } from './text.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

/** Assignments inside one JSON string node of cell source, at file offsets. */
function sourceCandidates(text: string, node: Node, out: Candidate[]): void {
  const rawStart = node.offset + 1;
  const decoded = decodeEscapes(text.slice(rawStart, node.offset + node.length - 1));
  for (const c of assignmentCandidates(decoded.value, 'code')) {
    const start = rawStart + (decoded.rawOffset[c.start] as number);
    const end = rawStart + (decoded.rawOffset[c.end] as number);
    const transformed = c.transformed === true || text.slice(start, end) !== c.value;
    out.push({ ...c, start, end, ...(transformed ? { transformed: true } : {}) });
  }
}

/** The one common secret written over several lines: a PEM block. */
const MULTI_LINE_SECRET_START = '-----BEGIN ';

/**
 * A cell's whole source as one transformed candidate, for cells holding a PEM block: split over
 * JSON source lines, the block only exists in the joined text. Pattern detectors run on it.
 */
function joinedSource(array: Node, lines: readonly Node[]): Candidate {
  return {
    key: 'source',
    value: lines.map((line) => String(line.value)).join(''),
    start: array.offset,
    end: array.offset + array.length,
    transformed: true,
  };
}

export function readNotebook(text: string): FormatReadResult {
  const root = parseJsonTree(text);
  const candidates: Candidate[] = [];
  const wholeSource: Candidate[] = [];
  const skips: [number, number][] = [];
  const cells = root?.type === 'object' ? propertiesOf(root).find(([k]) => k === 'cells')?.[1] : undefined;
  if (!cells || cells.type !== 'array') throw new Error('no "cells" array: not a Jupyter notebook');
  for (const cell of cells.children ?? []) {
    if (cell.type !== 'object') continue;
    for (const [name, value] of propertiesOf(cell)) {
      if (name === 'outputs' || name === 'attachments') skips.push([value.offset, value.offset + value.length]);
      else if (name === 'source' && value.type === 'string') sourceCandidates(text, value, candidates);
      else if (name === 'source' && value.type === 'array') {
        const lines = (value.children ?? []).filter((line) => line.type === 'string');
        for (const line of lines) sourceCandidates(text, line, candidates);
        if (lines.length > 1 && lines.some((line) => String(line.value).includes(MULTI_LINE_SECRET_START))) {
          wholeSource.push(joinedSource(value, lines));
        }
      }
    }
  }
  // After the assignments, so a match inside an assignment is keyed by the assignment.
  return finishRead(text, [...candidates, ...wholeSource], skips);
}

export const ipynbReader: FormatReader = {
  name: 'ipynb',
  matches: (path) => hasSuffix(path, ['.ipynb']),
  read: readNotebook,
};
