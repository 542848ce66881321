/**
 * Installation from the packed tarballs, as a user outside this monorepo gets them: the release
 * workflow's "Pack" step packs both packages (prepack builds them), and each kind of fresh npm project
 * (CommonJS, ESM, TypeScript) installs the tarballs (third-party packages from the registry,
 * `--prefer-offline`) and runs README's "Install in your project" snippets: `npx keyless scan`,
 * `npx keyless install-hook` and the ESLint config with `npx eslint .`. Also checks the release
 * workflow's YAML and what the tarballs ship.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { plantedSecret, type PlantedSecret } from './helpers/planted-secret.js';
import { commandLines, parseSnippets, readReadme, snippet, type Snippet } from './helpers/readme-snippets.js';
import {
  packWithReleaseWorkflow,
  readReleaseWorkflow,
  releaseStep,
  runReleaseStep,
  type Tarballs,
} from './helpers/release-workflow.js';
import { REPO_ROOT, SandboxRepo, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

const INSTALL_TIMEOUT_MS = 300_000;
const COMMAND_TIMEOUT_MS = 120_000;

let snippets: Snippet[];
let planted: PlantedSecret;
let tarballs: Tarballs;
let runnerTemp: string;

before(() => {
  snippets = parseSnippets(readReadme());
  planted = plantedSecret();
  runnerTemp = tempDir('release');
  tarballs = packWithReleaseWorkflow(runnerTemp, INSTALL_TIMEOUT_MS);
});
after(removeTempDirs);

const version = (): string =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'scanner', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The environment of a user's shell in the project: the sandbox's git isolation, this machine's npm
 * cache (so `--prefer-offline` finds it warm), and no npm_* variables inherited from a package manager
 * running these tests.
 */
function userEnv(repo: SandboxRepo): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(repo.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

interface ShellRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(repo: SandboxRepo, line: string, timeout = COMMAND_TIMEOUT_MS): ShellRun {
  const r = spawnSync('sh', ['-c', line], { cwd: repo.dir, env: userEnv(repo), encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A README install line, with the published names swapped for the packed tarballs and offline-first npm. */
function fromTarballs(line: string): string {
  return line
    .replace(/^npm install /, 'npm install --prefer-offline ')
    .replace(/(^|\s)@keyless\/scanner(?=\s|$)/, `$1${tarballs.scanner}`)
    .replace(/(^|\s)@keyless\/eslint-plugin(?=\s|$)/, `$1${tarballs.eslintPlugin}`);
}

type ProjectKind = 'commonjs' | 'esm' | 'typescript';

/** A fresh project of `kind`: package.json, a committed source file, node_modules ignored. */
function freshProject(kind: ProjectKind): { repo: SandboxRepo; source: string } {
  const repo = SandboxRepo.create(`install-${kind}`);
  const pkg = { name: `keyless-install-${kind}`, version: '1.0.0', private: true, type: kind === 'commonjs' ? 'commonjs' : 'module' };
  const source = kind === 'typescript' ? 'src/app.ts' : 'src/app.js';
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    [source]: kind === 'commonjs' ? "'use strict';\nmodule.exports = {};\n" : 'export {};\n',
  };
  if (kind === 'typescript') {
    files['tsconfig.json'] = `${JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', noEmit: true }, include: ['src'] }, null, 2)}\n`;
  }
  repo.commit('initial', files);
  if (kind === 'typescript') {
    // The TypeScript typescript-eslint supports (the newest major may be ahead of it, as 7.x is now).
    const r = sh(repo, 'npm install --prefer-offline --save-dev typescript@~5.9.3', INSTALL_TIMEOUT_MS);
    assert.equal(r.status, 0, r.stderr);
  }
  return { repo, source };
}

/** An `exports` entry: a path, a { types, default } pair, or conditions (import / require) of those. */
type ExportTarget = string | { readonly [condition: string]: ExportTarget };

/** Every file an `exports` entry points at, through its conditions (`./package.json` is one of them). */
function exportFiles(e: ExportTarget): string[] {
  return typeof e === 'string' ? [e] : Object.values(e).flatMap(exportFiles);
}

/** Lines of `eslint`'s stylish output that name a keyless rule: `line:col rule`. */
function keylessLintProblems(stdout: string): string[] {
  return [...stdout.matchAll(/^\s+(\d+):\d+\s+error\s+.*?\s(keyless\/[a-z-]+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** The README's ESLint config for each project kind: the file it is saved as, and its snippet. */
const ESLINT_CONFIG: Record<ProjectKind, { readonly file: string; readonly snippet: string }> = {
  commonjs: { file: 'eslint.config.cjs', snippet: 'eslint-config-cjs' },
  esm: { file: 'eslint.config.js', snippet: 'eslint-config' },
  typescript: { file: 'eslint.config.mjs', snippet: 'eslint-config-ts' },
};

async function installAndRunSnippets(t: TestContext, kind: ProjectKind): Promise<void> {
  const { repo, source } = freshProject(kind);
  const [installLine, scanLine, hookLine, ...rest] = commandLines(snippet(snippets, 'install').body);
  assert.deepEqual(rest, [], 'the install snippet is: install, scan, install-hook');
  assert.ok(installLine && scanLine && hookLine);

  await t.test(`${kind}: ${installLine}`, () => {
    const r = sh(repo, fromTarballs(installLine), INSTALL_TIMEOUT_MS);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sh(repo, 'npx --no-install keyless --version').stdout.trim(), version());
    const hasTypescript = existsSync(join(repo.dir, 'node_modules', 'typescript', 'package.json'));
    t.diagnostic(`${kind}: typescript installed: ${hasTypescript ? 'yes' : 'no'}`);
    // A JavaScript project gets no `typescript` (nor typescript-eslint, whose required peer it is).
    if (kind !== 'typescript') {
      assert.equal(hasTypescript, false, 'typescript was installed into a JavaScript project');
      assert.equal(existsSync(join(repo.dir, 'node_modules', '@typescript-eslint', 'utils')), false, '@typescript-eslint/utils was installed');
    }
  });

  await t.test(`${kind}: ${scanLine}`, () => {
    const clean = sh(repo, scanLine);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    repo.write('settings.txt', `${planted.line}\n`);
    const leak = sh(repo, scanLine);
    assert.equal(leak.status, 1, leak.stderr);
    assert.ok(leak.stdout.includes(planted.ruleId), leak.stdout);
    assert.ok(leak.stdout.includes('settings.txt'), leak.stdout);
    assert.ok(!leak.stdout.includes(planted.secret) && !leak.stderr.includes(planted.secret), 'redacted');
    rmSync(join(repo.dir, 'settings.txt'));
  });

  await t.test(`${kind}: ${hookLine}`, () => {
    const r = sh(repo, hookLine);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    repo.write('settings.txt', `${planted.line}\n`);
    repo.git('add', 'settings.txt');
    const head = repo.head();
    const blocked = repo.tryGit('commit', '-m', 'leak');
    assert.equal(repo.head(), head, 'the commit with a secret is blocked');
    assert.ok((blocked.stdout + blocked.stderr).includes(planted.ruleId), blocked.stderr);
    repo.git('rm', '-q', '--cached', 'settings.txt');
    rmSync(join(repo.dir, 'settings.txt'));
    repo.write('src/more.txt', 'nothing secret\n');
    repo.git('add', 'src/more.txt');
    const clean = repo.tryGit('commit', '-m', 'clean');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.notEqual(repo.head(), head);
  });

  const eslintLine = commandLines(snippet(snippets, 'install-eslint').body)[0] ?? '';
  const config = ESLINT_CONFIG[kind];
  await t.test(`${kind}: ${config.file} from the README, ${eslintLine}`, () => {
    if (kind === 'typescript') {
      const r = sh(repo, 'npm install --prefer-offline --save-dev typescript-eslint', INSTALL_TIMEOUT_MS);
      assert.equal(r.status, 0, r.stderr);
    }
    writeFileSync(join(repo.dir, config.file), snippet(snippets, config.snippet).body);
    repo.write(source, snippet(snippets, 'eslint-incorrect').body);
    const r = sh(repo, eslintLine);
    const expected = snippet(snippets, 'eslint-incorrect')
      .body.split('\n')
      .flatMap((l, i) => [...l.matchAll(/\/\/ (keyless\/[a-z-]+)/g)].map((m) => `${i + 1} ${m[1]}`));
    assert.ok(expected.length >= 2);
    assert.deepEqual(keylessLintProblems(r.stdout), expected, r.stdout + r.stderr);
    assert.equal(r.status, 1, r.stderr);
  });
}

describe('installation from the packed tarballs', () => {
  for (const kind of ['commonjs', 'esm', 'typescript'] as const) {
    test(`a fresh ${kind} project: README's install snippets`, { timeout: 3 * INSTALL_TIMEOUT_MS }, (t) =>
      installAndRunSnippets(t, kind),
    );
  }
});

describe('the packed tarballs ship exactly what runs', () => {
  const list = (tarball: string) => {
    const r = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));
  };
  const readEntry = (tarball: string, path: string) => {
    const r = spawnSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };

  for (const [name, key] of [
    ['@keyless/scanner', 'scanner'],
    ['@keyless/eslint-plugin', 'eslintPlugin'],
  ] as const) {
    test(`${name}: entry points, types, LICENSE, README; no tests, no declaration maps; maps carry their sources`, () => {
      const tarball = tarballs[key];
      const files = list(tarball);
      const manifest = JSON.parse(readEntry(tarball, 'package.json')) as {
        version: string;
        license: string;
        main: string;
        types: string;
        bin?: Record<string, string>;
        exports: Record<string, ExportTarget>;
        dependencies: Record<string, string>;
        peerDependencies?: Record<string, string>;
        peerDependenciesMeta?: Record<string, { optional?: boolean }>;
        repository: { url: string; directory: string };
        homepage: string;
        bugs: { url: string };
        keywords: string[];
        engines: { node: string };
      };
      assert.equal(manifest.version, version());
      assert.equal(manifest.license, 'MIT');
      for (const f of ['LICENSE', 'README.md', 'package.json']) assert.ok(files.includes(f), f);
      assert.equal(readEntry(tarball, 'LICENSE'), readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'));
      const entries = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
      for (const e of Object.values(manifest.exports)) entries.push(...exportFiles(e));
      for (const e of entries) assert.ok(files.includes(e.replace(/^\.\//, '')), `${e} is in the tarball`);
      assert.deepEqual(files.filter((f) => /(^|\/)tests?\/|\.tsbuildinfo$|\.d\.ts\.map$|\.ts$/.test(f) && !f.endsWith('.d.ts')), []);
      const maps = files.filter((f) => f.endsWith('.js.map'));
      assert.ok(maps.length > 0);
      for (const m of maps.slice(0, 20)) {
        const map = JSON.parse(readEntry(tarball, m)) as { sources: string[]; sourcesContent?: (string | null)[] };
        assert.equal(map.sourcesContent?.length, map.sources.length, `${m} carries its sources`);
        assert.ok(map.sourcesContent.every((s) => typeof s === 'string' && s.length > 0), m);
      }
      assert.ok(!Object.values(manifest.dependencies).some((r) => r.startsWith('workspace:')), 'no workspace: ranges');
      assert.match(manifest.repository.url, /github\.com\/keyless-dev\/keyless/);
      assert.ok(manifest.homepage && manifest.bugs.url && manifest.keywords.length > 0 && manifest.engines.node);
      if (key === 'scanner') {
        for (const f of ['bin/keyless.js', 'schema/keyless.config.schema.json', 'docs/detectors.md']) assert.ok(files.includes(f), f);
      } else {
        assert.equal(manifest.dependencies['@keyless/scanner'], `^${version()}`);
        // Types only (the rules' .d.ts): an optional peer, never installed by npm on its own.
        assert.ok(!('@typescript-eslint/utils' in manifest.dependencies), '@typescript-eslint/utils is not a run-time dependency');
        assert.match(manifest.peerDependencies?.['@typescript-eslint/utils'] ?? '', /^\^8\./);
        assert.equal(manifest.peerDependenciesMeta?.['@typescript-eslint/utils']?.optional, true);
        assert.ok(manifest.peerDependencies?.['eslint'], 'eslint is a peer');
        assert.ok(!('eslint' in manifest.dependencies));
        for (const rule of ['no-entra-secret-auth', 'no-shared-key-auth', 'no-sql-password-auth', 'no-hardcoded-credentials', 'no-hardcoded-credentials-json']) {
          assert.ok(files.includes(`docs/rules/${rule}.md`), `the docs ${rule} links to`);
        }
      }
    });
  }
});

describe('release workflow (.github/workflows/release.yml)', () => {
  test('publishes both packages with npm provenance on v* tags, scanner first, after trying the tarballs', () => {
    const wf = readReleaseWorkflow();
    assert.deepEqual(wf.on, { push: { tags: ['v*'] } });
    assert.deepEqual(wf.permissions, { contents: 'read', 'id-token': 'write' });
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    assert.deepEqual(
      steps.map((s) => s.name ?? s.uses),
      [
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'Install dependencies',
        "Check the tag is the packages' version",
        'Pack',
        'Try the tarballs',
        'Publish',
      ],
    );
    assert.equal(steps[1]?.with?.['registry-url'], 'https://registry.npmjs.org');
    const publish = (releaseStep(wf, 'Publish').run ?? '').trim().split('\n');
    assert.deepEqual(publish, [
      'npm publish "$RUNNER_TEMP"/packages/keyless-scanner-*.tgz --provenance --access public',
      'npm publish "$RUNNER_TEMP"/packages/keyless-eslint-plugin-*.tgz --provenance --access public',
    ]);
    assert.deepEqual(releaseStep(wf, 'Publish').env, { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
  });

  test('the version check passes for v<version> only', () => {
    const check = releaseStep(readReleaseWorkflow(), "Check the tag is the packages' version");
    const env = (tag: string) => ({ ...process.env, GITHUB_REF_NAME: tag });
    const ok = runReleaseStep(check, env(`v${version()}`), COMMAND_TIMEOUT_MS);
    assert.equal(ok.status, 0, ok.output);
    assert.equal(ok.output, `releasing ${version()}\n`);
    const wrong = runReleaseStep(check, env('v99.0.0'), COMMAND_TIMEOUT_MS);
    assert.equal(wrong.status, 1);
    assert.equal(wrong.output, `check-release-version: tag 'v99.0.0' is not v${version()}, the packages' version\n`);
  });

  test('"Try the tarballs" installs what "Pack" made and runs it', { timeout: INSTALL_TIMEOUT_MS * 2 }, () => {
    const step = releaseStep(readReleaseWorkflow(), 'Try the tarballs');
    const home = tempDir('release-home');
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
    const r = runReleaseStep(
      step,
      { ...env, RUNNER_TEMP: runnerTemp, HOME: home, npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm') },
      INSTALL_TIMEOUT_MS,
    );
    assert.equal(r.status, 0, r.output);
    assert.ok(r.output.split('\n').includes(version()), r.output);
  });
});
