#!/usr/bin/env node
// What a dictionary attack on a committed fingerprint costs per guess.
//
// Alternates, N rounds (KEYLESS_BENCH_RUNS, default 5, after one warm-up round):
//   sha256    the older fingerprint form, sha256(rule, path, sha256(guess)): one round hashes many guesses
//   current   fingerprintOf(rule, guess): scrypt with the fixed parameters (SLOWHASH_PARAMS) + sha256
// Each guess is a new string (the memo never hits). Prints ms per guess (median round) and the ratio
// current / sha256, in CPU time of this (single) thread and in wall time (which a loaded machine
// inflates). Figures are printed, never asserted.
import { createHash } from 'node:crypto';

const dist = new URL('../packages/scanner/dist/src/', import.meta.url).href;
const { fingerprintOf, legacyFingerprintOf, SLOWHASH_PARAMS } = await import(`${dist}fingerprint.js`);
const ROUNDS = Number(process.env.KEYLESS_BENCH_RUNS ?? 5);
const SLOW_GUESSES = 40;
const FAST_GUESSES = 200_000;

let n = 0;
const guess = () => `Summer${n++}!`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** [cpu ms, wall ms] per guess. */
function timePerGuess(count, fn) {
  const t = performance.now();
  const c = process.cpuUsage();
  let sink = '';
  for (let i = 0; i < count; i++) sink = fn(guess());
  const cpu = process.cpuUsage(c);
  const wall = (performance.now() - t) / count;
  createHash('sha256').update(sink).digest(); // keep the result alive
  return [(cpu.user + cpu.system) / 1000 / count, wall];
}

const fast = { cpu: [], wall: [] };
const slow = { cpu: [], wall: [] };
for (let round = 0; round <= ROUNDS; round++) {
  const f = timePerGuess(FAST_GUESSES, (g) => legacyFingerprintOf('sql-connection-string-password', 'appsettings.json', g));
  const s = timePerGuess(SLOW_GUESSES, (g) => fingerprintOf('sql-connection-string-password', g));
  if (round === 0) continue; // warm-up
  fast.cpu.push(f[0]);
  fast.wall.push(f[1]);
  slow.cpu.push(s[0]);
  slow.wall.push(s[1]);
}
const [fc, fw, sc, sw] = [fast.cpu, fast.wall, slow.cpu, slow.wall].map(median);
console.log(`slow hash: scrypt N=${SLOWHASH_PARAMS.N} r=${SLOWHASH_PARAMS.r} p=${SLOWHASH_PARAMS.p} (${(128 * SLOWHASH_PARAMS.N * SLOWHASH_PARAMS.r) / 2 ** 20} MiB per guess)`);
console.log(`sha256 form (older): ${(fc * 1000).toFixed(2)} µs CPU, ${(fw * 1000).toFixed(2)} µs wall per guess (median of ${ROUNDS} rounds of ${FAST_GUESSES})`);
console.log(`current form:        ${sc.toFixed(2)} ms CPU, ${sw.toFixed(2)} ms wall per guess (median of ${ROUNDS} rounds of ${SLOW_GUESSES})`);
console.log(`ratio current / sha256: ${Math.round(sc / fc)}x CPU, ${Math.round(sw / fw)}x wall`);
console.log(`a 10^7-word dictionary against one fingerprint: ${((sc * 1e7) / 3.6e6).toFixed(1)} core-hours (older form: ${((fc * 1e7) / 1e3).toFixed(1)} core-seconds)`);
