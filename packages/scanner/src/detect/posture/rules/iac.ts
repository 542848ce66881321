/**
 * Posture rules for infrastructure code (Bicep, ARM JSON, Terraform): keys and connection strings
 * wired into apps or returned as outputs, secrets passed as plain parameters, Key Vault on access
 * policies, local (key) auth turned on, and an azurerm provider signing in with a client secret. Pure.
 */
import { declsByName, keyExpressionsIn, serviceOfType, ownBody, settingValuesUnder, spanIn } from './iac-helpers.js';
import { entryOf, isBool, nodeAt, objectsUnder, textOf, valuesUnder, type PDecl, type PEntry, type PNode, type PostureDoc } from '../tree.js';
import type { PostureHit, PostureRule } from '../types.js';

const IAC = ['bicep', 'arm', 'terraform'] as const;
const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const arm = (body: string) => `{\n  "$schema": "${ARM_SCHEMA}",\n  "contentVersion": "1.0.0.0",\n${body}\n}\n`;
const IDENTITY_DOCS = 'https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity';

/**
 * App settings that need a key whatever the app's identity: the Azure Files content share of
 * Consumption and Elastic Premium Functions plans has no identity-based connection (only a Flex
 * Consumption plan drops it), so a key there has no secret-free replacement on that plan.
 */
const KEY_REQUIRED_SETTINGS = new Set(['website_contentazurefileconnectionstring']);

/** Key expressions in the declarations of the given kinds. */
function keyHits(doc: PostureDoc, kinds: readonly PDecl['kind'][]): PostureHit[] {
  const byName = declsByName(doc);
  const hits: PostureHit[] = [];
  for (const d of doc.decls) {
    if (!kinds.includes(d.kind)) continue;
    for (const { value, path, setting } of settingValuesUnder(doc.language === 'arm' ? ownBody(d) : d.body)) {
      if (setting !== undefined && KEY_REQUIRED_SETTINGS.has(setting.toLowerCase())) continue;
      const first = keyExpressionsIn(value, doc, byName)[0];
      if (!first) continue;
      const span = spanIn(value, doc, first.index, first.evidence.endsWith('…') ? 0 : first.evidence.length);
      hits.push({ ...span, evidence: first.evidence, key: path.length ? path.join(':') : d.name, ...(first.service ? { service: first.service } : {}) });
    }
  }
  return hits;
}

const BICEP_IDENTITY = `resource func 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'functionapp'
  identity: { type: 'SystemAssigned' }
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: stg.name }
      ]
    }
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: stg
  name: guid(stg.id, func.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: func.identity.principalId
    principalType: 'ServicePrincipal'
  }
}`;

const TF_IDENTITY = `resource "azurerm_linux_function_app" "app" {
  # ...
  storage_account_name          = azurerm_storage_account.sa.name
  storage_uses_managed_identity = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "blob_owner" {
  scope                = azurerm_storage_account.sa.id
  role_definition_name = "Storage Blob Data Owner" # b7e6dc6d-f1e8-4753-8033-0f276bb0955b
  principal_id         = azurerm_linux_function_app.app.identity[0].principal_id
}`;

const ARM_IDENTITY = `"identity": { "type": "SystemAssigned" },
"properties": { "siteConfig": { "appSettings": [
  { "name": "AzureWebJobsStorage__accountName", "value": "[parameters('storageAccountName')]" }
] } }
// and a Microsoft.Authorization/roleAssignments resource: roleDefinitionId
// "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')]",
// principalId "[reference(resourceId('Microsoft.Web/sites', parameters('name')), '2023-12-01', 'full').identity.principalId]"`;

const BICEP_STG = "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${uniqueString(resourceGroup().id)}'\n  location: location\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n}\n";

export const iacKeyInSetting: PostureRule = {
  id: 'posture-iac-key-in-setting',
  title: 'Account key or connection string wired into a resource',
  description: 'A key or connection string is read from a resource (`listKeys()`, `listConnectionStrings()`, Terraform `primary_access_key`, `primary_connection_string` and kin) and handed to an app setting, container env, connection string or secret. Every deployment copies the key into another place that can leak. An identity-based connection (the app\'s managed identity with a data role) needs no key.',
  severity: 'high',
  languages: IAC,
  check: (doc) => keyHits(doc, ['resource', 'module', 'var']),
  summary: 'Give the app a managed identity, assign it a data role on the resource, and replace the connection string with identity-based settings (e.g. `AzureWebJobsStorage__accountName`).',
  steps: [
    'Enable a managed identity on the app (`identity: { type: \'SystemAssigned\' }`; Terraform `identity { type = "SystemAssigned" }`).',
    'Assign the identity the data role on the resource the key came from (role name and built-in id below).',
    'Replace the setting that carried the key with identity-based settings (below) and remove the key expression.',
    'Once nothing uses keys, turn key access off on the resource and rotate the keys that were deployed.',
  ],
  snippets: [
    { language: 'bicep', code: BICEP_IDENTITY },
    { language: 'arm', code: ARM_IDENTITY },
    { language: 'terraform', code: TF_IDENTITY },
  ],
  defaults: 'A key is reported where it is read (`listKeys()`, `listConnectionStrings()`, a Terraform key attribute): in a resource, a variable, a `sites/config` resource or a module\'s parameters (a Bicep `listKeys()` passed into a module that puts it in app settings is reported at the call). A module output that returns a key is reported by posture-iac-key-output in the module\'s file; its uses in the caller are not followed across files. The Functions content share setting `WEBSITE_CONTENTAZUREFILECONNECTIONSTRING` is not reported: Consumption and Elastic Premium plans have no identity-based connection for it (a Flex Consumption plan drops the setting).',
  docs: [IDENTITY_DOCS, 'https://learn.microsoft.com/azure/azure-functions/functions-identity-based-connections-tutorial'],
  examples: () => ({
    positive: [
      { path: 'infra/main.bicep', text: `${BICEP_STG}module api './app/api.bicep' = {\n  name: 'api'\n  params: {\n    storageKey: stg.listKeys().keys[0].value\n  }\n}\n` },
      { path: 'infra/cache.bicep', text: "resource cache 'Microsoft.Cache/redis@2024-03-01' existing = {\n  name: 'cache'\n}\nresource web 'Microsoft.Web/sites@2023-12-01' existing = {\n  name: 'web'\n}\nresource settings 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: web\n  name: 'appsettings'\n  properties: {\n    CacheConnection: '${cache.name}.redis.cache.windows.net,ssl=true,password=${cache.listKeys().primaryKey}'\n  }\n}\n" },
      { path: 'infra/main.bicep', text: `${BICEP_STG}resource func 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'func'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'AzureWebJobsStorage', value: 'DefaultEndpointsProtocol=https;AccountName=\${stg.name};AccountKey=\${stg.listKeys().keys[0].value}' }\n      ]\n    }\n  }\n}\n` },
      { path: 'azuredeploy.json', text: arm(`  "resources": [\n    {\n      "type": "Microsoft.Web/sites",\n      "name": "func",\n      "properties": { "siteConfig": { "appSettings": [\n        { "name": "AzureWebJobsStorage", "value": "[concat('DefaultEndpointsProtocol=https;AccountName=', parameters('st'), ';AccountKey=', listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('st')), '2023-05-01').keys[0].value)]" }\n      ] } }\n    }\n  ]`) },
      { path: 'main.tf', text: 'resource "azurerm_linux_function_app" "app" {\n  name                       = "func"\n  storage_account_name       = azurerm_storage_account.sa.name\n  storage_account_access_key = azurerm_storage_account.sa.primary_access_key\n}\n' },
    ],
    negative: [
      { path: 'infra/func.bicep', text: `${BICEP_STG}resource func 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'func'\n  identity: { type: 'SystemAssigned' }\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'AzureWebJobsStorage__accountName', value: stg.name }\n        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: 'DefaultEndpointsProtocol=https;AccountName=\${stg.name};AccountKey=\${stg.listKeys().keys[0].value}' }\n      ]\n    }\n  }\n}\n` },
      { path: 'infra/main.bicep', text: `${BICEP_STG}module api './app/api.bicep' = {\n  name: 'api'\n  params: {\n    storageAccountName: stg.name\n  }\n}\n` },
      { path: 'infra/main.bicep', text: `${BICEP_STG}${BICEP_IDENTITY}\n` },
      { path: 'main.tf', text: `${TF_IDENTITY}\n` },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Web/sites", "name": "func", "properties": { "note": "listKeys( is not called in a literal" } }\n  ]') },
    ],
  }),
};

export const iacKeyOutput: PostureRule = {
  id: 'posture-iac-key-output',
  title: 'Output returns a key or connection string',
  description: 'A deployment output returns a key or connection string. Outputs are stored with the deployment (and in Terraform state) and readable by anyone who can read the deployment history.',
  severity: 'high',
  languages: IAC,
  check: (doc) => keyHits(doc, ['output']),
  summary: 'Remove the output, or output the endpoint / resource name and let consumers use their managed identity.',
  steps: [
    'Delete the output (and the consumer\'s use of it); output the endpoint or the resource name instead (`stg.properties.primaryEndpoints.blob`, `azurerm_storage_account.sa.primary_blob_endpoint`).',
    'Give the consumer a managed identity with a data role on the resource.',
    'Rotate the key: it is in the deployment history (and Terraform state) already.',
  ],
  snippets: [
    { language: 'bicep', code: 'output blobEndpoint string = stg.properties.primaryEndpoints.blob' },
    { language: 'arm', code: '"outputs": { "blobEndpoint": { "type": "string", "value": "[reference(resourceId(\'Microsoft.Storage/storageAccounts\', parameters(\'st\')), \'2023-05-01\').primaryEndpoints.blob]" } }' },
    { language: 'terraform', code: 'output "blob_endpoint" {\n  value = azurerm_storage_account.sa.primary_blob_endpoint\n}' },
  ],
  docs: ['https://learn.microsoft.com/azure/azure-resource-manager/bicep/scenarios-secrets'],
  examples: () => ({
    positive: [
      { path: 'azuredeploy.json', text: arm('  "resources": [],\n  "outputs": {\n    "key": { "type": "string", "value": "[listKeys(resourceId(\'Microsoft.Storage/storageAccounts\', parameters(\'st\')), \'2023-05-01\').keys[0].value]" }\n  }') },
      { path: 'main.bicep', text: `${BICEP_STG}output key string = stg.listKeys().keys[0].value\n` },
      { path: 'cosmos_output.tf', text: 'output "conn" {\n  value     = azurerm_cosmosdb_account.db.connection_strings[0]\n  sensitive = true\n}\n' },
      { path: 'outputs.tf', text: 'output "sb" {\n  value     = azurerm_servicebus_namespace.ns.default_primary_connection_string\n  sensitive = true\n}\n' },
    ],
    negative: [
      { path: 'azuredeploy.json', text: arm('  "resources": [],\n  "outputs": {\n    "blobEndpoint": { "type": "string", "value": "[reference(resourceId(\'Microsoft.Storage/storageAccounts\', parameters(\'st\')), \'2023-05-01\').primaryEndpoints.blob]" }\n  }') },
      { path: 'main.bicep', text: `${BICEP_STG}output blobEndpoint string = stg.properties.primaryEndpoints.blob\n` },
      { path: 'outputs.tf', text: 'output "blob_endpoint" {\n  value = azurerm_storage_account.sa.primary_blob_endpoint\n}\n' },
    ],
  }),
};

/** Secret-looking parameter names (lower-cased, without `_` and `-`). */
const SECRET_NAME = /password|passwd|secret|connectionstring|connstr|accesskey|accountkey|apikey|sastoken|sharedkey|privatekey/;
/**
 * ...unless they name something about the secret (`keyVaultSecretName`, `secretsPermissions`, and
 * `connectionStringKey`: the azd templates' name of the Key Vault secret that holds it).
 */
const NOT_THE_SECRET = /(?:name|names|id|ids|uri|url|ref|reference|enabled|expiry|expiration|version|type|count|length|permissions|vault|kind|connectionstringkey|secretkey(?:name)?)$/;

/**
 * Application Insights connection strings and instrumentation keys: Microsoft documents them as not
 * a security token or key (they only route telemetry), so they need no `@secure()`.
 */
const TELEMETRY = /insights|instrumentation/;

export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[_-]/g, '');
  return SECRET_NAME.test(n) && !NOT_THE_SECRET.test(n) && !TELEMETRY.test(n);
}

/**
 * Declared types that never hold a secret value or cannot be marked secure: booleans and numbers
 * (`param allowSharedKeyAccess bool`), and Bicep/ARM arrays, nullable ones too (`@secure()` applies to
 * string and object only, so `param secrets array` of a container app cannot follow the advice).
 */
const NOT_SECURABLE_TYPE = /^(?:bool|int|number|array|[\w.]{1,80}\[\])$/i;

function canHoldSecret(d: PDecl): boolean {
  return !NOT_SECURABLE_TYPE.test(d.type.replace(/\s+/g, '').replace(/\?$/, ''));
}

export const iacSecretParamNotSecure: PostureRule = {
  id: 'posture-iac-secret-param-not-secure',
  title: 'Secret parameter not marked secure / sensitive',
  description: 'A parameter or variable named like a secret (`adminPassword`, `storageAccountKey`, `client_secret`) is not declared `@secure()` (Bicep), `securestring` (ARM) or `sensitive = true` (Terraform): its value is logged in the deployment history and shown in plans. Better still, make the secret unnecessary (managed identity).',
  severity: 'medium',
  languages: IAC,
  check(doc) {
    return doc.decls
      .filter((d) => d.kind === 'param' && !d.secure && isSecretName(d.name) && canHoldSecret(d))
      .map((d) => ({ start: d.nameStart, end: d.nameEnd, evidence: d.name, key: d.name }));
  },
  summary: 'Mark it secure (`@secure()`, `securestring`, `sensitive = true`), or remove it by using a managed identity or a Key Vault reference.',
  steps: [
    'If the secret can go (a key for an Azure service, a service principal secret), use the app\'s managed identity instead and delete the parameter.',
    'Otherwise mark it secure so its value is not logged: Bicep `@secure()`, ARM `"type": "securestring"`, Terraform `sensitive = true`; pass it from Key Vault (`getSecret()` in a .bicepparam file, a Key Vault reference in an ARM parameter file).',
  ],
  snippets: [
    { language: 'bicep', code: '@secure()\nparam adminPassword string' },
    { language: 'arm', code: '"parameters": { "adminPassword": { "type": "securestring" } }' },
    { language: 'terraform', code: 'variable "admin_password" {\n  type      = string\n  sensitive = true\n}' },
  ],
  defaults: 'Names that describe a secret rather than hold one (ending in Name, Id, Uri, Url, Version, Enabled, Permissions...) are not reported.',
  docs: ['https://learn.microsoft.com/azure/azure-resource-manager/bicep/parameters#secure-parameters'],
  examples: () => ({
    positive: [
      { path: 'main.bicep', text: 'param location string = resourceGroup().location\nparam adminPassword string\n' },
      { path: 'azuredeploy.json', text: arm('  "parameters": {\n    "adminPassword": { "type": "string" }\n  },\n  "resources": []') },
      { path: 'variables.tf', text: 'variable "client_secret" {\n  type = string\n}\n' },
    ],
    negative: [
      { path: 'storage.bicep', text: "param allowSharedKeyAccess bool = false\n@description('The secrets of the container app')\nparam secrets array = []\nparam keyVaultSecrets secretType[]?\nparam appinsightsConnectionString string\nparam applicationInsightsInstrumentationKey string\n" },
      { path: 'azuredeploy.json', text: arm('  "parameters": {\n    "allowSharedKeyAccess": { "type": "bool" },\n    "secretValues": { "type": "array" }\n  },\n  "resources": []') },
      { path: 'main.bicep', text: "@secure()\nparam adminPassword string\nparam keyVaultSecretName string\nparam connectionStringKey string = 'AZURE-COSMOS-CONNECTION-STRING'\n" },
      { path: 'azuredeploy.json', text: arm('  "parameters": {\n    "adminPassword": { "type": "securestring" }\n  },\n  "resources": []') },
      { path: 'variables.tf', text: 'variable "client_secret" {\n  type      = string\n  sensitive = true\n}\nvariable "secret_name" {\n  type = string\n}\n' },
    ],
  }),
};

function resources(doc: PostureDoc, type: RegExp): PDecl[] {
  return doc.decls.filter((d) => d.kind === 'resource' && type.test(d.type));
}

/** The `properties` object (Bicep/ARM) or the block body (Terraform) of a resource. */
function settingsOf(doc: PostureDoc, d: PDecl) {
  return doc.language === 'terraform' ? d.body : nodeAt(d.body, 'properties');
}

function entryHit(e: PEntry, evidence: string, service?: PostureHit['service']): PostureHit {
  return { start: e.keyStart, end: e.value.end, evidence, key: e.key, ...(service ? { service } : {}) };
}

/** Azure Verified Modules and similar registry modules for a vault (`br/public:avm/res/key-vault/vault:0.3.5`). */
const KEY_VAULT_MODULE = /key-?vault\/vaults?\b/i;

export const iacKeyVaultAccessPolicies: PostureRule = {
  id: 'posture-iac-keyvault-access-policies',
  title: 'Key Vault uses access policies instead of Azure RBAC',
  description: 'A Key Vault is on the legacy access-policy model (`enableRbacAuthorization: false`, `enable_rbac_authorization = false`, or access policies without RBAC turned on). Access policies cannot be scoped below the vault, are managed apart from Azure RBAC and Privileged Identity Management, and let anyone with Contributor grant themselves data access.',
  severity: 'medium',
  languages: IAC,
  check(doc) {
    const hits: PostureHit[] = [];
    const vaults = [...resources(doc, /^(?:Microsoft\.KeyVault\/vaults|azurerm_key_vault)$/i), ...doc.decls.filter((d) => d.kind === 'module' && KEY_VAULT_MODULE.test(d.type))];
    for (const d of vaults) {
      const settings = d.kind === 'module' ? nodeAt(d.body, 'params') : settingsOf(doc, d);
      const flag = entryOf(settings, 'enableRbacAuthorization') ?? entryOf(settings, 'enable_rbac_authorization') ?? entryOf(settings, 'rbac_authorization_enabled');
      if (flag) {
        if (isBool(flag.value, false)) hits.push(entryHit(flag, `${flag.key}: false`, 'key-vault'));
        continue;
      }
      const policies = entryOf(settings, 'accessPolicies') ?? entryOf(settings, 'access_policy');
      const some = policies && (policies.value.kind !== 'array' || policies.value.items.length > 0);
      if (policies && some) hits.push(entryHit(policies, `${policies.key} (RBAC authorization not enabled)`, 'key-vault'));
    }
    return hits;
  },
  summary: 'Turn on Azure RBAC for the vault and grant roles (Key Vault Secrets User, 4633458b-17de-408a-b874-0445c86b69e6) instead of access policies.',
  steps: [
    'Assign RBAC roles that match the current access policies first (apps: Key Vault Secrets User 4633458b-17de-408a-b874-0445c86b69e6; people who manage secrets: Key Vault Secrets Officer b86a8fe4-44ce-4948-aee5-eccb2c155cd7), scoped to the vault or to single secrets.',
    'Set `enableRbacAuthorization: true` (Terraform `rbac_authorization_enabled = true`, `enable_rbac_authorization` before azurerm 4) and remove `accessPolicies` / `access_policy` blocks.',
  ],
  snippets: [
    { language: 'bicep', code: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: name\n  location: location\n  properties: {\n    tenantId: tenant().tenantId\n    sku: { family: 'A', name: 'standard' }\n    enableRbacAuthorization: true\n  }\n}" },
    { language: 'arm', code: '"properties": { "tenantId": "[subscription().tenantId]", "sku": { "family": "A", "name": "standard" }, "enableRbacAuthorization": true }' },
    { language: 'terraform', code: 'resource "azurerm_key_vault" "kv" {\n  # ...\n  rbac_authorization_enabled = true # enable_rbac_authorization before azurerm 4\n}' },
  ],
  defaults: 'Reported when RBAC is explicitly off, or when access policies are declared and RBAC is not turned on. A vault that declares neither is not reported (the default depends on the API version: recent API versions create RBAC vaults).',
  docs: ['https://learn.microsoft.com/azure/key-vault/general/rbac-migration'],
  examples: () => ({
    positive: [
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "enableRbacAuthorization": false, "accessPolicies": [] } }\n  ]') },
      { path: 'kv.bicep', text: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    enableRbacAuthorization: false\n    accessPolicies: []\n  }\n}\n" },
      { path: 'main.bicep', text: "module vault 'br/public:avm/res/key-vault/vault:0.3.5' = {\n  name: 'vault'\n  params: {\n    name: 'kv'\n    enableRbacAuthorization: false\n  }\n}\n" },
      { path: 'kv.tf', text: 'resource "azurerm_key_vault" "kv" {\n  name = "kv"\n  access_policy {\n    tenant_id = var.tenant\n    object_id = var.me\n    secret_permissions = ["Get"]\n  }\n}\n' },
    ],
    negative: [
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "enableRbacAuthorization": true } }\n  ]') },
      { path: 'kv.bicep', text: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    enableRbacAuthorization: true\n  }\n}\n" },
      { path: 'kv.tf', text: 'resource "azurerm_key_vault" "kv" {\n  name                      = "kv"\n  enable_rbac_authorization = true\n}\n' },
    ],
  }),
};

/** Settings that keep key / local auth on, per language: [key, the value that means "on"]. */
const LOCAL_AUTH_ON: readonly (readonly [string, boolean])[] = [
  ['allowSharedKeyAccess', true],
  ['disableLocalAuth', false],
  ['disableAccessKeyAuthentication', false],
  ['shared_access_key_enabled', true],
  ['local_authentication_enabled', true],
  ['local_auth_enabled', true],
  ['local_authentication_disabled', false],
  ['access_keys_authentication_enabled', true],
];

/** AI Search `authOptions: { apiKeyOnly: {} }` or `{ aadOrApiKey: {...} }`: API keys explicitly accepted. */
function searchKeyMode(o: PNode): PEntry | undefined {
  const options = entryOf(o, 'authOptions')?.value;
  return entryOf(options, 'apiKeyOnly') ?? entryOf(options, 'aadOrApiKey');
}

export const iacLocalAuthEnabled: PostureRule = {
  id: 'posture-iac-local-auth-enabled',
  title: 'Key (local) authentication explicitly left on',
  description: 'A resource explicitly keeps key / SAS / local authentication on (`allowSharedKeyAccess: true`, `disableLocalAuth: false`, Redis `disableAccessKeyAuthentication: false`, AI Search `authOptions` `apiKeyOnly` / `aadOrApiKey`, Terraform `shared_access_key_enabled = true`, `local_authentication_enabled = true`, `access_keys_authentication_enabled = true`...). While it is on, any leaked key or connection string works; with Entra-only auth, none exists.',
  severity: 'low',
  languages: IAC,
  check(doc) {
    const hits: PostureHit[] = [];
    for (const d of doc.decls) {
      if (d.kind !== 'resource' && d.kind !== 'module') continue;
      const service = d.kind === 'resource' ? serviceOfType(d.type) : undefined;
      for (const o of objectsUnder(d.body)) {
        for (const [key, on] of LOCAL_AUTH_ON) {
          const e = entryOf(o, key);
          if (e && isBool(e.value, on)) hits.push(entryHit(e, `${key}: ${on}`, service));
        }
        const keyMode = searchKeyMode(o);
        if (keyMode) hits.push(entryHit(keyMode, `authOptions: ${keyMode.key}`, service ?? 'search'));
      }
    }
    return hits;
  },
  summary: 'Once every client uses its managed identity, turn key auth off (`allowSharedKeyAccess: false`, `disableLocalAuth: true`; Terraform `shared_access_key_enabled = false`, `local_authentication_enabled = false`).',
  steps: [
    'Move every client to Entra ID (managed identity + data role); check the resource\'s sign-in logs / metrics for remaining key use.',
    'Then set the flag to its secret-free value and rotate the keys that were in use.',
  ],
  snippets: [
    { language: 'bicep', code: "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    allowSharedKeyAccess: false\n  }\n}\n// Cosmos DB, Service Bus, Event Hubs, App Configuration, AI Search, AI services: disableLocalAuth: true\n// (AI Search: and no authOptions); Redis: disableAccessKeyAuthentication: true" },
    { language: 'arm', code: '"properties": { "allowSharedKeyAccess": false }\n// Cosmos DB, Service Bus, Event Hubs, App Configuration, AI Search, AI services: "disableLocalAuth": true' },
    { language: 'terraform', code: 'provider "azurerm" {\n  features {}\n  storage_use_azuread = true\n}\nresource "azurerm_storage_account" "sa" {\n  # ...\n  shared_access_key_enabled = false\n}\n# Event Hubs / AI Search: local_authentication_enabled = false; Service Bus, App Configuration, AI services: local_auth_enabled = false\n# Redis: access_keys_authentication_enabled = false' },
  ],
  defaults: 'Only explicit values are reported. An omitted setting means key auth is on for every service covered (Storage `allowSharedKeyAccess` null is treated as true; `disableLocalAuth` defaults to false), but most templates omit it while still using keys elsewhere, so an omitted value is left to posture-iac-key-in-setting, which reports the actual key use.',
  docs: ['https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent', 'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth'],
  examples: () => ({
    positive: [
      { path: 'redis.bicep', text: "resource cache 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'cache'\n  properties: {\n    disableAccessKeyAuthentication: false\n  }\n}\n" },
      { path: 'search.bicep', text: "resource search 'Microsoft.Search/searchServices@2023-11-01' = {\n  name: 'search'\n  properties: {\n    authOptions: {\n      aadOrApiKey: { aadAuthFailureMode: 'http401WithBearerChallenge' }\n    }\n  }\n}\n" },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Search/searchServices", "name": "search", "properties": { "authOptions": { "apiKeyOnly": {} } } }\n  ]') },
      { path: 'redis.tf', text: 'resource "azurerm_redis_cache" "cache" {\n  name                               = "cache"\n  access_keys_authentication_enabled = true\n}\n' },
      { path: 'search.tf', text: 'resource "azurerm_search_service" "search" {\n  name                         = "search"\n  local_authentication_enabled = true\n}\n' },
      { path: 'main.bicep', text: "resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  name: 'sb'\n  properties: {\n    disableLocalAuth: false\n  }\n}\n" },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Storage/storageAccounts", "name": "st", "properties": { "allowSharedKeyAccess": true } }\n  ]') },
      { path: 'main.tf', text: 'resource "azurerm_storage_account" "sa" {\n  name                      = "sa"\n  shared_access_key_enabled = true\n}\n' },
    ],
    negative: [
      { path: 'redis.bicep', text: "resource cache 'Microsoft.Cache/redis@2024-03-01' = {\n  name: 'cache'\n  properties: {\n    disableAccessKeyAuthentication: true\n    redisConfiguration: { 'aad-enabled': 'true' }\n  }\n}\n" },
      { path: 'search.bicep', text: "resource search 'Microsoft.Search/searchServices@2023-11-01' = {\n  name: 'search'\n  properties: {\n    disableLocalAuth: true\n  }\n}\n" },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Search/searchServices", "name": "search", "properties": { "disableLocalAuth": true } }\n  ]') },
      { path: 'redis.tf', text: 'resource "azurerm_redis_cache" "cache" {\n  name                               = "cache"\n  access_keys_authentication_enabled = false\n}\n' },
      { path: 'main.bicep', text: "resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  name: 'sb'\n  properties: {\n    disableLocalAuth: true\n  }\n}\n" },
      { path: 'main.tf', text: 'resource "azurerm_storage_account" "sa" {\n  name                      = "sa"\n  shared_access_key_enabled = false\n}\n' },
    ],
  }),
};

const PROVIDER_SECRET_KEYS = ['client_secret', 'client_certificate_password'];

export const tfProviderClientSecret: PostureRule = {
  id: 'posture-tf-provider-client-secret',
  title: 'Terraform Azure provider signs in with a client secret',
  description: 'An `azurerm` / `azuread` / `azapi` provider block sets `client_secret` (or a certificate password): Terraform signs in as a service principal with a secret that must be stored wherever it runs. In CI use OIDC (`use_oidc = true`), on Azure a managed identity (`use_msi = true`).',
  severity: 'high',
  languages: ['terraform'],
  check(doc) {
    const hits: PostureHit[] = [];
    for (const d of doc.decls) {
      if (d.kind !== 'provider' || !/^(?:azurerm|azuread|azapi)$/.test(d.type)) continue;
      for (const key of PROVIDER_SECRET_KEYS) {
        const e = entryOf(d.body, key);
        if (e) hits.push({ start: e.keyStart, end: e.keyEnd, evidence: `provider "${d.type}" ${key}`, key });
      }
    }
    return hits;
  },
  summary: 'Use `use_oidc = true` in CI (federated credential) or `use_msi = true` on Azure compute, and remove `client_secret`.',
  steps: [
    'CI: add a federated credential to the service principal / user-assigned identity (GitHub subject `repo:<owner>/<repo>:environment:<env>` or `...:ref:refs/heads/<branch>`; Azure Pipelines: a workload identity federation service connection), set `use_oidc = true` (or `ARM_USE_OIDC=true`) and pass only `client_id`, `tenant_id`, `subscription_id`.',
    'Runners on Azure: `use_msi = true` with the VM\'s or agent\'s managed identity.',
    'Delete the client secret from the variables and from the app registration.',
  ],
  snippets: [{ language: 'terraform', code: 'provider "azurerm" {\n  features {}\n  use_oidc        = true # CI with a federated credential; use_msi = true on Azure compute\n  client_id       = var.client_id\n  tenant_id       = var.tenant_id\n  subscription_id = var.subscription_id\n}' }],
  docs: ['https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/service_principal_oidc', 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/managed_service_identity'],
  examples: () => ({
    positive: [{ path: 'providers.tf', text: 'provider "azurerm" {\n  features {}\n  client_id     = var.client_id\n  client_secret = var.client_secret\n  tenant_id     = var.tenant_id\n}\n' }],
    negative: [
      { path: 'providers.tf', text: 'provider "azurerm" {\n  features {}\n  use_oidc  = true\n  client_id = var.client_id\n  tenant_id = var.tenant_id\n}\n' },
      { path: 'providers.tf', text: 'provider "aws" {\n  secret_key = var.k\n  client_secret = var.c\n}\n' },
    ],
  }),
};

const APP_TYPES = /^(?:Microsoft\.Web\/sites|Microsoft\.App\/containerApps|azurerm_(?:linux|windows)_(?:web|function)_app(?:_slot)?|azurerm_(?:app_service|function_app)|azurerm_container_app)$/i;
const KV_REFERENCE = /@Microsoft\.KeyVault\(|keyVaultUrl|key_vault_secret_id/;
/** App settings and connection strings declared apart from the app (`Microsoft.Web/sites/config`, `appsettings` / `connectionstrings`). */
const APP_CONFIG_TYPES = /^Microsoft\.Web\/sites\/config$/i;

/**
 * The app a `sites/config` resource configures: Bicep `parent: app`; the ARM resource it is nested
 * in; a top-level ARM config whose name starts with an app's name (`web/appsettings`) or embeds its
 * name expression (`[concat(parameters('site'), '/appsettings')]` for an app named
 * `[parameters('site')]`). Undefined when the app is declared elsewhere.
 */
function configuredApp(doc: PostureDoc, d: PDecl, byName: ReadonlyMap<string, PDecl>): PDecl | undefined {
  if (d.parent) return d.parent;
  if (doc.language === 'arm') return doc.decls.find((app) => app.kind === 'resource' && APP_TYPES.test(app.type) && namesParentOf(app.name, d.name));
  const symbol = textOf(nodeAt(d.body, 'parent'))?.trim();
  return symbol !== undefined ? byName.get(symbol) : undefined;
}

/** Does the ARM child name `child` (`web/appsettings`, `[concat(parameters('site'), '/x')]`) name `parent` first? */
function namesParentOf(parent: string, child: string): boolean {
  if (parent === '') return false;
  if (!parent.startsWith('[')) return child.startsWith(`${parent}/`);
  const inner = parent.slice(1, -1).trim();
  return inner.length > 0 && child.startsWith('[') && child.includes(inner);
}

export const iacKeyVaultReferenceWithoutIdentity: PostureRule = {
  id: 'posture-iac-keyvault-reference-without-identity',
  title: 'Key Vault reference in an app without a managed identity',
  description: 'An app (App Service, Functions, Container Apps) reads a secret through a Key Vault reference (`@Microsoft.KeyVault(...)`, `keyVaultUrl`, `key_vault_secret_id`) but declares no managed identity: the reference cannot resolve, and the usual workaround is to paste the secret itself.',
  severity: 'medium',
  languages: IAC,
  check(doc) {
    const hits: PostureHit[] = [];
    const byName = declsByName(doc);
    for (const d of doc.decls) {
      if (d.kind !== 'resource') continue;
      const app = APP_TYPES.test(d.type) ? d : APP_CONFIG_TYPES.test(d.type) ? configuredApp(doc, d, byName) : undefined;
      if (app?.kind !== 'resource' || app.existing || !APP_TYPES.test(app.type) || entryOf(app.body, 'identity')) continue;
      for (const { value, path } of valuesUnder(doc.language === 'arm' ? ownBody(d) : d.body)) {
        const m = KV_REFERENCE.exec(value.text);
        if (!m) continue;
        const span = spanIn(value, doc, m.index, m[0].length);
        hits.push({ ...span, evidence: `${m[0].replace(/\($/, '(...)')} without identity`, key: path.join(':'), service: 'key-vault' });
        break;
      }
    }
    return hits;
  },
  summary: 'Give the app a managed identity and grant it Key Vault Secrets User (4633458b-17de-408a-b874-0445c86b69e6) on the vault.',
  steps: [
    'Add `identity: { type: \'SystemAssigned\' }` (Terraform `identity { type = "SystemAssigned" }`), or a user-assigned identity and `keyVaultReferenceIdentity` / `key_vault_reference_identity_id`.',
    'Grant it Key Vault Secrets User (4633458b-17de-408a-b874-0445c86b69e6) on the vault (RBAC vaults) or a get-secret access policy.',
    'Better still, when the secret is a key of an Azure service, drop it and connect with the identity.',
  ],
  snippets: [
    { language: 'bicep', code: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  // ...\n  identity: { type: 'SystemAssigned' }\n}\n\nresource kvSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  scope: kv\n  name: guid(kv.id, app.id, '4633458b-17de-408a-b874-0445c86b69e6')\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6') // Key Vault Secrets User\n    principalId: app.identity.principalId\n    principalType: 'ServicePrincipal'\n  }\n}" },
    { language: 'arm', code: '"identity": { "type": "SystemAssigned" }\n// and a Microsoft.Authorization/roleAssignments resource on the vault with roleDefinitionId 4633458b-17de-408a-b874-0445c86b69e6 (Key Vault Secrets User)' },
    { language: 'terraform', code: 'resource "azurerm_linux_web_app" "app" {\n  # ...\n  identity {\n    type = "SystemAssigned"\n  }\n}\n\nresource "azurerm_role_assignment" "kv_secrets_user" {\n  scope                = azurerm_key_vault.kv.id\n  role_definition_name = "Key Vault Secrets User" # 4633458b-17de-408a-b874-0445c86b69e6\n  principal_id         = azurerm_linux_web_app.app.identity[0].principal_id\n}' },
  ],
  defaults: 'App settings in a separate `Microsoft.Web/sites/config` resource are matched with the app they configure (Bicep `parent:`, an ARM resource nested in the app, or a top-level ARM config named after the app: `web/appsettings`, `[concat(parameters(\'site\'), \'/appsettings\')]`). Not reported when that app is declared elsewhere (an `existing` resource, another file): its identity cannot be seen.',
  docs: ['https://learn.microsoft.com/azure/app-service/app-service-key-vault-references'],
  examples: () => ({
    positive: [
      { path: 'web.bicep', text: "resource web 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'web'\n}\nresource settings 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: web\n  name: 'appsettings'\n  properties: {\n    Db: '@Microsoft.KeyVault(VaultName=kv;SecretName=db)'\n  }\n}\n" },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Web/sites", "name": "web", "resources": [\n      { "type": "config", "name": "appsettings", "properties": { "Db": "@Microsoft.KeyVault(VaultName=kv;SecretName=db)" } }\n    ] }\n  ]') },
      { path: 'app.bicep', text: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'Db', value: '@Microsoft.KeyVault(SecretUri=${kv.properties.vaultUri}secrets/db/)' }\n      ]\n    }\n  }\n}\n" },
      { path: 'app.tf', text: 'resource "azurerm_linux_web_app" "app" {\n  name = "app"\n  app_settings = {\n    DB = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.db.id})"\n  }\n}\n' },
    ],
    negative: [
      { path: 'web.bicep', text: "resource web 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'web'\n  identity: { type: 'SystemAssigned' }\n}\nresource settings 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: web\n  name: 'appsettings'\n  properties: {\n    Db: '@Microsoft.KeyVault(VaultName=kv;SecretName=db)'\n  }\n}\n" },
      { path: 'settings.bicep', text: "resource web 'Microsoft.Web/sites@2023-12-01' existing = {\n  name: 'web'\n}\nresource settings 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: web\n  name: 'appsettings'\n  properties: {\n    Db: '@Microsoft.KeyVault(VaultName=kv;SecretName=db)'\n  }\n}\n" },
      { path: 'azuredeploy.json', text: arm('  "resources": [\n    { "type": "Microsoft.Web/sites", "name": "web", "identity": { "type": "SystemAssigned" }, "resources": [\n      { "type": "config", "name": "appsettings", "properties": { "Db": "@Microsoft.KeyVault(VaultName=kv;SecretName=db)" } }\n    ] }\n  ]') },
      { path: 'app.bicep', text: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app'\n  identity: { type: 'SystemAssigned' }\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'Db', value: '@Microsoft.KeyVault(SecretUri=${kv.properties.vaultUri}secrets/db/)' }\n      ]\n    }\n  }\n}\n" },
      { path: 'app.tf', text: 'resource "azurerm_linux_web_app" "app" {\n  name = "app"\n  app_settings = {\n    DB = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.db.id})"\n  }\n  identity {\n    type = "SystemAssigned"\n  }\n}\n' },
    ],
  }),
};
