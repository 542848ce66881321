#!/usr/bin/env node
/**
 * The keyless GitHub Action's scan step (action.yml runs it; test/github-action.test.ts runs it
 * locally with the variables the runner sets). It scans what the event calls for (scan-target.mjs)
 * with the keyless at KEYLESS_BIN, the one the action built from its own checkout, and:
 * writes the SARIF report (INPUT_SARIF_FILE) for code scanning, prints `--format github` annotations,
 * appends a Markdown table of the findings to GITHUB_STEP_SUMMARY, sets the outputs `version`,
 * `findings`, `failing` and `sarif-file`, and exits 1 when a finding is at or above INPUT_FAIL_ON
 * (default low: any finding), 0 otherwise, 2 on an error (one line on stderr).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { failingCount, jobSummary } from './job-summary.mjs';
import { scanTarget } from './scan-target.mjs';

class ActionError extends Error {}

const env = process.env;
const input = (name, fallback = '') => {
  const v = env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return v === undefined || v === '' ? fallback : v;
};

function keyless(args, stdio) {
  const bin = env.KEYLESS_BIN;
  if (!bin) throw new ActionError('KEYLESS_BIN is not set (the action\'s install step sets it)');
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new ActionError(`cannot run keyless: ${r.error.message}`);
  return r;
}

/** Runs a scan; findings (exit 1) are fine, anything else is an error. */
function scan(args, stdio = ['ignore', 'pipe', 'pipe']) {
  const r = keyless(args, stdio);
  if (r.status !== 0 && r.status !== 1) {
    throw new ActionError((r.stderr ?? '').trim().split('\n')[0] || `keyless exited with ${r.status}`);
  }
  return r.status;
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function main() {
  const root = resolve(input('path', '.'));
  const failOn = input('fail-on', 'low');
  failingCount([], failOn); // validates the input before scanning
  const sarifFile = resolve(input('sarif-file', 'keyless.sarif'));
  const common = ['scan', root];
  if (input('baseline')) common.push('--baseline', resolve(input('baseline')));
  if (input('config')) common.push('--config', resolve(input('config')));

  const version = (keyless(['--version'], ['ignore', 'pipe', 'pipe']).stdout ?? '').trim();
  process.stdout.write(`keyless ${version}\n`);
  setOutput('version', version);
  const hasCommit = (sha) =>
    spawnSync('git', ['-C', root, 'cat-file', '-e', `${sha}^{commit}`], { stdio: 'ignore' }).status === 0;
  const target = scanTarget(env, hasCommit);
  process.stdout.write(`keyless: scanning ${target.label}\n`);

  scan([...common, ...target.args, '--format', 'sarif', '--output', sarifFile, '--quiet']);
  setOutput('sarif-file', sarifFile);
  const work = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'keyless-action-'));
  let report;
  try {
    const jsonFile = join(work, 'findings.json');
    scan([...common, ...target.args, '--format', 'json', '--output', jsonFile, '--quiet']);
    report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Annotations on stdout for the runner; keyless's own summary on stderr for the log.
  scan([...common, ...target.args, '--format', 'github'], ['ignore', 'inherit', 'inherit']);

  const failing = failingCount(report.findings, failOn);
  setOutput('findings', String(report.findings.length));
  setOutput('failing', String(failing));
  if (env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(report, { label: target.label, version, failOn, failing }));
  }
  if (failing > 0) {
    process.stderr.write(`keyless: ${failing} new ${failing === 1 ? 'finding' : 'findings'} at or above ${failOn}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`keyless action: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
