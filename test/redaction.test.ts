/**
 * The redaction guarantee (issue 6, item 4): on a corpus holding a secret of every detector family
 * (the catalog's own positive examples plus generated keys of every identifiable family), every
 * output path of the CLI — text, JSON, SARIF and github reports on stdout and via --output, --debug
 * logs, history reports, warnings about malformed files, the baseline file, stale-baseline lines,
 * config errors quoting values, and the installed pre-commit hook's message in a real `git commit`
 * — shows no full secret and no 12-character piece of one. With --no-redact the secrets do appear,
 * so the check can fail.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { catalog, generateIdentifiableKey, IDENTIFIABLE_FAMILIES } from '@keyless/scanner/detectors';
import { hostileDir, put, removeHostileDirs } from './helpers/hostile-tree.js';
import { disorder, runKeyless, type CliRun } from './helpers/hostile-run.js';
import { isolatedEnv } from './helpers/sandbox-repo.js';

const PIECE = 12;
let outputsChecked = 0;

after(() => {
  removeHostileDirs();
  process.stdout.write(`# redaction: ${outputsChecked} outputs checked against ${secrets.length} secrets\n`);
});

/** Corpus files: every pattern detector's positive examples, every assignment example as .env, identifiable keys. */
function corpusFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of catalog) {
    const ex = d.examples();
    if (d.kind === 'pattern') {
      (ex.positive as readonly string[]).forEach((text, i) => (files[`corpus/${d.id}-${i}.txt`] = `${text}\n`));
    } else {
      const pairs = ex.positive as readonly { key: string; value: string }[];
      files[`corpus/${d.id}.env`] = pairs.map((p) => `${p.key}=${p.value}`).join('\n') + '\n';
      files[`corpus/${d.id}.json`] = JSON.stringify(Object.fromEntries(pairs.map((p) => [p.key, p.value])), null, 2);
    }
  }
  IDENTIFIABLE_FAMILIES.forEach((f, i) => {
    for (const seed of f.seeds) files[`corpus/keys/${f.name}-${seed}.txt`] = `value = "${generateIdentifiableKey(f, 100 + i, seed)}"\n`;
  });
  return files;
}

let root = '';
let home = '';
let secrets: string[] = [];
let pieces: Set<string>;
const env = () => isolatedEnv(home);

/** A secret as written in a JSON document (quotes and backslashes escaped). */
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
/** A secret as written in a GitHub workflow command's message. */
const githubEscaped = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Every form in which an output can carry a secret. */
const forms = (s: string) => [s, jsonEscaped(s), githubEscaped(s)];

/**
 * Every 12-char piece of every secret (raw and JSON-escaped), except pieces that are public text of
 * the tool itself (rule titles, descriptions, help in the SARIF rules), e.g. a webhook URL's prefix.
 */
function allPieces(list: readonly string[], publicText: string): Set<string> {
  const out = new Set<string>();
  for (const raw of list) {
    for (const s of new Set(forms(raw))) {
      for (let i = 0; i + PIECE <= s.length; i++) {
        const p = s.slice(i, i + PIECE);
        if (!publicText.includes(p)) out.add(p);
      }
    }
  }
  return out;
}

/** The first full secret or 12-char piece of one found in `text`, if any. */
function leakIn(text: string): string | undefined {
  for (const s of secrets) if (forms(s).some((f) => text.includes(f))) return `full secret ${s.slice(0, 4)}… (${s.length} chars)`;
  for (let i = 0; i + PIECE <= text.length; i++) {
    const p = text.slice(i, i + PIECE);
    if (pieces.has(p)) return `piece "${p}" at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 52))}`;
  }
  return undefined;
}

function assertNoLeak(what: string, ...texts: string[]): void {
  outputsChecked++;
  for (const t of texts) {
    const leak = leakIn(t);
    assert.equal(leak, undefined, `${what}: ${leak}`);
  }
}

/** Runs the CLI; with --debug a stack trace on stderr is documented behaviour, not a crash. */
function cli(args: readonly string[], cwd = root): CliRun {
  const run = runKeyless(args, { cwd, env: env(), timeoutMs: 120_000 });
  if (args.includes('--debug')) {
    assert.ok(!run.timedOut && run.status !== null && run.status <= 2, `${args.join(' ')}: ${run.status} ${run.stderr.slice(0, 2000)}`);
  } else {
    assert.equal(disorder(run), undefined, run.stderr.slice(0, 2000));
  }
  return run;
}

describe('redaction guarantee', { timeout: 600_000 }, () => {
  before(() => {
    const base = hostileDir('redaction');
    root = join(base, 'repo');
    home = join(base, 'home');
    put(base, 'home/.keep', '');
    const files = corpusFiles();
    for (const [path, text] of Object.entries(files)) put(root, path, text);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: env(), encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'corpus');
    // The secrets are what keyless itself reports with --no-redact.
    const full = cli(['scan', '.', '--format', 'json', '--no-redact', '--quiet']);
    assert.equal(full.status, 1, full.stderr);
    const found = (JSON.parse(full.stdout) as { findings: { ruleId: string; secret: string }[] }).findings;
    secrets = [...new Set(found.map((f) => f.secret))].filter((s) => s.length >= 8);
    const empty = join(base, 'empty');
    put(empty, '.keep', '');
    const rulesSarif = cli(['scan', '.', '--format', 'sarif'], empty).stdout;
    const publicText = rulesSarif + catalog.map((d) => `${d.title}\n${d.description}`).join('\n');
    pieces = allPieces(secrets, publicText);
    const rules = new Set(found.map((f) => f.ruleId));
    const missing = catalog.filter((d) => !rules.has(d.id)).map((d) => d.id);
    assert.deepEqual(missing, [], 'every detector contributes at least one secret to the corpus');
  });

  test('--no-redact shows every secret (the check can fail)', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const run = cli(['scan', '.', '--format', format, '--no-redact']);
      const shown = secrets.filter((s) => forms(s).some((f) => run.stdout.includes(f))).length;
      assert.equal(shown, secrets.length, `${format}: ${shown}/${secrets.length} secrets shown`);
    }
  });

  test('every report format on stdout, with and without --debug', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      for (const extra of [[], ['--debug']]) {
        const run = cli(['scan', '.', '--format', format, ...extra]);
        assert.equal(run.status, 1);
        assertNoLeak(`${format} ${extra.join(' ')}`, run.stdout, run.stderr);
      }
    }
  });

  test('text report with colour forced (TTY styling)', () => {
    const run = runKeyless(['scan', '.'], { cwd: root, env: { ...env(), NO_COLOR: '', FORCE_COLOR: '1' } });
    assert.equal(run.status, 1);
    assertNoLeak('text with colour', run.stdout, run.stderr);
  });

  test('--output FILE for every format', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const file = join(root, '..', `report.${format}`);
      const run = cli(['scan', '.', '--format', format, '--output', file]);
      assert.equal(run.status, 1);
      assertNoLeak(`--output ${format}`, readFileSync(file, 'utf8'), run.stdout, run.stderr);
    }
  });

  test('git history scans (text and JSON, with --debug)', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const run = cli(['scan', '.', '--history', '--no-cache', '--debug', '--format', format]);
      assert.equal(run.status, 1, run.stderr);
      assertNoLeak(`--history ${format}`, run.stdout, run.stderr);
    }
  });

  test('the baseline file and stale-baseline lines', () => {
    const file = join(root, '..', 'baseline.json');
    const run = cli(['baseline', '.', '--output', file, '--debug']);
    assertNoLeak('baseline', readFileSync(file, 'utf8'), run.stdout, run.stderr);
    // Stale entries are reported on stderr: scan a subdirectory with the whole tree's baseline.
    const stale = cli(['scan', 'corpus/keys', '--baseline', file, '--format', 'json']);
    assertNoLeak('stale baseline', stale.stdout, stale.stderr);
  });

  test('warnings about malformed files that hold secrets', () => {
    const dir = join(root, '..', 'malformed');
    const [a, b, c] = secrets;
    put(dir, 'appsettings.json', `{ "ClientSecret": "${a}", , }`);
    put(dir, 'values.yaml', `a: [\nClientSecret: "${b}\n  : : "${c}`);
    put(dir, 'nb.ipynb', `{"cells": [{"source": ["${c}"`);
    put(dir, 'web.config', `<configuration><appSettings><add key="ClientSecret" value="${a}"></configuration`);
    put(dir, 'main.tfvars', `client_secret = "${b}\nx = {{{`);
    const run = cli(['scan', '.', '--debug'], dir);
    assert.match(run.stderr, /warning/);
    assertNoLeak('malformed-file warnings', run.stdout, run.stderr);
  });

  test('config errors that quote values', () => {
    const dir = join(root, '..', 'config-errors');
    const [a] = secrets;
    const configs = [
      { maxFileSize: a },
      { rules: { [a!]: 'off' } },
      { rules: { [a!]: 1 } },
      { [a!]: true },
      { allowlist: { values: [`${a}(`] } },
      { detectors: [{ id: 'custom', pattern: `(?<secret>${a})(`, keywords: ['x'] }] },
      { detectors: [{ id: 'custom', pattern: `(?<secret>${a}(a+)+)$`, keywords: ['x'] }] },
      { include: a, exclude: [{ [a!]: 1 }] },
    ];
    configs.forEach((config, i) => {
      put(dir, `c${i}/keyless.config.json`, JSON.stringify(config));
      const run = cli(['scan', '.', '--debug'], join(dir, `c${i}`));
      assert.equal(run.status, 2, run.stderr);
      assertNoLeak(`config error ${i}: ${Object.keys(config).join(',')}`, run.stdout, run.stderr);
    });
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, `{"maxFileSize": ${a}}`);
    const run = cli(['scan', '.', '--config', bad], dir);
    assert.equal(run.status, 2);
    assertNoLeak('config JSON syntax error', run.stdout, run.stderr);
  });

  test("the pre-commit hook's message in a real git commit", () => {
    const install = cli(['install-hook', '.']);
    assert.equal(install.status, 0, install.stderr);
    for (const [path, text] of Object.entries(corpusFiles())) put(root, path.replace(/^corpus\//, 'staged/'), text);
    execFileSync('git', ['add', '-A'], { cwd: root, env: env() });
    const commit = spawnSync('git', ['commit', '-m', 'add secrets'], { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });
    assert.notEqual(commit.status, 0, 'the hook must block the commit');
    assert.match(commit.stderr, /commit blocked/);
    assertNoLeak('pre-commit hook', commit.stdout, commit.stderr);
  });
});
