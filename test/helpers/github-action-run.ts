/**
 * The GitHub Action (action.yml) run locally: its `run:` steps after the install step, with the
 * variables the runner sets, against a temporary repository (test/github-action.test.ts and the
 * README's workflow test).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KEYLESS_BIN, REPO_ROOT, tempDir, type SandboxRepo } from './sandbox-repo.js';

export interface ActionStep {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const action = (): ActionYaml => parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYaml;


export interface ActionRun {
  /** Exit code of the whole action: its last step's. */
  readonly status: number | null;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly sarif: string;
}

/**
 * Runs the action's `run:` steps after the install step, as the runner does: bash -e, step `env:`
 * with `${{ inputs.X }}` from `inputs` or the input's default and `${{ steps.scan.outputs.X }}` from
 * GITHUB_OUTPUT, KEYLESS_BIN as the install step exports it (this checkout's build). `uses:` steps
 * (the SARIF upload) are not run.
 */
export function runAction(repo: SandboxRepo, event: string, payload: unknown, inputs: Record<string, string> = {}): ActionRun {
  const spec = action();
  const temp = tempDir('runner');
  const files = {
    event: join(temp, 'event.json'),
    summary: join(temp, 'step-summary.md'),
    output: join(temp, 'output'),
  };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const outputs = (): Record<string, string> =>
    Object.fromEntries(
      readFileSync(files.output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  const expression = (expr: string): string => {
    const input = /^inputs\.([a-z-]+)$/.exec(expr);
    if (input?.[1]) return inputs[input[1]] ?? spec.inputs[input[1]]?.default ?? '';
    const output = /^steps\.scan\.outputs\.([a-z-]+)$/.exec(expr);
    if (output?.[1]) return outputs()[output[1]] ?? '';
    throw new Error(`no value for the expression ${expr}`);
  };
  let last: { status: number | null; stdout: string; stderr: string } = { status: null, stdout: '', stderr: '' };
  let stdout = '';
  let stderr = '';
  const [install, ...steps] = spec.runs.steps;
  assert.match(install?.run ?? '', /action\/install\.sh/);
  for (const step of steps) {
    if (step.run === undefined) continue;
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) {
      stepEnv[k] = v.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => expression(e));
    }
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: {
        ...repo.env,
        ...stepEnv,
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_OUTPUT: files.output,
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_ACTION_PATH: REPO_ROOT,
        GITHUB_REPOSITORY: 'contoso/app',
        ...(event === 'pull_request' ? { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature' } : {}),
        RUNNER_TEMP: temp,
        KEYLESS_BIN,
      },
      timeout: 120_000,
    });
    last = { status: r.status, stdout: r.stdout, stderr: r.stderr };
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.status !== 0) break;
  }
  const sarifPath = join(repo.dir, inputs['sarif-file'] ?? 'keyless.sarif');
  return {
    status: last.status,
    outputs: outputs(),
    summary: readFileSync(files.summary, 'utf8'),
    stdout,
    stderr,
    sarif: existsSync(sarifPath) ? readFileSync(sarifPath, 'utf8') : '',
  };
}

