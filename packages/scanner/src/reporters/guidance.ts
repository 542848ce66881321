/**
 * Remediation guidance per finding, as reporters show it. Interim texts per remediation kind
 * (design.md §4) until the catalog's `detectors/remediation.ts` lands; every kind ends with
 * "rotate the leaked value".
 */
import type { RemediationKind } from '../detectors/types.js';

export interface Guidance {
  /** One sentence: what to do instead. */
  readonly summary: string;
  /** Concrete steps, the last one always rotating the leaked value. */
  readonly steps: readonly string[];
}

export interface GuidanceContext {
  readonly key?: string;
  readonly path?: string;
}

const ROTATE = 'Rotate the leaked value: it stays in git history and in every clone.';
const MI = 'Use a managed identity: `new ManagedIdentityCredential()` in Azure (user-assigned: `{ clientId }`), or `new DefaultAzureCredential()` for code that also runs locally.';

const SUMMARIES: Readonly<Record<RemediationKind, readonly [string, ...string[]]>> = {
  'entra-client-secret': ['Replace the client secret with a managed identity.', MI, 'On AKS, use workload identity.'],
  'storage-key': [
    'Replace the storage key with a managed identity and an Entra ID role assignment.',
    'Connect with `new BlobServiceClient("https://<account>.blob.core.windows.net", credential)` (same for queues, tables, files).',
    MI,
  ],
  'cosmos-key': ['Replace the Cosmos DB key with Entra ID auth.', 'Use `new CosmosClient({ endpoint, aadCredentials: credential })`.', MI],
  'service-bus-key': [
    'Replace the Service Bus connection string with a managed identity.',
    'Use `new ServiceBusClient(fullyQualifiedNamespace, credential)`.',
    MI,
  ],
  'event-hubs-key': [
    'Replace the Event Hubs connection string with a managed identity.',
    'Use `new EventHubProducerClient(fullyQualifiedNamespace, eventHubName, credential)`.',
    MI,
  ],
  'azure-key-credential': [
    'Replace the key credential with a TokenCredential where the service supports Entra ID.',
    "Pass `credential` to the client's TokenCredential overload.",
    MI,
  ],
  'sas-token': ['Replace the SAS token with Entra ID auth or a short-lived user delegation SAS.', MI],
  'sql-password': [
    'Replace the SQL password with Entra ID authentication.',
    "Use `authentication: { type: 'azure-active-directory-default' }` (or `-msi-app-service` / `-msi-vm`).",
  ],
  'app-configuration': ['Replace the App Configuration connection string with a managed identity.', 'Use `new AppConfigurationClient(endpoint, credential)`.', MI],
  'devops-pat': ['Revoke the personal access token; in pipelines use the built-in `System.AccessToken` or a workload identity service connection.'],
  'private-key': ['Remove the private key from the repository; keep it in Key Vault (certificates) and load it at run time.'],
  'url-credentials': ['Remove the credentials from the URL; authenticate with a managed identity or a secret from Key Vault.'],
  'third-party-token': ['Remove the token from the repository; keep it in Key Vault or the CI secret store and read it at run time.'],
  'generic-secret': ['Remove the secret from the repository; use a managed identity where possible, else a Key Vault reference.'],
};

/** App Service setting name for a config key (`AzureAd:ClientSecret` -> `AzureAd__ClientSecret`). */
function appSettingName(key: string | undefined): string {
  return key ? key.replace(/[:.]/g, '__') : '<Setting>';
}

/** Guidance for a remediation kind, made concrete with the key and path when known. */
export function guidanceFor(kind: RemediationKind, ctx: GuidanceContext = {}): Guidance {
  const [summary, ...steps] = SUMMARIES[kind] ?? SUMMARIES['generic-secret'];
  const where = ctx.path ? ` from ${ctx.path}` : '';
  return {
    summary,
    steps: [
      `Delete the value${ctx.key ? ` of ${ctx.key}` : ''}${where}.`,
      ...steps,
      `If a secret must stay, keep it in Key Vault and reference it, e.g. App Service setting \`${appSettingName(ctx.key)}=@Microsoft.KeyVault(VaultName=<kv>;SecretName=<name>)\`.`,
      ROTATE,
    ],
  };
}

/** Documentation URL for a rule. */
export function helpUriFor(ruleId: string): string {
  return `https://github.com/keyless-dev/keyless/blob/main/packages/scanner/docs/detectors.md#${ruleId}`;
}
