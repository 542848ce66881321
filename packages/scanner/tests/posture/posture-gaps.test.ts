/**
 * Posture rules on the patterns the first cut missed, at exact positions: settings in a separate
 * `sites/config` resource, keys passed as module parameters, Redis and AI Search auth options,
 * Azure PowerShell `Connect-AzAccount` sign-ins, and the look-alikes real templates are full of
 * (bool and array parameters, Application Insights connection strings, the Azure Files content
 * share setting), plus the GitHub repository in federated credential subjects.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { postureRules } from '../../src/detect/posture/catalog.js';
import { postureRemediation } from '../../src/detect/posture/remediation.js';
import { azureDevOpsProjectOf, githubRepositoryOf, withOrigin } from '../../src/detect/posture/subject.js';
import type { Finding } from '../../src/finding/finding.js';
import { scanPosture } from '../../src/pipeline/posture-scan.js';
import { needsOrigin, withOriginSubjects } from '../../src/pipeline/posture-subjects.js';
import { repositoryOrigin } from '../../src/sources/git/repository-origin.js';

/** `rule@line:column evidence` of every posture finding in one file. */
function found(path: string, text: string): string[] {
  return scanPosture(text, path, postureRules).findings.map((f) => `${f.ruleId}@${f.line}:${f.column} ${f.secret}`);
}

const ARM_HEAD = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n';

describe('posture: app settings in a separate sites/config resource', () => {
  test('Bicep: a Key Vault reference in appsettings of a parent app without identity; a key in any config', () => {
    const text = [
      "resource web 'Microsoft.Web/sites@2023-12-01' = {",
      "  name: 'web'",
      '}',
      "resource settings 'Microsoft.Web/sites/config@2023-12-01' = {",
      '  parent: web',
      "  name: 'appsettings'",
      '  properties: {',
      "    Db: '@Microsoft.KeyVault(VaultName=kv;SecretName=db)'",
      "    Cache: 'c.redis.cache.windows.net,password=${cache.listKeys().primaryKey}'",
      '  }',
      '}',
      "resource cache 'Microsoft.Cache/redis@2024-03-01' existing = {",
      "  name: 'c'",
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found('infra/web.bicep', text), [
      'posture-iac-key-in-setting@9:50 cache.listKeys()',
      'posture-iac-keyvault-reference-without-identity@8:10 @Microsoft.KeyVault(...) without identity',
    ]);
  });

  test('Bicep: no finding when the parent app has an identity, or is declared elsewhere (existing)', () => {
    const config = "resource settings 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: web\n  name: 'appsettings'\n  properties: {\n    Db: '@Microsoft.KeyVault(VaultName=kv;SecretName=db)'\n  }\n}\n";
    assert.deepEqual(found('a.bicep', `resource web 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'web'\n  identity: { type: 'SystemAssigned' }\n}\n${config}`), []);
    assert.deepEqual(found('b.bicep', `resource web 'Microsoft.Web/sites@2023-12-01' existing = {\n  name: 'web'\n}\n${config}`), []);
  });

  test('ARM: a config resource nested in the app (type `config`) is matched with that app, and reported once', () => {
    const resources = (identity: string) =>
      `${ARM_HEAD}  "resources": [\n    {\n      "type": "Microsoft.Web/sites",\n      "name": "web",${identity}\n      "resources": [\n        {\n          "type": "config",\n          "name": "appsettings",\n          "properties": { "Db": "@Microsoft.KeyVault(VaultName=kv;SecretName=db)" }\n        }\n      ]\n    }\n  ]\n}\n`;
    assert.deepEqual(found('azuredeploy.json', resources('')), ['posture-iac-keyvault-reference-without-identity@12:34 @Microsoft.KeyVault(...) without identity']);
    assert.deepEqual(found('azuredeploy.json', resources('\n      "identity": { "type": "SystemAssigned" },')), []);
  });
  test('ARM: a top-level config resource named after its app ([concat(...)] or web/appsettings) is matched with that app', () => {
    const template = (identity: string, configName: string) =>
      `${ARM_HEAD}  "resources": [\n    { "type": "Microsoft.Web/sites", "name": "[parameters('site')]",${identity} "properties": {} },\n    {\n      "type": "Microsoft.Web/sites/config",\n      "name": "${configName}",\n      "properties": { "Db": "@Microsoft.KeyVault(VaultName=kv;SecretName=db)" }\n    }\n  ]\n}\n`;
    const concat = "[concat(parameters('site'), '/appsettings')]";
    assert.deepEqual(found('azuredeploy.json', template('', concat)), ['posture-iac-keyvault-reference-without-identity@9:30 @Microsoft.KeyVault(...) without identity']);
    assert.deepEqual(found('azuredeploy.json', template(' "identity": { "type": "SystemAssigned" },', concat)), []);
    assert.deepEqual(found('azuredeploy.json', template('', "[concat(parameters('other'), '/appsettings')]")), [], 'the config of an app declared elsewhere');
    const literal = template('', 'web/appsettings').replace("[parameters('site')]", 'web');
    assert.deepEqual(found('azuredeploy.json', literal), ['posture-iac-keyvault-reference-without-identity@9:30 @Microsoft.KeyVault(...) without identity']);
  });
});

describe('posture: keys passed into modules', () => {
  test('Bicep: listKeys() as a module parameter is reported at the call; the account name is not', () => {
    const text = "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'st'\n}\nmodule api './api.bicep' = {\n  name: 'api'\n  params: {\n    storageAccountName: stg.name\n    storageKey: stg.listKeys().keys[0].value\n  }\n}\n";
    assert.deepEqual(found('main.bicep', text), ['posture-iac-key-in-setting@8:17 stg.listKeys()']);
    const finding = scanPosture(text, 'main.bicep', postureRules).findings[0]!;
    assert.equal(finding.posture?.service, 'storage');
    assert.equal(finding.key, 'params:storageKey');
  });
});

describe('posture: Bicep expressions over several lines', () => {
  test('a ternary continued on lines starting with ? and : is one value; stg!.listKeys() (non-null) is a key call', () => {
    const text = "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'st'\n}\nvar jobs = useIdentity\n  ? { AzureWebJobsStorage__accountName: stg.name }\n  : { AzureWebJobsStorage: 'AccountKey=${stg!.listKeys().keys[0].value}' }\nvar after = 'no key here'\n";
    assert.deepEqual(found('web-sites.config.bicep', text), ['posture-iac-key-in-setting@6:42 stg!.listKeys()']);
    const finding = scanPosture(text, 'web-sites.config.bicep', postureRules).findings[0]!;
    assert.equal(finding.posture?.service, 'storage');
  });
});

describe('posture: the Log Analytics workspace key of a Container Apps environment', () => {
  test('is reported with the Log Analytics remediation (azure-monitor destination, no role to assign)', () => {
    const text = "resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {\n  name: 'logs'\n}\nresource env 'Microsoft.App/managedEnvironments@2024-03-01' = {\n  name: 'env'\n  properties: {\n    appLogsConfiguration: {\n      destination: 'log-analytics'\n      logAnalyticsConfiguration: {\n        customerId: logs.properties.customerId\n        sharedKey: logs.listKeys().primarySharedKey\n      }\n    }\n  }\n}\n";
    assert.deepEqual(found('containerapps.bicep', text), ['posture-iac-key-in-setting@11:20 logs.listKeys()']);
    const finding = scanPosture(text, 'containerapps.bicep', postureRules).findings[0]!;
    assert.equal(finding.posture?.service, 'log-analytics');
    const steps = postureRemediation(postureRules.find((r) => r.id === finding.ruleId)!, finding.posture!).steps;
    assert.ok(steps.some((s) => s.startsWith('Azure Monitor Log Analytics: ') && s.includes("destination: 'azure-monitor'")), steps.join('\n'));
    assert.ok(!steps.some((s) => s.includes("give the app's managed identity  on")), 'no empty role list');
  });
});

describe('posture: AI Search admin and query keys', () => {
  test('listAdminKeys() and listQueryKeys() handed to an app are keys of the search service', () => {
    const text = "resource search 'Microsoft.Search/searchServices@2023-11-01' existing = {\n  name: 's'\n}\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'SEARCH_ADMIN_KEY', value: search.listAdminKeys().primaryKey }\n        { name: 'SEARCH_QUERY_KEY', value: search.listQueryKeys().value[0].key }\n      ]\n    }\n  }\n}\n";
    assert.deepEqual(found('app.bicep', text), ['posture-iac-key-in-setting@9:44 search.listAdminKeys()', 'posture-iac-key-in-setting@10:44 search.listQueryKeys()']);
    assert.deepEqual(
      scanPosture(text, 'app.bicep', postureRules).findings.map((f) => f.posture?.service),
      ['search', 'search'],
    );
  });
});

describe('posture: Redis and AI Search auth options', () => {
  test('Bicep Redis disableAccessKeyAuthentication: false, Terraform access_keys_authentication_enabled = true', () => {
    assert.deepEqual(found('redis.bicep', "resource cache 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'c'\n  properties: {\n    disableAccessKeyAuthentication: false\n  }\n}\n"), [
      'posture-iac-local-auth-enabled@4:5 disableAccessKeyAuthentication: false',
    ]);
    assert.deepEqual(found('redis.tf', 'resource "azurerm_redis_cache" "c" {\n  name = "c"\n  access_keys_authentication_enabled = true\n}\n'), [
      'posture-iac-local-auth-enabled@3:3 access_keys_authentication_enabled: true',
    ]);
    assert.deepEqual(found('redis.bicep', "resource cache 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'c'\n  properties: {\n    disableAccessKeyAuthentication: true\n  }\n}\n"), []);
  });

  test('AI Search authOptions apiKeyOnly (ARM) and aadOrApiKey (Bicep module params) keep keys on; disableLocalAuth: true does not', () => {
    const arm = `${ARM_HEAD}  "resources": [\n    { "type": "Microsoft.Search/searchServices", "name": "s", "properties": { "authOptions": { "apiKeyOnly": {} } } }\n  ]\n}\n`;
    assert.deepEqual(found('azuredeploy.json', arm), ['posture-iac-local-auth-enabled@5:97 authOptions: apiKeyOnly']);
    const bicep = "module search 'core/search/search-services.bicep' = {\n  name: 'search'\n  params: {\n    authOptions: {\n      aadOrApiKey: {\n        aadAuthFailureMode: 'http401WithBearerChallenge'\n      }\n    }\n  }\n}\n";
    assert.deepEqual(found('main.bicep', bicep), ['posture-iac-local-auth-enabled@5:7 authOptions: aadOrApiKey']);
    assert.deepEqual(found('search.bicep', "resource s 'Microsoft.Search/searchServices@2023-11-01' = {\n  name: 's'\n  properties: {\n    disableLocalAuth: true\n  }\n}\n"), []);
  });
});

describe('posture: Connect-AzAccount with a service principal secret or certificate', () => {
  test('GitHub Actions pwsh step with -Credential, at the cmdlet', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - shell: pwsh\n        run: |\n          $cred = [pscredential]::new($env:ID, (ConvertTo-SecureString $env:SECRET -AsPlainText -Force))\n          Connect-AzAccount -ServicePrincipal -Credential $cred -Tenant $env:TENANT\n';
    assert.deepEqual(found('.github/workflows/deploy.yml', text), ['posture-ci-az-login-secret@9:11 Connect-AzAccount -ServicePrincipal -Credential']);
  });

  test('AzurePowerShell@5 inline script with -CertificateThumbprint across backtick continuations; azure/powershell with.inlineScript', () => {
    const pipeline = 'steps:\n  - task: AzurePowerShell@5\n    inputs:\n      azureSubscription: legacy\n      ScriptType: InlineScript\n      Inline: |\n        Connect-AzAccount -ServicePrincipal `\n          -ApplicationId $(appId) -Tenant $(tenantId) `\n          -CertificateThumbprint $(thumbprint)\n      azurePowerShellVersion: LatestVersion\n';
    assert.deepEqual(found('azure-pipelines.yml', pipeline), ['posture-ci-az-login-secret@7:9 Connect-AzAccount -ServicePrincipal -CertificateThumbprint']);
    const action = 'on: push\njobs:\n  a:\n    steps:\n      - uses: azure/powershell@v2\n        with:\n          azPSVersion: latest\n          inlineScript: Login-AzAccount -Credential $c -ServicePrincipal -Tenant $t\n';
    assert.deepEqual(found('.github/workflows/ps.yml', action), ['posture-ci-az-login-secret@8:25 Login-AzAccount -ServicePrincipal -Credential']);
  });

  test('federated token, managed identity and interactive sign-ins are not reported', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - shell: pwsh\n        run: |\n          Connect-AzAccount -ServicePrincipal -ApplicationId $env:ID -Tenant $env:T -FederatedToken $env:TOKEN\n          Connect-AzAccount -Identity\n          Connect-AzAccount -Credential $userCred\n';
    assert.deepEqual(found('.github/workflows/ok.yml', text), []);
  });
});

describe('posture: look-alikes in real templates are not reported', () => {
  test('bool and array parameters, Application Insights connection strings, the Functions content share setting', () => {
    const text = [
      'param allowSharedKeyAccess bool = true',
      'param secrets array = []',
      'param appinsights_Connectionstring string',
      'param applicationInsightsConnectionString string',
      'param storageAccountKey string',
      "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {",
      "  name: 'st'",
      '}',
      "resource func 'Microsoft.Web/sites@2023-12-01' = {",
      "  name: 'func'",
      '  properties: {',
      '    siteConfig: {',
      '      appSettings: [',
      "        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: 'AccountKey=${stg.listKeys().keys[0].value}' }",
      "        { name: 'AzureWebJobsStorage', value: 'AccountKey=${stg.listKeys().keys[0].value}' }",
      '      ]',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found('main.bicep', text), ['posture-iac-key-in-setting@15:61 stg.listKeys()', 'posture-iac-secret-param-not-secure@5:7 storageAccountKey']);
  });

  test('Terraform: app_settings WEBSITE_CONTENTAZUREFILECONNECTIONSTRING is not reported, other settings are', () => {
    const text = 'resource "azurerm_windows_function_app" "f" {\n  app_settings = {\n    WEBSITE_CONTENTAZUREFILECONNECTIONSTRING = azurerm_storage_account.sa.primary_connection_string\n    Queue = azurerm_storage_account.sa.primary_connection_string\n  }\n}\n';
    assert.deepEqual(found('main.tf', text), ['posture-iac-key-in-setting@4:13 azurerm_storage_account.sa.primary_connection_string']);
  });
});

describe('posture: the repository in federated credential subjects', () => {
  test('GitHub remote URLs give owner/name; anything else, or a name GitHub would refuse, gives undefined', () => {
    assert.equal(githubRepositoryOf('https://github.com/acme/web-app.git'), 'acme/web-app');
    // A clone URL with a token in it (built here so the file holds no URL with credentials).
    assert.equal(githubRepositoryOf(['https://x-access-token', 'abc@github.com/acme/web.app'].join(':')), 'acme/web.app');
    assert.equal(githubRepositoryOf('git@github.com:Acme-1/app_2.git\n'), 'Acme-1/app_2');
    assert.equal(githubRepositoryOf('ssh://git@github.com/acme/app/'), 'acme/app');
    for (const hostile of [
      'https://gitlab.com/acme/app.git',
      'https://github.com.evil.example/acme/app',
      'https://github.com/acme/app/tree/main',
      'https://github.com/ac$(id)me/app',
      'https://github.com/acme/app\u001b[31m',
      'https://github.com/-acme/app',
      'https://github.com/acme/..',
      'https://github.com/acme/a:b',
      'git@github.com:acme/app\nrepo:other/x',
    ]) {
      assert.equal(githubRepositoryOf(hostile), undefined, hostile);
    }
  });

  test('Azure DevOps remote URLs give organization/project (decoded, validated)', () => {
    assert.equal(azureDevOpsProjectOf('https://contoso@dev.azure.com/contoso/Web%20Shop/_git/web'), 'contoso/Web Shop');
    assert.equal(azureDevOpsProjectOf('git@ssh.dev.azure.com:v3/contoso/Web/web'), 'contoso/Web');
    assert.equal(azureDevOpsProjectOf('https://contoso.visualstudio.com/DefaultCollection/Web/_git/web'), 'contoso/Web');
    for (const hostile of ['https://dev.azure.com/contoso/We%2Fb/_git/web', 'https://dev.azure.com/con$oso/Web/_git/web', 'https://dev.azure.com/contoso/%E0%A4%A/_git/web', 'https://dev.azure.com/contoso/Web%0A/_git/web', 'https://github.com/acme/app']) {
      assert.equal(azureDevOpsProjectOf(hostile), undefined, hostile);
    }
  });

  test('subjects with a placeholder get the names of the origin; unknown origins leave them alone', () => {
    assert.equal(withOrigin('repo:<owner>/<repo>:environment:prod', { github: 'acme/app' }), 'repo:acme/app:environment:prod');
    assert.equal(withOrigin('repo:<owner>/<repo>:environment:prod', {}), 'repo:<owner>/<repo>:environment:prod');
    assert.equal(withOrigin('sc://<organization>/<project>/prod-connection', { azureDevOps: 'contoso/Web' }), 'sc://contoso/Web/prod-connection');
    const text = 'on: push\njobs:\n  d:\n    environment: prod\n    steps:\n      - uses: azure/login@v1\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n';
    const findings: Finding[] = scanPosture(text, '.github/workflows/d.yml', postureRules).findings;
    assert.equal(needsOrigin(findings), true);
    assert.deepEqual(withOriginSubjects(findings, { github: 'acme/app' }).map((f) => f.posture?.subject), ['repo:acme/app:environment:prod']);
    assert.equal(needsOrigin(withOriginSubjects(findings, { github: 'acme/app' })), false);
    const pipeline = 'steps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod-connection\n      addSpnToEnvironment: true\n      inlineScript: export ARM_CLIENT_SECRET=$servicePrincipalKey\n';
    const azp = scanPosture(pipeline, 'azure-pipelines.yml', postureRules).findings;
    assert.deepEqual(withOriginSubjects(azp, { azureDevOps: 'contoso/Web' }).map((f) => f.posture?.subject), ['sc://contoso/Web/prod-connection']);
  });

  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test("repositoryOrigin reads the work tree's origin through the safe git module", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyless-posture-remote-'));
    dirs.push(dir);
    execFileSync('git', ['init', '-q', dir]);
    assert.deepEqual(await repositoryOrigin(dir), {}, 'no origin');
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/web-app.git']);
    assert.deepEqual(await repositoryOrigin(dir), { github: 'acme/web-app' });
    execFileSync('git', ['-C', dir, 'remote', 'set-url', 'origin', 'https://dev.azure.com/contoso/Web/_git/web']);
    assert.deepEqual(await repositoryOrigin(dir), { azureDevOps: 'contoso/Web' });
    execFileSync('git', ['-C', dir, 'remote', 'set-url', 'origin', 'https://github.com/acme/$(touch pwned)']);
    assert.deepEqual(await repositoryOrigin(dir), {});
    assert.deepEqual(await repositoryOrigin(join(dir, 'missing')), {}, 'not a repository');
  });
});
