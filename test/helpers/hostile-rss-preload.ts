/**
 * Preloaded (`node --import`) into CLI processes spawned by the hostile-input tests: on exit, the
 * main thread writes the process's peak resident set size (KiB, worker threads included) to the
 * file named by KEYLESS_TEST_RSS_FILE. Does nothing when that variable is unset.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env['KEYLESS_TEST_RSS_FILE'];
if (target && isMainThread) {
  process.on('exit', () => {
    try {
      writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // The measurement is best effort; the test reports a missing figure itself.
    }
  });
}
