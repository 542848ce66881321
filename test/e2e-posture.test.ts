/**
 * Posture findings end to end (issue 16): the same scan paths (tree, range, staged; not history), every
 * report format, `--no-posture` and config `posture`, inline ignores, baselines, the exit policy
 * (the pre-commit `--staged` scan never fails on posture unless `posture: "fail"`), and `explain`.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { SandboxRepo, removeTempDirs } from './helpers/sandbox-repo.js';

after(removeTempDirs);

const WORKFLOW = 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: prod\n    steps:\n      - uses: azure/login@v1\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n';
const BICEP =
  "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n}\n\nresource func 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'func'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'AzureWebJobsStorage', value: 'AccountName=${stg.name};AccountKey=${stg.listKeys().keys[0].value}' }\n      ]\n    }\n  }\n}\n";
const TERRAFORM = 'provider "azurerm" {\n  features {}\n  client_secret = var.client_secret\n}\n';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  secret: string;
  category?: string;
  replacement?: { language: string; code: string };
  remediation: string;
}
const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
const brief = (fs: readonly JsonFinding[]) => fs.map((f) => `${f.path}:${f.line}:${f.column} ${f.ruleId}`);

function repoWithPosture(prefix: string): SandboxRepo {
  const repo = SandboxRepo.create(prefix);
  repo.write('.github/workflows/deploy.yml', WORKFLOW);
  repo.write('infra/main.bicep', BICEP);
  repo.write('providers.tf', TERRAFORM);
  return repo;
}

const EXPECTED = [
  '.github/workflows/deploy.yml:9:11 posture-gha-azure-login-secret',
  'infra/main.bicep:10:85 posture-iac-key-in-setting',
  'providers.tf:3:3 posture-tf-provider-client-secret',
];

describe('posture findings on a working tree', () => {
  const repo = repoWithPosture('posture-tree');

  test('JSON: each posture finding with its position, category, construct and replacement; exit 1', () => {
    const r = repo.keyless('scan', '--format', 'json', '--quiet');
    assert.equal(r.status, 1, r.stderr);
    const fs = findingsOf(r.stdout);
    assert.deepEqual(brief(fs), EXPECTED);
    for (const f of fs) assert.equal(f.category, 'posture');
    assert.equal(fs[0]!.secret, 'creds: ${{ secrets.AZURE_CREDENTIALS }}');
    assert.equal(fs[1]!.secret, 'stg.listKeys()');
    assert.equal(fs[1]!.replacement?.language, 'bicep');
    assert.match(fs[1]!.replacement!.code, /AzureWebJobsStorage__accountName/);
    assert.match(fs[1]!.remediation, /Storage Blob Data Owner \(b7e6dc6d-f1e8-4753-8033-0f276bb0955b\)/);
    assert.match(fs[0]!.remediation, /Federated credential subject: repo:<owner>\/<repo>:environment:prod/);
  });

  test('text: the construct shown, the replacement for the file language, posture counted apart', () => {
    const r = repo.keyless('scan');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /found {2}stg\.listKeys\(\)/);
    assert.match(r.stdout, /replacement \(terraform\):\n +provider "azurerm" \{/);
    assert.match(r.stdout, /✖ 3 posture findings \(3 high\) in 3 files\n$/);
    assert.match(r.stderr, /; 0 findings and 3 posture findings /);
  });

  test('SARIF: posture rules tagged `posture` with their own category; results marked', () => {
    const r = repo.keyless('scan', '--format', 'sarif', '--quiet');
    const run = (JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; properties: { tags: string[]; category?: string } }[] } }; results: { ruleId: string; properties: { category?: string } }[] }[] }).runs[0]!;
    const rule = run.tool.driver.rules.find((x) => x.id === 'posture-iac-key-in-setting')!;
    assert.deepEqual(rule.properties.tags.slice(0, 2), ['security', 'posture']);
    assert.equal(rule.properties.category, 'posture');
    assert.deepEqual(run.results.map((x) => `${x.ruleId} ${x.properties.category}`), EXPECTED.map((e) => `${e.split(' ')[1]} posture`));
  });

  test('github annotations name the rule', () => {
    const r = repo.keyless('scan', '--format', 'github', '--quiet');
    assert.match(r.stdout, /^::error file=providers\.tf,line=3,col=3,endColumn=16,title=Terraform Azure provider signs in with a client secret \(posture-tf-provider-client-secret\)::/m);
  });

  test('--no-posture and config posture: false turn them off', () => {
    const off = repo.keyless('scan', '--no-posture', '--format', 'json', '--quiet');
    assert.equal(off.status, 0, off.stderr);
    assert.deepEqual(findingsOf(off.stdout), []);
    const cfg = SandboxRepo.create('posture-config');
    cfg.write('providers.tf', TERRAFORM);
    cfg.write('keyless.config.json', '{ "posture": false }\n');
    assert.equal(cfg.keyless('scan', '--quiet').status, 0);
    cfg.write('keyless.config.json', '{ "posture": "report" }\n');
    const report = cfg.keyless('scan', '--format', 'json', '--quiet');
    assert.equal(report.status, 0);
    assert.equal(findingsOf(report.stdout).length, 1);
    cfg.write('keyless.config.json', '{ "posture": "sometimes" }\n');
    const bad = cfg.keyless('scan', '--quiet');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^keyless: .*posture/m);
  });

  test('a rule can be turned off or re-rated in the config', () => {
    const cfg = SandboxRepo.create('posture-rules');
    cfg.write('providers.tf', TERRAFORM);
    cfg.write('keyless.config.json', '{ "rules": { "posture-tf-provider-client-secret": "off" } }\n');
    assert.equal(cfg.keyless('scan', '--quiet').status, 0);
    cfg.write('keyless.config.json', '{ "rules": { "posture-tf-provider-client-secret": "low" } }\n');
    const r = cfg.keyless('scan', '--format', 'json', '--quiet', '--fail-on', 'medium');
    assert.equal(r.status, 0);
    assert.equal(findingsOf(r.stdout)[0]?.ruleId, 'posture-tf-provider-client-secret');
  });

  test('inline ignores and baselines are honoured', () => {
    const ig = SandboxRepo.create('posture-ignore');
    ig.write('providers.tf', 'provider "azurerm" {\n  features {}\n  # keyless-ignore-next-line posture-tf-provider-client-secret -- migrating in #42\n  client_secret = var.client_secret\n}\n');
    const r = ig.keyless('scan', '--format', 'json');
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(findingsOf(r.stdout), []);
    assert.match(r.stderr, /1 inline ignore/);

    const bl = repoWithPosture('posture-baseline');
    assert.equal(bl.keyless('baseline', '--output', 'baseline.json').status, 0);
    const clean = bl.keyless('scan', '--baseline', 'baseline.json', '--format', 'json', '--quiet');
    assert.equal(clean.status, 0, clean.stderr);
    assert.deepEqual(findingsOf(clean.stdout), []);
  });
});

describe('posture findings in git scans', () => {
  test('--staged (the pre-commit hook) reports them without failing, unless posture: "fail"', () => {
    const repo = SandboxRepo.create('posture-staged');
    repo.commit('init', { 'README.md': 'hi\n' });
    repo.write('providers.tf', TERRAFORM);
    repo.git('add', 'providers.tf');
    const r = repo.keyless('scan', '--staged', '--format', 'json', '--quiet');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(brief(findingsOf(r.stdout)), ['providers.tf:3:3 posture-tf-provider-client-secret']);
    repo.write('keyless.config.json', '{ "posture": "fail" }\n');
    assert.equal(repo.keyless('scan', '--staged', '--quiet').status, 1);
  });

  test('--range (the CI gate) fails on them; --history does not run them', () => {
    const repo = SandboxRepo.create('posture-range');
    const base = repo.commit('init', { 'README.md': 'hi\n' });
    const head = repo.commit('infra', { '.github/workflows/deploy.yml': WORKFLOW });
    const r = repo.keyless('scan', '--range', `${base}..${head}`, '--format', 'json', '--quiet');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(brief(findingsOf(r.stdout)), [EXPECTED[0]!]);
    const h = repo.keyless('scan', '--history', '--no-cache', '--format', 'json', '--quiet');
    assert.equal(h.status, 0, h.stderr);
    assert.deepEqual(findingsOf(h.stdout), []);
  });
});

describe('keyless explain posture-*', () => {
  test('prints the migration: identity, role name and id, settings, replacement per language', () => {
    const repo = SandboxRepo.create('posture-explain');
    const r = repo.keyless('explain', 'posture-iac-key-in-setting');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^posture-iac-key-in-setting: Account key or connection string wired into a resource\n/);
    assert.match(r.stdout, /Replacement \(bicep\):\n {4}resource func 'Microsoft\.Web\/sites@2023-12-01'/);
    assert.match(r.stdout, /Replacement \(terraform\):/);
    assert.match(r.stdout, /b7e6dc6d-f1e8-4753-8033-0f276bb0955b/);
    const list = repo.keyless('explain', '--list');
    assert.match(list.stdout, /^posture-gha-azure-login-secret +high /m);
  });
});

describe('the repository in federated credential subjects', () => {
  test('scan and explain name the repository of a GitHub (or Azure DevOps) origin; a hostile origin keeps the placeholder', () => {
    const repo = SandboxRepo.create('posture-subject');
    repo.write('.github/workflows/deploy.yml', WORKFLOW);
    repo.git('remote', 'add', 'origin', 'git@github.com:acme/web-app.git');
    const json = repo.keyless('scan', '--format', 'json', '--quiet');
    assert.equal(json.status, 1, json.stderr);
    assert.match(findingsOf(json.stdout)[0]!.remediation, /Federated credential subject: repo:acme\/web-app:environment:prod/);
    const text = repo.keyless('scan', '--quiet');
    assert.match(text.stdout, /Federated credential subject: repo:acme\/web-app:environment:prod/);
    const explain = repo.keyless('explain', 'posture-gha-azure-login-secret');
    assert.match(explain.stdout, /subject as shown \(`repo:acme\/web-app:environment:<name>`/);

    repo.git('remote', 'set-url', 'origin', 'https://github.com/acme/web\u001b[2Japp');
    const hostile = repo.keyless('scan', '--format', 'json', '--quiet');
    assert.match(findingsOf(hostile.stdout)[0]!.remediation, /Federated credential subject: repo:<owner>\/<repo>:environment:prod/);
    assert.doesNotMatch(hostile.stdout, /\u001b/);
    repo.git('remote', 'set-url', 'origin', 'https://dev.azure.com/org/project/_git/web-app');
    assert.match(repo.keyless('explain', 'posture-gha-azure-login-secret').stdout, /`repo:<owner>\/<repo>:environment:<name>`/);
    assert.match(repo.keyless('explain', 'posture-azp-spn-key-in-script').stdout, /subject is `sc:\/\/org\/project\/<service connection name>`/);
  });
});
