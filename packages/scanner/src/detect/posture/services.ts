/**
 * The Azure services posture rules know: how to recognise their keys in Bicep/ARM/Terraform, the
 * identity-based connection that replaces a connection string, and the built-in role to assign
 * (name and role definition id, from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 * Pure.
 */
import type { PostureService } from './types.js';

export interface ServiceInfo {
  readonly name: string;
  /** Role(s) the app's identity needs for data access. */
  readonly roles: readonly { readonly name: string; readonly id: string }[];
  /** The identity-based connection settings that replace the connection string. */
  readonly settings: string;
  /** How to turn key / local auth off once nothing uses it. */
  readonly disableLocalAuth: string;
}

export const SERVICES: Readonly<Record<PostureService, ServiceInfo>> = {
  storage: {
    name: 'Azure Storage',
    roles: [
      { name: 'Storage Blob Data Owner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' },
      { name: 'Storage Queue Data Contributor', id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' },
      { name: 'Storage Table Data Contributor', id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' },
    ],
    settings: 'Functions host storage: `AzureWebJobsStorage__accountName` = the account name (user-assigned identity: also `AzureWebJobsStorage__credential` = `managedidentity` and `AzureWebJobsStorage__clientId`); an app: `https://<account>.blob.core.windows.net` with `DefaultAzureCredential`.',
    disableLocalAuth: 'Bicep/ARM `allowSharedKeyAccess: false`; Terraform `shared_access_key_enabled = false` (the provider then needs `storage_use_azuread = true`).',
  },
  'service-bus': {
    name: 'Azure Service Bus',
    roles: [{ name: 'Azure Service Bus Data Owner', id: '090c5cfd-751d-490a-894a-3ce6f1109419' }],
    settings: 'Functions trigger: `<Connection>__fullyQualifiedNamespace` = `<namespace>.servicebus.windows.net`; an app: the namespace host with `DefaultAzureCredential`. Narrower roles: Azure Service Bus Data Sender (69a216fc-b8fb-44d8-bc22-1f3c2cd27a39) / Receiver (4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0).',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_auth_enabled = false`.',
  },
  'event-hubs': {
    name: 'Azure Event Hubs',
    roles: [{ name: 'Azure Event Hubs Data Owner', id: 'f526a384-b230-433a-b45c-95f59c4a2dec' }],
    settings: 'Functions trigger: `<Connection>__fullyQualifiedNamespace` = `<namespace>.servicebus.windows.net`; an app: the namespace host with `DefaultAzureCredential`. Narrower roles: Azure Event Hubs Data Sender (2b629674-e913-4c01-ae53-ef4638d8f975) / Receiver (a638d3c7-ab3a-418d-83e6-5f17a39d4fde).',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_authentication_enabled = false`.',
  },
  cosmos: {
    name: 'Azure Cosmos DB',
    roles: [{ name: 'Cosmos DB Built-in Data Contributor (data-plane role, assigned with sqlRoleAssignments)', id: '00000000-0000-0000-0000-000000000002' }],
    settings: 'Functions trigger: `<Connection>__accountEndpoint` = `https://<account>.documents.azure.com:443/`; an app: `new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() })`.',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_authentication_disabled = true`.',
  },
  redis: {
    name: 'Azure Cache for Redis',
    roles: [{ name: 'Data Owner (Redis built-in access policy, assigned with accessPolicyAssignments)', id: 'Data Owner' }],
    settings: 'Turn on Microsoft Entra authentication (`redisConfiguration: { \'aad-enabled\': \'true\' }`; Terraform `active_directory_authentication_enabled = true`) and connect with a token from `DefaultAzureCredential` (Microsoft.Azure.StackExchangeRedis, @redis/entraid).',
    disableLocalAuth: 'Bicep/ARM `disableAccessKeyAuthentication: true`; Terraform `access_keys_authentication_enabled = false`.',
  },
  'app-configuration': {
    name: 'Azure App Configuration',
    roles: [{ name: 'App Configuration Data Reader', id: '516239f1-63e1-4d78-a4de-a74fb236a071' }],
    settings: 'The store endpoint `https://<store>.azconfig.io` with `DefaultAzureCredential` (e.g. `AppConfig__Endpoint`), not the connection string.',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_auth_enabled = false`.',
  },
  'ai-services': {
    name: 'Azure AI services / Azure OpenAI',
    roles: [
      { name: 'Cognitive Services OpenAI User', id: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd' },
      { name: 'Cognitive Services User', id: 'a97b65f3-24c7-4388-baec-2e87135dc908' },
    ],
    settings: 'The endpoint (`properties.endpoint`) with `DefaultAzureCredential` (token scope `https://cognitiveservices.azure.com/.default`), not the key; the account needs a custom subdomain.',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_auth_enabled = false`.',
  },
  search: {
    name: 'Azure AI Search',
    roles: [
      { name: 'Search Index Data Reader', id: '1407120a-92aa-4202-b7e9-c0e197c71c8f' },
      { name: 'Search Index Data Contributor', id: '8ebe5a00-799e-43f5-93ac-243d3dce84a7' },
    ],
    settings: 'The endpoint `https://<service>.search.windows.net` with `DefaultAzureCredential`; the service needs role-based access on (`authOptions` / `disableLocalAuth`).',
    disableLocalAuth: 'Bicep/ARM `disableLocalAuth: true`; Terraform `local_authentication_enabled = false`.',
  },
  'key-vault': {
    name: 'Azure Key Vault',
    roles: [{ name: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6' }],
    settings: 'Key Vault references `@Microsoft.KeyVault(SecretUri=...)` resolved with the app\'s managed identity.',
    disableLocalAuth: 'Bicep/ARM `enableRbacAuthorization: true`; Terraform `rbac_authorization_enabled = true` (`enable_rbac_authorization` before azurerm 4).',
  },
  'log-analytics': {
    name: 'Azure Monitor Log Analytics',
    roles: [],
    settings: 'A Container Apps environment sends logs without the workspace key with `appLogsConfiguration: { destination: \'azure-monitor\' }` and a diagnostic setting (`Microsoft.Insights/diagnosticSettings`, Terraform `azurerm_monitor_diagnostic_setting`) to the workspace; agents and apps send through a data collection rule with their managed identity (Monitoring Metrics Publisher, 3913510d-42f4-4e42-8a64-420c390055eb, on the rule).',
    disableLocalAuth: 'Log Analytics: `features: { disableLocalAuth: true }` (Terraform `local_authentication_disabled = true`, `local_authentication_enabled = false` in newer azurerm) once no agent or app sends with the workspace key.',
  },
};

/** `Storage Blob Data Owner (b7e6dc6d-…)`, for steps. */
export function rolesText(service: PostureService): string {
  return SERVICES[service].roles.map((r) => `${r.name} (${r.id})`).join(', ');
}
