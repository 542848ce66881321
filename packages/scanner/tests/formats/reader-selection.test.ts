import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assignmentPlaceFor, readerFor } from '../../src/formats/index.js';

describe('readerFor', () => {
  const expected: [string, string][] = [
    ['appsettings.json', 'json'],
    ['src/Api/appsettings.Production.json', 'json'],
    ['local.settings.json', 'json'],
    ['infra/main.parameters.json', 'json'],
    ['.vscode/settings.jsonc', 'json'],
    ['package-lock.json', 'lockfile'],
    ['notebooks/Explore.IPYNB', 'ipynb'],
    ['.env', 'dotenv'],
    ['.env.production', 'dotenv'],
    ['docker/db.env', 'dotenv'],
    ['.github/workflows/ci.yml', 'yaml'],
    ['k8s/secret.yaml', 'yaml'],
    ['pnpm-lock.yaml', 'lockfile'],
    ['prod.tfvars', 'tfvars'],
    ['prod.auto.tfvars', 'tfvars'],
    ['main.bicepparam', 'tfvars'],
    ['Web.config', 'xml'],
    ['App/App.csproj', 'xml'],
    ['src/index.ts', 'text'],
    ['README.md', 'text'],
    ['.envrc', 'text'],
    ['main.bicep', 'text'],
    ['bundle.js.map', 'text'],
  ];
  for (const [path, name] of expected) {
    test(`${path} -> ${name}`, () => assert.equal(readerFor(path, '').name, name));
  }
});

describe('assignmentPlaceFor', () => {
  const expected: [string, 'config' | 'code'][] = [
    ['appsettings.json', 'config'],
    ['.env', 'config'],
    ['k8s/secret.yaml', 'config'],
    ['Web.config', 'config'],
    ['prod.tfvars', 'config'],
    ['db/.pgpass', 'config'],
    ['conf/app.ini', 'config'],
    ['ventrilo_srv.ini', 'config'],
    ['src/index.ts', 'code'],
    ['scripts/deploy.sh', 'code'],
    ['notebooks/Explore.ipynb', 'code'],
    ['package-lock.json', 'code'],
    ['README.md', 'code'],
  ];
  for (const [path, place] of expected) {
    test(`${path} -> ${place}`, () => assert.equal(assignmentPlaceFor(path, ''), place));
  }
});
