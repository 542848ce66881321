/**
 * The sharded CI workflows of docs/ci (GitHub Actions and Azure Pipelines) run locally: each shard
 * job in a clone of its own with its shell steps run by bash as separate processes at the same
 * time, then the merge job. The few actions and tasks they use are played by the file operations
 * they stand for (checkout: a clone; cache: a directory saved by key and restored by key or
 * prefix; artifacts: copied by name); the install step is replaced by `keyless` on PATH (this
 * checkout's CLI). An expression or macro the runner does not know fails the run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KEYLESS_BIN as BIN, REPO_ROOT as REPO } from './sandbox-repo.js';

export const readWorkflow = (file: string): Record<string, unknown> => parseYaml(readFileSync(join(REPO, 'docs', 'ci', file), 'utf8')) as Record<string, unknown>;

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly if?: string;
  // Azure
  readonly script?: string;
  readonly task?: string;
  readonly checkout?: string;
  readonly inputs?: Record<string, unknown>;
  readonly condition?: string;
}

/** State shared by the runs of one test: caches by key, and the environment of every step. */
export class LocalRunner {
  readonly base = mkdtempSync(join(tmpdir(), 'keyless-ci-'));
  private readonly caches = new Map<string, string>();
  private readonly binDir: string;
  private savedCaches = 0;
  /** Caches restored so far (by key or prefix). */
  restored = 0;

  constructor(
    readonly source: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.binDir = join(this.base, 'bin');
    mkdirSync(this.binDir);
    writeFileSync(join(this.binDir, 'keyless'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(this.binDir, 'keyless'), 0o755);
  }

  /** A new empty directory under the runner's base. */
  dir(name: string): string {
    return mkdtempSync(join(this.base, `${name}-`));
  }

  /**
   * The directory of a job, emptied: the same path on every run, as a hosted runner's workspace is
   * (a fresh machine, the same path), so a restored cache finds its repository again.
   */
  jobDir(name: string): string {
    const dir = join(this.base, 'jobs', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Runs a shell step with bash as the runners do (-e, and pipefail on GitHub); resolves with its exit code and stderr. */
  shell(script: string, cwd: string, env: Record<string, string>, options: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('bash', ['--noprofile', '--norc', ...options, '-c', script], {
        cwd,
        env: { ...this.env, ...env, PATH: `${this.binDir}:${this.env['PATH'] ?? ''}` },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  clone(into: string): void {
    execFileSync('git', ['clone', '-q', '--no-hardlinks', this.source, into], { env: this.env });
  }

  /** Restores the cache of `key` (or the newest whose key starts with a restore key) into `path`; true on an exact hit. */
  restoreCache(key: string, restoreKeys: readonly string[], path: string): boolean {
    const found = this.caches.get(key) ?? [...this.caches.entries()].reverse().find(([k]) => restoreKeys.some((r) => r !== '' && k.startsWith(r)))?.[1];
    if (found) {
      cpSync(found, path, { recursive: true });
      this.restored++;
    }
    return this.caches.has(key);
  }

  /** The files of each saved cache (relative paths), by key. */
  savedCacheFiles(): Map<string, string[]> {
    return new Map([...this.caches].map(([key, dir]) => [key, (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json')).sort()]));
  }

  saveCache(key: string, path: string): void {
    if (!existsSync(path)) return;
    const saved = join(this.base, `cache-${++this.savedCaches}`);
    cpSync(path, saved, { recursive: true });
    this.caches.set(key, saved);
  }
}

/** Replaces every `${{ name }}` from `values`; throws on any other. */
function expand(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`unknown expression \${{ ${name} }}`);
    return v;
  });
}

/** Replaces every `$(Name)` macro from `values`, repeatedly (variables may use macros); throws on any other. */
function macros(text: string, values: Readonly<Record<string, string>>): string {
  let out = text;
  for (let i = 0; i < 5 && /\$\([A-Za-z_.]+\)/.test(out); i++) {
    out = out.replace(/\$\(([A-Za-z_.]+)\)/g, (_, name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`unknown macro $(${name})`);
      return v;
    });
  }
  return out;
}

const stringMap = (m: Record<string, unknown> | undefined, f: (s: string) => string) =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, f(String(v))]));

/** A glob of artifact names or paths (`*` within a segment) as a RegExp. */
const globRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);

export interface CiRun {
  /** Exit codes of each shard job's shell steps. */
  readonly shardCodes: readonly number[];
  readonly mergeCode: number | null;
  readonly mergeStderr: string;
  /** The merged report the merge job uploaded. */
  readonly report: string;
}

function copyArtifact(artifacts: string, name: string, path: string): void {
  if (!existsSync(path)) throw new Error(`artifact ${name}: no file ${path}`);
  mkdirSync(join(artifacts, name), { recursive: true });
  cpSync(path, join(artifacts, name, basename(path)));
}

/** Runs docs/ci/github-actions-sharded.yml: the shard matrix, then the merge job. */
export async function runGithubWorkflow(runner: LocalRunner, workflow: Record<string, unknown>): Promise<CiRun> {
  const jobs = workflow['jobs'] as Record<string, { env?: Record<string, unknown>; steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
  const artifacts = runner.dir('artifacts');
  const sha = execFileSync('git', ['-C', runner.source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const runJob = async (name: string, job: (typeof jobs)[string], matrix: Record<string, string>) => {
    const workspace = join(runner.jobDir(name), 'work');
    const temp = join(runner.jobDir(`${name}-temp`), 'temp');
    mkdirSync(temp);
    const values = { ...matrix, 'runner.temp': temp, 'github.repository': 'local/repository', 'github.sha': sha, 'github.workspace': workspace };
    const x = (s: string) => expand(s, values);
    const env = { ...stringMap(workflow['env'] as Record<string, unknown>, x), ...stringMap(job.env, x), RUNNER_TEMP: temp, GITHUB_WORKSPACE: workspace, CI: 'true' };
    const codes: number[] = [];
    let stderr = '';
    let failed = false;
    const toSave: [string, string][] = [];
    for (const step of job.steps) {
      if (failed && step.if !== 'always()') continue;
      const w = stringMap(step.with, x);
      const uses = step.uses?.replace(/@.*$/, '');
      if (!existsSync(workspace) && uses !== 'actions/checkout') mkdirSync(workspace);
      if (uses === 'actions/checkout') runner.clone(workspace);
      else if (uses === 'actions/setup-node') continue;
      else if (uses === 'actions/cache') {
        if (!runner.restoreCache(w['key']!, (w['restore-keys'] ?? '').split('\n').map((k) => k.trim()), w['path']!)) toSave.push([w['key']!, w['path']!]);
      } else if (uses === 'actions/upload-artifact') copyArtifact(artifacts, w['name']!, isAbsolute(w['path']!) ? w['path']! : join(workspace, w['path']!));
      else if (uses === 'actions/download-artifact') {
        const into = join(workspace, w['path']!);
        mkdirSync(into, { recursive: true });
        for (const name of readdirSync(artifacts).filter((n) => globRegExp(w['pattern']!).test(n))) {
          for (const f of readdirSync(join(artifacts, name))) cpSync(join(artifacts, name, f), w['merge-multiple'] === 'true' ? join(into, f) : join(into, name, f));
        }
      } else if (step.run !== undefined) {
        if (step.id === 'install-keyless') continue;
        const r = await runner.shell(x(step.run), workspace, { ...env, ...stringMap(step.env, x) }, ['-eo', 'pipefail']);
        codes.push(r.code ?? -1);
        stderr += r.stderr;
        if (r.code !== 0) failed = true;
      } else throw new Error(`step not played locally: ${step.name ?? step.uses}`);
    }
    for (const [key, path] of toSave) if (!failed) runner.saveCache(key, path);
    return { codes, stderr };
  };
  const shard = jobs['shard']!;
  const shardRuns = await Promise.all(shard.strategy!.matrix.shard.map((s) => runJob(`shard-${s}`, shard, { 'matrix.shard': String(s) })));
  const merge = await runJob('merge', jobs['merge']!, {});
  return {
    shardCodes: shardRuns.flatMap((r) => r.codes),
    mergeCode: merge.codes[0] ?? null,
    mergeStderr: merge.stderr,
    report: join(artifacts, 'keyless-history', 'keyless-history.json'),
  };
}

/** Runs docs/ci/azure-pipelines-sharded.yml: the parallel shard job, then the merge job. */
export async function runAzurePipeline(runner: LocalRunner, pipeline: Record<string, unknown>): Promise<CiRun> {
  const jobs = pipeline['jobs'] as { job: string; strategy?: { parallel: number }; steps: Step[] }[];
  const artifacts = runner.dir('artifacts');
  const sha = execFileSync('git', ['-C', runner.source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const variables = stringMap(pipeline['variables'] as Record<string, unknown>, (s) => s);
  const runJob = async (name: string, steps: Step[], position: number, total: number) => {
    const workspace = runner.jobDir(name);
    const predefined: Record<string, string> = {
      'Pipeline.Workspace': workspace,
      'Build.SourcesDirectory': join(workspace, 's'),
      'Build.ArtifactStagingDirectory': join(workspace, 'a'),
      'Build.Repository.Name': 'local/repository',
      'Build.SourceVersion': sha,
      'System.JobPositionInPhase': String(position),
      'System.TotalJobsInPhase': String(total),
    };
    mkdirSync(join(workspace, 's'));
    mkdirSync(join(workspace, 'a'));
    const values = { ...predefined, ...variables };
    const m = (s: string) => macros(s, values);
    // Variables reach scripts as environment variables: upper case, dots as underscores.
    const env = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toUpperCase().replace(/\./g, '_'), m(v)]));
    const codes: number[] = [];
    let stderr = '';
    let failed = false;
    const toSave: [string, string][] = [];
    for (const step of steps) {
      if (failed && step.condition !== 'always()') continue;
      const inputs = stringMap(step.inputs, m);
      if (step.checkout !== undefined) {
        if (step.checkout === 'self') runner.clone(join(workspace, 's'));
      } else if (step.task === 'UseNode@1') continue;
      else if (step.task === 'Cache@2') {
        const norm = (k: string) => k.replace(/\s+/g, ' ').trim();
        const key = norm(inputs['key']!);
        if (!runner.restoreCache(key, (inputs['restoreKeys'] ?? '').split('\n').map(norm), inputs['path']!)) toSave.push([key, inputs['path']!]);
      } else if (step.task === 'PublishPipelineArtifact@1') copyArtifact(artifacts, inputs['artifact']!, inputs['targetPath']!);
      else if (step.task === 'DownloadPipelineArtifact@2') {
        const pattern = globRegExp(inputs['patterns']!);
        for (const name of readdirSync(artifacts)) {
          for (const f of readdirSync(join(artifacts, name))) {
            if (!pattern.test(`${name}/${f}`)) continue;
            mkdirSync(join(inputs['path']!, name), { recursive: true });
            cpSync(join(artifacts, name, f), join(inputs['path']!, name, f));
          }
        }
      } else if (step.script !== undefined) {
        if (step.name === 'installKeyless') continue;
        const r = await runner.shell(m(step.script), join(workspace, 's'), env, ['-e']);
        codes.push(r.code ?? -1);
        stderr += r.stderr;
        if (r.code !== 0) failed = true;
      } else throw new Error(`step not played locally: ${step.task ?? JSON.stringify(step)}`);
    }
    for (const [key, path] of toSave) if (!failed) runner.saveCache(key, path);
    return { codes, stderr };
  };
  const shard = jobs.find((j) => j.job === 'shard')!;
  const total = shard.strategy!.parallel;
  const shardRuns = await Promise.all(Array.from({ length: total }, (_, i) => runJob(`shard-${i + 1}`, shard.steps, i + 1, total)));
  const merge = await runJob('merge', jobs.find((j) => j.job === 'merge')!.steps, 1, 1);
  return {
    shardCodes: shardRuns.flatMap((r) => r.codes),
    mergeCode: merge.codes[0] ?? null,
    mergeStderr: merge.stderr,
    report: join(artifacts, 'keyless-history', 'keyless-history.json'),
  };
}
