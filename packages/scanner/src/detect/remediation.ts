/**
 * What keyless tells the user to do about a finding (design.md §4): make the secret unnecessary with
 * a managed identity, or at least keep it in Key Vault, and always rotate the leaked value. Used by
 * the CLI reporters, SARIF rule help and the ESLint rules.
 */
import type { ProviderRotation, RemediationKind } from './types.js';

export interface Remediation {
  /** One line. */
  readonly summary: string;
  /** Concrete steps, in order. */
  readonly steps: readonly string[];
  /** Posture rules: the secret-free replacement written out for the file's language. */
  readonly replacement?: { readonly language: string; readonly code: string };
}

export interface RemediationContext {
  /** Key the secret was assigned to, `:`-separated for nested config (`AzureAd:ClientSecret`). */
  readonly key?: string;
  /** File the secret was found in (relative, forward slashes). */
  readonly path?: string;
  /** The detector's provider-specific revocation steps, when it has them (third-party tokens). */
  readonly rotation?: ProviderRotation;
}

export const DOCS_BASE_URL = 'https://github.com/keyless-dev/keyless/blob/main/packages/scanner/docs/detectors.md';

/** The documentation URL of a rule (a section of docs/detectors.md). */
export function helpUriFor(ruleId: string): string {
  return `${DOCS_BASE_URL}#${ruleId}`;
}

const ROTATE = 'Rotate the leaked value now (regenerate the key or secret in the Azure portal or CLI): it stays in git history even after you delete it.';
const DEFAULT_CREDENTIAL =
  'Authenticate with Microsoft Entra ID instead: `new ManagedIdentityCredential()` in Azure (user-assigned: `new ManagedIdentityCredential({ clientId })`), or `new DefaultAzureCredential()` for code that also runs locally; workload identity on AKS.';

const BY_KIND: Record<RemediationKind, Remediation> = {
  'entra-client-secret': {
    summary: 'Replace the client secret with a managed identity.',
    steps: [
      'Delete the client secret from the code or config.',
      'Replace `new ClientSecretCredential(tenantId, clientId, secret)` (or msal `clientSecret`) with `new ManagedIdentityCredential()` in Azure, or `new DefaultAzureCredential()` for code that also runs locally; msal: `ManagedIdentityApplication`; AKS: workload identity.',
      'Grant the identity the roles the app needs (Azure RBAC), then remove the secret from the app registration.',
    ],
  },
  'storage-key': {
    summary: 'Use Entra ID for Azure Storage instead of the account key.',
    steps: [
      'Delete the account key / connection string.',
      'Replace `BlobServiceClient.fromConnectionString(...)` / `StorageSharedKeyCredential` with `new BlobServiceClient("https://<account>.blob.core.windows.net", new DefaultAzureCredential())` (same for queues, tables, files).',
      'Assign the identity a data role (e.g. Storage Blob Data Contributor); consider disabling shared key access on the account.',
    ],
  },
  'cosmos-key': {
    summary: 'Use Entra ID for Cosmos DB instead of the account key.',
    steps: [
      'Delete the key / connection string.',
      'Use `new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() })`.',
      'Assign a Cosmos DB data-plane role (e.g. Cosmos DB Built-in Data Contributor); consider `disableLocalAuth`.',
    ],
  },
  'service-bus-key': {
    summary: 'Use Entra ID for Service Bus / Relay instead of the shared access key.',
    steps: [
      'Delete the connection string / shared access key.',
      'Use `new ServiceBusClient("<namespace>.servicebus.windows.net", new DefaultAzureCredential())`.',
      'Assign Azure Service Bus Data Sender / Receiver roles; consider disabling local (SAS) auth.',
    ],
  },
  'event-hubs-key': {
    summary: 'Use Entra ID for Event Hubs instead of the shared access key.',
    steps: [
      'Delete the connection string / shared access key.',
      'Use `new EventHubProducerClient("<namespace>.servicebus.windows.net", "<hub>", new DefaultAzureCredential())` (same for the consumer client).',
      'Assign Azure Event Hubs Data Sender / Receiver roles; consider disabling local (SAS) auth.',
    ],
  },
  'azure-key-credential': {
    summary: 'Use the client\'s Entra ID (TokenCredential) overload instead of the key.',
    steps: [
      'Delete the key.',
      'Replace `AzureKeyCredential` / `AzureNamedKeyCredential` / `AzureSASCredential` with `new DefaultAzureCredential()` (or `ManagedIdentityCredential`) where the service supports Entra ID.',
      'Where the service has no Entra ID option, keep the key in Key Vault and read it at run time with the identity.',
    ],
  },
  'sas-token': {
    summary: 'Do not commit SAS tokens; use Entra ID or short-lived user delegation SAS.',
    steps: [
      'Delete the SAS URL / token.',
      'Access the resource with `new DefaultAzureCredential()`; if a SAS is needed, create a short-lived user delegation SAS at run time.',
      'Revoke the leaked SAS (rotate the account key it was signed with, or its stored access policy).',
    ],
  },
  'sql-password': {
    summary: 'Use Entra ID authentication for the database instead of a password.',
    steps: [
      'Delete the password from the connection string.',
      'Use `Authentication=Active Directory Default` (ADO.NET), or with tedious/mssql `authentication: { type: "azure-active-directory-default" }` (or `-msi-app-service`, `-msi-vm`, `token-credential`).',
      'Create a database user for the managed identity (`CREATE USER [<app>] FROM EXTERNAL PROVIDER`) and grant it roles.',
    ],
  },
  'app-configuration': {
    summary: 'Connect to App Configuration with Entra ID instead of an access key.',
    steps: [
      'Delete the connection string.',
      'Use `new AppConfigurationClient("https://<store>.azconfig.io", new DefaultAzureCredential())` (or `load(endpoint, credential)`).',
      'Assign App Configuration Data Reader; consider disabling access keys.',
    ],
  },
  'devops-pat': {
    summary: 'Do not commit personal access tokens; use workload identity federation or a managed identity.',
    steps: [
      'Delete the token.',
      'In pipelines use `System.AccessToken` or a service connection with workload identity federation; elsewhere a managed identity / service principal with Entra ID tokens.',
      'Revoke the PAT in Azure DevOps (User settings > Personal access tokens).',
    ],
  },
  'private-key': {
    summary: 'Do not commit private keys; keep them in Key Vault.',
    steps: [
      'Delete the key file or block from the repository.',
      'Store the key or certificate in Azure Key Vault and load it at run time with a managed identity (or use Key Vault keys for signing so the key never leaves the vault).',
      'Replace the key pair: revoke certificates issued for it and remove the public key wherever it is trusted.',
    ],
  },
  'url-credentials': {
    summary: 'Remove the credentials from the URL.',
    steps: [
      'Delete `user:password@` from the URL.',
      'Authenticate with a managed identity / Entra ID token, or read the password from Key Vault at run time.',
    ],
  },
  'third-party-token': {
    summary: 'Remove the token and keep it in a secret store.',
    steps: [
      'Delete the token from the code or config.',
      'Store it in Azure Key Vault (or the CI system\'s secret store) and read it at run time with a managed identity; prefer the provider\'s OIDC / workload identity federation where available.',
      'Revoke the token at the provider.',
    ],
  },
  'generic-secret': {
    summary: 'Remove the secret; use a managed identity or a Key Vault reference.',
    steps: [
      'Delete the secret from the code or config.',
      DEFAULT_CREDENTIAL,
      'If a secret must stay, keep it in Key Vault and read it at run time with the identity.',
    ],
  },
};

const CONFIG_FILE = /(?:^|\/)(?:appsettings[^/]*\.json|local\.settings\.json|[^/]*\.env(?:\.[^/]*)?|\.env|[^/]*\.ya?ml|[^/]*\.parameters\.json|[^/]*\.tfvars|[^/]*\.bicepparam)$/i;

function keyVaultSteps(ctx: RemediationContext | undefined): string[] {
  const key = ctx?.key;
  const setting = key ? key.split(/[:.]/).join('__') : 'Section__Key';
  const name = key ? (key.split(/[:.]/).pop() ?? key).replace(/[^A-Za-z0-9-]/g, '-') : '<name>';
  return [
    `If the secret must stay, put it in Key Vault and reference it instead of the value: App Service / Functions setting \`${setting}=@Microsoft.KeyVault(VaultName=<kv>;SecretName=${name})\`, or an App Configuration Key Vault reference.`,
  ];
}

/**
 * A provider token's remediation: revoke it at the provider (its own steps and documentation), keep
 * the replacement out of the repository. No managed-identity advice: the provider does not take it.
 */
function providerRemediation(r: ProviderRotation, ctx: RemediationContext | undefined): Remediation {
  const where = ctx?.key ? ` at \`${ctx.key}\`` : '';
  const file = ctx?.path ? ` in ${ctx.path}` : '';
  return {
    summary: `Revoke the ${r.provider} token and keep its replacement out of the repository.`,
    steps: [
      ...r.steps,
      `Delete the value${where}${file}; read the new token at run time from a secret store (the CI system's secrets, Azure Key Vault) or the environment. It stays in git history even after you delete it, so revoking it is what counts.`,
      `${r.provider} documentation: ${r.url}`,
    ],
  };
}

/** Remediation for a kind of finding; `ctx` makes it concrete (setting name, config-file advice). */
export function remediationFor(kind: RemediationKind, ctx?: RemediationContext): Remediation {
  if (ctx?.rotation) return providerRemediation(ctx.rotation, ctx);
  const base = BY_KIND[kind];
  const where = ctx?.key ? ` at \`${ctx.key}\`` : '';
  const file = ctx?.path ? ` in ${ctx.path}` : '';
  const steps = [...base.steps];
  if (ctx?.path && CONFIG_FILE.test(ctx.path)) {
    steps[0] = `Delete the value${where}${file}.`;
    if (kind !== 'generic-secret') steps.splice(1, 0, DEFAULT_CREDENTIAL);
    steps.push(...keyVaultSteps(ctx));
  } else if (ctx?.key) {
    steps.push(...keyVaultSteps(ctx));
  }
  steps.push(ROTATE);
  return { summary: base.summary, steps };
}

/** The remediation as plain text: summary, then numbered steps. */
export function remediationText(kind: RemediationKind, ctx?: RemediationContext): string {
  const r = remediationFor(kind, ctx);
  return [r.summary, ...r.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
}
