/**
 * `.github/workflows/release.yml`, read and run locally: its steps by name, and its "Pack" step run
 * with bash the way the runner does, so the tarballs a release would publish can be installed by tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './sandbox-repo.js';

export interface WorkflowStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

export interface ReleaseWorkflow {
  readonly on: { push?: { tags?: string[] } };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { 'runs-on': string; steps: WorkflowStep[] }>;
}

export function readReleaseWorkflow(): ReleaseWorkflow {
  return parseYaml(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as ReleaseWorkflow;
}

/** The step called `name` of the release job; throws when there is none. */
export function releaseStep(workflow: ReleaseWorkflow, name: string): WorkflowStep {
  const step = Object.values(workflow.jobs)[0]?.steps.find((s) => s.name === name);
  if (step === undefined) throw new Error(`release.yml has no step named '${name}'`);
  return step;
}

export interface StepRun {
  readonly status: number | null;
  readonly output: string;
}

/** Runs a workflow step's `run:` script as the runner does (bash -eo pipefail) from the repo root. */
export function runReleaseStep(step: WorkflowStep, env: NodeJS.ProcessEnv, timeoutMs: number): StepRun {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? 'false'], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export interface Tarballs {
  readonly scanner: string;
  readonly eslintPlugin: string;
}

/** Runs the release's "Pack" step with RUNNER_TEMP=`runnerTemp`; returns the two tarballs it made. */
export function packWithReleaseWorkflow(runnerTemp: string, timeoutMs = 300_000): Tarballs {
  const r = runReleaseStep(releaseStep(readReleaseWorkflow(), 'Pack'), { ...process.env, RUNNER_TEMP: runnerTemp }, timeoutMs);
  if (r.status !== 0) throw new Error(`the release workflow's Pack step failed (exit ${r.status}):\n${r.output}`);
  const dir = join(runnerTemp, 'packages');
  const find = (prefix: string) => {
    const names = readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.tgz'));
    if (names.length !== 1) throw new Error(`expected one ${prefix}*.tgz in ${dir}, found ${names.join(', ') || 'none'}`);
    return join(dir, names[0] as string);
  };
  return { scanner: find('keyless-scanner-'), eslintPlugin: find('keyless-eslint-plugin-') };
}
