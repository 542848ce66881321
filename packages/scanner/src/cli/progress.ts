/**
 * A one-line progress display on stderr for long scans ("history: 1200/30580 commits, 850/s").
 * Silent unless enabled and the stream is a TTY; redraws at most ~8 times a second.
 */
import { NO_PROGRESS, type ScanProgress } from '../pipeline/scan-types.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** The scan's progress listener, drawn as one line (`finish` clears it). */
export type Progress = ScanProgress;
const REDRAW_MS = 125;

export interface ProgressOptions {
  readonly enabled: boolean;
  readonly stream?: ProgressStream;
  /** Clock, for tests. */
  readonly now?: () => number;
}

export function formatProgress(label: string, done: number, total: number, unit: string, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const count = total > 0 ? `${done}/${total}` : `${done}`;
  return `${label}: ${count} ${unit}, ${rate}/s`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!options.enabled || stream.isTTY !== true) return NO_PROGRESS;
  const now = options.now ?? Date.now;
  let label = '';
  let unit = '';
  let total = 0;
  let started = now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number) => {
    stream.write(`\r\x1b[2K${formatProgress(label, done, total, unit, now() - started)}`);
    drawn = true;
  };
  return {
    phase(l, t, u) {
      label = l;
      total = t;
      unit = u;
      started = now();
      lastDraw = 0;
    },
    update(done) {
      const t = now();
      if (t - lastDraw < REDRAW_MS && done !== total) return;
      lastDraw = t;
      draw(done);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
