/** The stderr summary and colour decision. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wantsColor } from '../../src/cli/io.js';
import { summaryLines, unscannedCount, unscannedLine } from '../../src/cli/summary.js';

test('summary: warnings, listed skips (policy: with the setting; unscanned: as not scanned, with the error), counts per reason, findings and time', () => {
  const lines = summaryLines({
    outcome: {
      findings: [],
      warnings: ['a.yaml: could not be read as yaml (bad); scanned as plain text'],
      stats: {
        filesScanned: 12,
        bytesScanned: 3 * 1024 * 1024,
        skipped: [
          { path: 'big.bin', reason: 'over the size limit' },
          { path: 'img.png', reason: 'binary' },
          { path: 'logo.png', reason: 'binary' },
          { path: 'locked.env', reason: 'unreadable', detail: 'EACCES' },
          { path: 'a.env', reason: 'object missing (partial or broken clone)' },
          { path: 'lib', reason: 'symlink (not followed)' },
        ],
      },
    },
    reported: 2,
    baselined: 1,
    elapsedMs: 1234,
    maxFileSize: 2 * 1024 * 1024,
  });
  assert.deepEqual(lines, [
    'keyless: warning: a.yaml: could not be read as yaml (bad); scanned as plain text',
    'keyless: skipped (over the size limit of 2.0 MiB, maxFileSize): big.bin',
    'keyless: skipped (binary): img.png',
    'keyless: skipped (binary): logo.png',
    'keyless: not scanned (unreadable: EACCES): locked.env',
    'keyless: not scanned (object missing (partial or broken clone)): a.env',
    'keyless: scanned 12 files (3.0 MiB); skipped 6 (1 over the size limit, 2 binary, 1 unreadable, 1 object missing (partial or broken clone), 1 symlink (not followed)); 2 findings (1 in baseline) in 1.23 s',
  ]);
});

test('unscanned files: counted apart from policy skips; the closing line fails or, when allowed, warns', () => {
  const outcome = {
    findings: [],
    warnings: [],
    stats: {
      filesScanned: 1,
      bytesScanned: 1,
      skipped: [
        { path: 'img.png', reason: 'binary' },
        { path: 'big.txt', reason: 'over the size limit' },
        { path: 'locked.env', reason: 'unreadable', detail: 'EACCES' },
        { path: 'a.env', reason: 'object missing (partial or broken clone)' },
      ],
    },
  };
  assert.equal(unscannedCount(outcome), 2);
  assert.equal(unscannedCount({ ...outcome, stats: { ...outcome.stats, skipped: outcome.stats.skipped.slice(0, 2) } }), 0);
  assert.equal(unscannedLine(2, false), 'keyless: 2 files could not be scanned; the scan is incomplete, so it fails (exit 2; --allow-unscanned accepts it)');
  assert.equal(unscannedLine(1, true), 'keyless: warning: 1 file could not be scanned; the scan is incomplete (accepted with --allow-unscanned)');
});

test('history summary names commits; shallow clones are flagged', () => {
  const lines = summaryLines({
    outcome: { findings: [], warnings: [], stats: { filesScanned: 5, bytesScanned: 10, skipped: [], commitsScanned: 3, shallow: true } },
    reported: 1,
    elapsedMs: 10,
    maxFileSize: 1,
  });
  assert.equal(lines[0], 'keyless: scanned 3 commits, 5 files (10 B); 1 finding in 0.01 s');
  assert.match(lines[1]!, /shallow clone/);
});

test('colour: TTY by default, NO_COLOR wins, FORCE_COLOR forces', () => {
  assert.equal(wantsColor({ write: () => true, isTTY: true }, {}), true);
  assert.equal(wantsColor({ write: () => true, isTTY: false }, {}), false);
  assert.equal(wantsColor({ write: () => true, isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(wantsColor({ write: () => true, isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(wantsColor({ write: () => true, isTTY: true }, { FORCE_COLOR: '0' }), false);
});

test('summary: suppressions by cause and range notices, one line each', () => {
  const lines = summaryLines({
    outcome: { findings: [], warnings: [], stats: { filesScanned: 2, bytesScanned: 10, skipped: [], commitsScanned: 1 } },
    reported: 0,
    suppressed: { inlineIgnore: 1, allowlist: 0, baseline: 2, excludedPaths: 0, disabledRules: 1 },
    notices: [{ ruleId: 'keyless-gate-change', path: 'keyless.config.json', line: 1, message: 'keyless.config.json (a setting of the secret gate) is changed by the range: review the change' }],
    elapsedMs: 10,
    maxFileSize: 1,
  });
  assert.deepEqual(lines, [
    'keyless: notice (keyless-gate-change): keyless.config.json (a setting of the secret gate) is changed by the range: review the change',
    'keyless: scanned 1 commit, 2 files (10 B); 0 findings (suppressed: 1 inline ignore, 2 in baseline, 1 disabled rule), 1 notice in 0.01 s',
  ]);
});
