/**
 * README.md's integration snippets, run for real: `keyless install-hook`, the pre-commit framework
 * hook (`.pre-commit-hooks.yaml` and the local variant), husky and lint-staged, and the GitHub Actions
 * and Azure Pipelines gates (their shell steps executed on a simulated pull request).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { action, runAction } from './helpers/github-action-run.js';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { commandLines, parseSnippets, readReadme, snippet, type Snippet } from './helpers/readme-snippets.js';
import {
  REPO_ROOT,
  SandboxRepo,
  keylessShimDir,
  removeTempDirs,
  run,
  tempDir,
  writeKeylessShim,
  type RunResult,
} from './helpers/sandbox-repo.js';

let snippets: Snippet[];
let planted: PlantedSecret;

before(() => {
  snippets = parseSnippets(readReadme());
  planted = plantedSecret();
});
after(removeTempDirs);

/** A repo where keyless is "installed as a dependency": an executable node_modules/.bin/keyless (ignored). */
function projectRepo(prefix: string): SandboxRepo {
  const repo = SandboxRepo.create(prefix);
  writeKeylessShim(join(repo.dir, 'node_modules', '.bin', 'keyless'));
  repo.commit('initial', { '.gitignore': 'node_modules/\n', 'README.md': '# app\n' });
  return repo;
}

function stage(repo: SandboxRepo, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git('add', '--', ...Object.keys(files));
}

/** Stages `files` and runs a real `git commit`; returns whether HEAD moved, and git's output. */
function commit(repo: SandboxRepo, files: Record<string, string>): { committed: boolean; output: string } {
  const before = repo.head();
  stage(repo, files);
  const r = repo.tryGit('commit', '-m', 'change');
  return { committed: repo.head() !== before, output: r.stdout + r.stderr };
}

/** Runs a command line (split on spaces, as pre-commit and lint-staged do) in the repo. */
function runEntry(repo: SandboxRepo, entry: string, path = process.env['PATH'] ?? ''): RunResult {
  const [command, ...args] = entry.split(/\s+/).filter(Boolean);
  return run(command ?? '', args, repo.dir, { ...repo.env, PATH: path });
}

function readYaml(relPath: string): unknown {
  return parseYaml(readFileSync(join(REPO_ROOT, relPath), 'utf8'));
}

interface PreCommitHook {
  id: string;
  name?: string;
  entry?: string;
  language?: string;
  pass_filenames?: boolean;
  always_run?: boolean;
  stages?: string[];
  minimum_pre_commit_version?: string;
}

describe('README: pre-commit integrations', () => {
  test('install-hook: the snippet installs a hook that blocks a secret and allows a clean commit', () => {
    const repo = projectRepo('readme-install-hook');
    const shimPath = `${keylessShimDir()}:${process.env['PATH'] ?? ''}`;
    for (const line of commandLines(snippet(snippets, 'install-hook').body)) {
      const r = run('sh', ['-c', line], repo.dir, { ...repo.env, PATH: shimPath });
      assert.equal(r.status, 0, r.stderr);
    }
    const leak = commit(repo, { 'settings.txt': `${planted.line}\n` });
    assert.equal(leak.committed, false, leak.output);
    assert.ok(leak.output.includes(planted.ruleId), leak.output);
    assert.ok(!leak.output.includes(planted.secret), 'redacted');
    repo.git('rm', '-q', '--cached', 'settings.txt');
    assert.equal(commit(repo, { 'app.js': 'export {};\n' }).committed, true);
  });

  test('.pre-commit-hooks.yaml: a node hook (pre-commit 3.0 and 4.x) that scans the index once and blocks on findings', () => {
    const hooks = readYaml('.pre-commit-hooks.yaml') as PreCommitHook[];
    assert.equal(hooks.length, 1);
    const hook = hooks[0] as PreCommitHook;
    assert.deepEqual(
      { ...hook, name: undefined, description: undefined },
      {
        id: 'keyless',
        name: undefined,
        description: undefined,
        entry: 'keyless scan --staged',
        language: 'node',
        pass_filenames: false,
        always_run: true,
        minimum_pre_commit_version: '3.0.0',
      },
    );
    // pre-commit's node environment puts the bin of this repository's root package on PATH.
    const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.deepEqual(root.bin, { keyless: 'packages/scanner/bin/keyless.js' });
    assert.equal(root.scripts['prepack'], 'tsc -b packages/scanner');
    const scanner = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.deepEqual(root.dependencies, scanner.dependencies, "the root package installs the scanner's runtime dependencies");
    const repo = projectRepo('readme-pre-commit');
    const withKeyless = `${keylessShimDir()}:${process.env['PATH'] ?? ''}`;
    stage(repo, { 'settings.txt': `${planted.line}\n` });
    const blocked = runEntry(repo, hook.entry ?? '', withKeyless);
    assert.equal(blocked.status, 1, blocked.stderr);
    assert.ok(blocked.stdout.includes(planted.ruleId));
    repo.git('rm', '-q', '--cached', 'settings.txt');
    stage(repo, { 'app.js': 'export {};\n' });
    const clean = runEntry(repo, hook.entry ?? '', withKeyless);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  });

  test('pre-commit-config: refers to this repository\'s keyless hook at the package version', () => {
    const config = parseYaml(snippet(snippets, 'pre-commit-config').body) as {
      repos: { repo: string; rev: string; hooks: { id: string }[] }[];
    };
    const [entry] = config.repos;
    assert.ok(entry);
    const ids = (readYaml('.pre-commit-hooks.yaml') as PreCommitHook[]).map((h) => h.id);
    assert.deepEqual(entry.hooks.map((h) => h.id), ['keyless']);
    assert.ok(ids.includes('keyless'));
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as {
      version: string;
    }).version;
    assert.equal(entry.rev, `v${version}`);
    assert.match(entry.repo, /^https:\/\/github\.com\/[^/]+\/keyless$/);
  });

  test('pre-commit-local: the same hook as a system hook, run from the project\'s node_modules', () => {
    const config = parseYaml(snippet(snippets, 'pre-commit-local').body) as {
      repos: { repo: string; hooks: PreCommitHook[] }[];
    };
    const [local] = config.repos;
    assert.equal(local?.repo, 'local');
    const hook = local?.hooks[0];
    const shipped = (readYaml('.pre-commit-hooks.yaml') as PreCommitHook[])[0];
    for (const key of ['id', 'name', 'pass_filenames', 'always_run'] as const) {
      assert.deepEqual(hook?.[key], shipped?.[key], key);
    }
    assert.equal(hook?.language, 'system');
    assert.equal(hook?.entry, `npx --no-install ${shipped?.entry}`);
    const repo = projectRepo('readme-pre-commit-local');
    stage(repo, { 'settings.txt': `${planted.line}\n` });
    assert.equal(runEntry(repo, hook?.entry ?? '').status, 1);
    repo.git('rm', '-q', '--cached', 'settings.txt');
    stage(repo, { 'app.js': 'export {};\n' });
    assert.equal(runEntry(repo, hook?.entry ?? '').status, 0);
  });

  test('lefthook-config: the pre-commit command blocks a staged secret and passes a clean index', () => {
    const config = parseYaml(snippet(snippets, 'lefthook-config').body) as {
      'pre-commit': { commands: Record<string, { run: string }> };
    };
    assert.deepEqual(Object.keys(config['pre-commit'].commands), ['keyless']);
    const command = config['pre-commit'].commands['keyless']?.run ?? '';
    assert.equal(command, 'npx --no-install keyless scan --staged');
    const repo = projectRepo('readme-lefthook');
    stage(repo, { 'settings.txt': `${planted.line}\n` });
    const blocked = runEntry(repo, command);
    assert.equal(blocked.status, 1);
    assert.ok(blocked.stdout.includes(planted.ruleId));
    repo.git('rm', '-q', '--cached', 'settings.txt');
    stage(repo, { 'app.js': 'export {};\n' });
    assert.equal(runEntry(repo, command).status, 0);
  });

  test('husky-pre-commit: as .husky/pre-commit it blocks a real commit with a secret', () => {
    const repo = projectRepo('readme-husky');
    repo.write('.husky/pre-commit', snippet(snippets, 'husky-pre-commit').body);
    // husky 9 points core.hooksPath at .husky/_, whose scripts run .husky/<hook> with `sh -e`.
    repo.write('.husky/_/pre-commit', '#!/usr/bin/env sh\nexec sh -e "$(dirname "$0")/../pre-commit" "$@"\n', 0o755);
    repo.git('config', 'core.hooksPath', '.husky/_');
    const leak = commit(repo, { 'settings.txt': `${planted.line}\n` });
    assert.equal(leak.committed, false, leak.output);
    assert.ok(leak.output.includes(planted.ruleId), leak.output);
    repo.git('rm', '-q', '--cached', 'settings.txt');
    const clean = commit(repo, { 'app.js': 'export {};\n' });
    assert.equal(clean.committed, true, clean.output);
  });

  test('lint-staged-config: keyless runs once, without the file list, and blocks on findings', async () => {
    const file = join(tempDir('lint-staged'), 'lint-staged.config.mjs');
    writeFileSync(file, snippet(snippets, 'lint-staged-config').body);
    const config = (await import(pathToFileURL(file).href)) as { default: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.default), ['*.{js,ts}', '*']);
    assert.match(String(config.default['*.{js,ts}']), /^eslint /);
    const task = config.default['*'];
    assert.equal(typeof task, 'function');
    const command = (task as (files: string[]) => string)(['/repo/a.txt', '/repo/b.js']);
    assert.equal(command, 'keyless scan --staged', 'the file list is not passed to keyless');

    const repo = projectRepo('readme-lint-staged');
    const localBins = `${join(repo.dir, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`;
    stage(repo, { 'settings.txt': `${planted.line}\n` });
    assert.equal(runEntry(repo, command, localBins).status, 1);
    repo.git('rm', '-q', '--cached', 'settings.txt');
    stage(repo, { 'app.js': 'export {};\n' });
    assert.equal(runEntry(repo, command, localBins).status, 0);
  });
});

/** A pull request: `main` at base, a `feature` branch with `files` committed on top. */
function pullRequest(prefix: string, files: Record<string, string>): { repo: SandboxRepo; base: string; head: string } {
  const repo = projectRepo(prefix);
  const base = repo.head();
  repo.git('checkout', '-q', '-b', 'feature');
  const head = repo.commit('pull request', files);
  return { repo, base, head };
}

interface StepResult extends RunResult {
  readonly name: string;
}

interface GithubStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface GithubWorkflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; env?: Record<string, string>; steps: GithubStep[] }>;
}

/** The pull_request event payload GitHub sends for `base..head`. */
function pullRequestPayload(base: string, head: string): unknown {
  const repo = { full_name: 'contoso/app' };
  return { action: 'opened', number: 1, pull_request: { number: 1, base: { ref: 'main', sha: base, repo }, head: { ref: 'feature', sha: head, repo } } };
}

/** The documented workflow's keyless step: its `with:` inputs, as strings. */
function keylessStep(workflow: GithubWorkflow): { uses: string; inputs: Record<string, string> } {
  const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
  const step = steps.find((s) => s.uses?.startsWith('keyless-dev/keyless@') || s.uses === './');
  assert.ok(step?.uses, 'the workflow uses the keyless action');
  return { uses: step.uses, inputs: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)])) };
}

interface SarifLog {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

function sarifResults(path: string): string[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as SarifLog;
  return log.runs.flatMap((r) =>
    r.results.map((x) => `${x.locations[0]?.physicalLocation.artifactLocation.uri} ${x.ruleId}`),
  );
}

describe('README: GitHub Actions gate', () => {
  const workflowText = () => readFileSync(join(REPO_ROOT, 'docs', 'ci', 'github-actions.yml'), 'utf8');

  test('the README shows docs/ci/github-actions.yml verbatim', () => {
    assert.equal(snippet(snippets, 'github-actions').body, workflowText());
  });

  test('pull requests, pushes and a schedule; the whole range checked out; the action at the release tag', () => {
    const wf = parseYaml(workflowText()) as GithubWorkflow;
    assert.deepEqual(Object.keys(wf.on), ['pull_request', 'push', 'schedule']);
    assert.deepEqual(wf.permissions, { contents: 'read', 'security-events': 'write' });
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    assert.deepEqual(steps[0], { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    const { uses, inputs } = keylessStep(wf);
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(uses, `keyless-dev/keyless@v${version}`);
    const declared = Object.keys(action().inputs);
    for (const name of Object.keys(inputs)) assert.ok(declared.includes(name), `action.yml declares the input ${name}`);
    assert.ok(!steps.some((s) => s.run?.includes('npm ci')), "keyless does not come from the project's lockfile");
  });

  test('a pull request that adds a secret: SARIF written with the finding, an annotation, the check fails', () => {
    const { repo, base, head } = pullRequest('gha-leak', { 'config/leak.txt': `${planted.line}\n` });
    const r = runAction(repo, 'pull_request', pullRequestPayload(base, head), keylessStep(parseYaml(workflowText()) as GithubWorkflow).inputs);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(sarifResults(join(repo.dir, 'keyless.sarif')), [`config/leak.txt ${planted.ruleId}`]);
    assert.match(r.stdout, /^::error file=config\/leak\.txt,line=1,col=\d+,endColumn=\d+,title=/m);
    assert.ok(!r.stdout.includes(planted.secret), 'redacted');
  });

  test('a clean pull request (even one that deletes an old secret) passes', () => {
    const repo = projectRepo('gha-clean');
    repo.commit('old leak', { 'old.txt': `${planted.line}\n` });
    const base = repo.head();
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit('remove it', { 'old.txt': 'moved to Key Vault\n', 'app.js': 'export {};\n' });
    const r = runAction(repo, 'pull_request', pullRequestPayload(base, head), keylessStep(parseYaml(workflowText()) as GithubWorkflow).inputs);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(sarifResults(join(repo.dir, 'keyless.sarif')), []);
  });

  test("this repository's gate is the documented workflow with this checkout's action", () => {
    const documented = parseYaml(workflowText()) as GithubWorkflow;
    const own = parseYaml(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'keyless.yml'), 'utf8')) as GithubWorkflow;
    assert.deepEqual(own.on, documented.on);
    assert.deepEqual(own.permissions, documented.permissions);
    const ownSteps = own.jobs['secrets']?.steps ?? [];
    const docSteps = (documented.jobs['secrets']?.steps ?? []).map((s) =>
      s.uses?.startsWith('keyless-dev/keyless@') ? { ...s, uses: './' } : s,
    );
    assert.deepEqual(ownSteps, docSteps);
  });
});

interface AzureStep {
  checkout?: string;
  fetchDepth?: number;
  task?: string;
  script?: string;
  displayName?: string;
  inputs?: Record<string, string>;
}

describe('README: Azure Pipelines gate', () => {
  const pipelineText = () => readFileSync(join(REPO_ROOT, 'docs', 'ci', 'azure-pipelines.yml'), 'utf8');

  /**
   * Runs the `script:` steps as the agent does on Linux (bash, `npm ci` stubbed as done, the
   * `task.prependpath` logging command honoured), stopping at the first failure.
   */
  function runPipeline(repo: SandboxRepo, staging: string): StepResult[] {
    const pipeline = parseYaml(pipelineText()) as { steps: AzureStep[] };
    const prepended: string[] = [];
    const results: StepResult[] = [];
    for (const step of pipeline.steps) {
      if (step.script === undefined) continue;
      const r = run('bash', ['--noprofile', '--norc', '-c', `npm() { :; }\n${step.script}`], repo.dir, {
        ...repo.env,
        SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/main',
        BUILD_ARTIFACTSTAGINGDIRECTORY: staging,
        PATH: [...prepended, process.env['PATH'] ?? ''].join(':'),
      });
      for (const m of r.stdout.matchAll(/^##vso\[task\.prependpath\](.+)$/gm)) prepended.unshift(m[1] ?? '');
      results.push({ name: step.displayName ?? '', ...r });
      if (r.status !== 0) break;
    }
    return results;
  }

  /** The agent's view of a pull request build: origin/main fetched, the PR branch checked out. */
  function azurePullRequest(prefix: string, files: Record<string, string>): SandboxRepo {
    const { repo, base } = pullRequest(prefix, files);
    repo.git('update-ref', 'refs/remotes/origin/main', base);
    return repo;
  }

  test('the README shows docs/ci/azure-pipelines.yml verbatim', () => {
    assert.equal(snippet(snippets, 'azure-pipelines').body, pipelineText());
  });

  test('runs for pull requests only, with full history, and publishes CodeAnalysisLogs', () => {
    const pipeline = parseYaml(pipelineText()) as { trigger: string; pr: unknown; steps: AzureStep[] };
    assert.equal(pipeline.trigger, 'none');
    assert.deepEqual(pipeline.pr, { branches: { include: ['*'] } });
    assert.deepEqual(pipeline.steps[0], { checkout: 'self', fetchDepth: 0 });
    const publish = pipeline.steps.find((s) => s.task === 'PublishBuildArtifacts@1');
    assert.deepEqual(publish?.inputs, {
      PathtoPublish: '$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs',
      ArtifactName: 'CodeAnalysisLogs',
    });
  });

  test('a pull request that adds a secret: SARIF in CodeAnalysisLogs, then the build fails', () => {
    const repo = azurePullRequest('azp-leak', { 'appsettings.txt': `${planted.line}\n` });
    const staging = tempDir('azp-staging');
    const steps = runPipeline(repo, staging);
    assert.deepEqual(
      steps.map((s) => `${s.name}: ${s.status}`),
      ['Install dependencies: 0', 'Scan the pull request (SARIF): 0', 'Fail on new findings: 1'],
    );
    assert.deepEqual(sarifResults(join(staging, 'CodeAnalysisLogs', 'keyless.sarif')), [
      `appsettings.txt ${planted.ruleId}`,
    ]);
    const issues = (steps[2]?.stdout ?? '').split('\n').filter(Boolean);
    assert.equal(issues.length, 1, steps[2]?.stdout);
    assert.match(
      issues[0] ?? '',
      new RegExp(`^##vso\\[task\\.logissue type=error;sourcepath=appsettings\\.txt;linenumber=1;columnnumber=\\d+;code=${planted.ruleId}\\]`),
    );
    assert.ok(!steps[2]?.stdout.includes(planted.secret), 'redacted');
  });

  test('a clean pull request passes', () => {
    const repo = azurePullRequest('azp-clean', { 'app.js': 'export {};\n' });
    const steps = runPipeline(repo, tempDir('azp-staging'));
    assert.deepEqual(
      steps.map((s) => `${s.name}: ${s.status}`),
      ['Install dependencies: 0', 'Scan the pull request (SARIF): 0', 'Fail on new findings: 0'],
    );
  });
});
