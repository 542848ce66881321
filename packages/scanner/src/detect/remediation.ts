/**
 * What keyless tells the user to do about a finding (design.md §4): make the secret unnecessary with
 * a managed identity, or at least keep it in Key Vault, and always rotate the leaked value. Used by
 * the CLI reporters, SARIF rule help and the ESLint rules.
 */
import type { Detector, ProviderRotation, RemediationKind } from './types.js';

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

/**
 * Which guidance a rule gets: `azure` (managed identity / Entra ID and Key Vault, design.md §4),
 * `provider` (the provider's own revocation steps and documentation, no managed-identity advice) or
 * `generic` (the issuer is unknown: delete, use Entra ID where it is an Azure service, rotate).
 */
export type RemediationClass = 'azure' | 'provider' | 'generic';

const AZURE_KINDS: ReadonlySet<RemediationKind> = new Set<RemediationKind>([
  'entra-client-secret', 'storage-key', 'cosmos-key', 'service-bus-key', 'event-hubs-key', 'azure-key-credential',
  'sas-token', 'sql-password', 'app-configuration', 'devops-pat',
]);

/** The class of a rule's guidance, from its remediation kind and provider rotation. */
export function remediationClass(kind: RemediationKind, rotation?: ProviderRotation): RemediationClass {
  if (rotation) return 'provider';
  return AZURE_KINDS.has(kind) ? 'azure' : 'generic';
}

/** A detector's provider rotation (pattern detectors of third-party credentials), if it has one. */
export function rotationOf(d: Detector): ProviderRotation | undefined {
  return d.kind === 'pattern' ? d.rotation : undefined;
}

/** GitHub's guide to rewriting a secret out of a repository's history (it applies to any git host). */
export const HISTORY_REWRITE_URL =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository';

const ROTATE = 'Rotate the leaked value now (regenerate the key or secret in the Azure portal or CLI): it stays in git history even after you delete it.';
const DEFAULT_CREDENTIAL =
  'Authenticate with Microsoft Entra ID instead: `new ManagedIdentityCredential()` in Azure (user-assigned: `new ManagedIdentityCredential({ clientId })`), or `new DefaultAzureCredential()` for code that also runs locally; workload identity on AKS.';

/** The text of one kind: one step per idea, so that making it concrete never repeats a step. */
interface KindText {
  readonly summary: string;
  /** How to remove the value (replaced by "Delete the value at <key> in <path>" when they are known). */
  readonly remove: string;
  /** What to use instead. */
  readonly replace: readonly string[];
  /** How to make the leaked value worthless (default: ROTATE). */
  readonly rotate?: string;
  /** False when `replace` already says where the value goes instead (no second Key Vault step). */
  readonly keyVault?: false;
}

const BY_KIND: Record<RemediationKind, KindText> = {
  'entra-client-secret': {
    summary: 'Replace the client secret with a managed identity.',
    remove: 'Delete the client secret from the code or config.',
    replace: [
      'Replace `new ClientSecretCredential(tenantId, clientId, secret)` (or msal `clientSecret`) with `new ManagedIdentityCredential()` in Azure, or `new DefaultAzureCredential()` for code that also runs locally; msal: `ManagedIdentityApplication`; AKS: workload identity.',
      'Grant the identity the roles the app needs (Azure RBAC), then remove the secret from the app registration.',
    ],
  },
  'storage-key': {
    summary: 'Use Entra ID for Azure Storage instead of the account key.',
    remove: 'Delete the account key / connection string.',
    replace: [
      'Replace `BlobServiceClient.fromConnectionString(...)` / `StorageSharedKeyCredential` with `new BlobServiceClient("https://<account>.blob.core.windows.net", new DefaultAzureCredential())` (same for queues, tables, files).',
      'Assign the identity a data role (e.g. Storage Blob Data Contributor); consider disabling shared key access on the account.',
    ],
  },
  'cosmos-key': {
    summary: 'Use Entra ID for Cosmos DB instead of the account key.',
    remove: 'Delete the key / connection string.',
    replace: [
      'Use `new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() })`.',
      'Assign a Cosmos DB data-plane role (e.g. Cosmos DB Built-in Data Contributor); consider `disableLocalAuth`.',
    ],
  },
  'service-bus-key': {
    summary: 'Use Entra ID for Service Bus / Relay instead of the shared access key.',
    remove: 'Delete the connection string / shared access key.',
    replace: [
      'Use `new ServiceBusClient("<namespace>.servicebus.windows.net", new DefaultAzureCredential())`.',
      'Assign Azure Service Bus Data Sender / Receiver roles; consider disabling local (SAS) auth.',
    ],
  },
  'event-hubs-key': {
    summary: 'Use Entra ID for Event Hubs instead of the shared access key.',
    remove: 'Delete the connection string / shared access key.',
    replace: [
      'Use `new EventHubProducerClient("<namespace>.servicebus.windows.net", "<hub>", new DefaultAzureCredential())` (same for the consumer client).',
      'Assign Azure Event Hubs Data Sender / Receiver roles; consider disabling local (SAS) auth.',
    ],
  },
  'azure-key-credential': {
    summary: 'Use the client\'s Entra ID (TokenCredential) overload instead of the key.',
    remove: 'Delete the key.',
    replace: [
      'Replace `AzureKeyCredential` / `AzureNamedKeyCredential` / `AzureSASCredential` with `new DefaultAzureCredential()` (or `ManagedIdentityCredential`) where the service supports Entra ID.',
    ],
  },
  'sas-token': {
    summary: 'Do not commit SAS tokens; use Entra ID or short-lived user delegation SAS.',
    remove: 'Delete the SAS URL / token.',
    replace: [
      'Access the resource with `new DefaultAzureCredential()`; if a SAS is needed, create a short-lived user delegation SAS at run time.',
    ],
    rotate: 'Revoke the leaked SAS now (rotate the account key it was signed with, or its stored access policy): it stays in git history even after you delete it.',
  },
  'sql-password': {
    summary: 'Use Entra ID authentication for the database instead of a password.',
    remove: 'Delete the password from the connection string.',
    replace: [
      'Use `Authentication=Active Directory Default` (ADO.NET), or with tedious/mssql `authentication: { type: "azure-active-directory-default" }` (or `-msi-app-service`, `-msi-vm`, `token-credential`).',
      'Create a database user for the managed identity (`CREATE USER [<app>] FROM EXTERNAL PROVIDER`) and grant it roles.',
    ],
    rotate: 'Rotate the leaked value now (change the database login\'s password): it stays in git history even after you delete it.',
  },
  'app-configuration': {
    summary: 'Connect to App Configuration with Entra ID instead of an access key.',
    remove: 'Delete the connection string.',
    replace: [
      'Use `new AppConfigurationClient("https://<store>.azconfig.io", new DefaultAzureCredential())` (or `load(endpoint, credential)`).',
      'Assign App Configuration Data Reader; consider disabling access keys.',
    ],
  },
  'devops-pat': {
    summary: 'Do not commit personal access tokens; use workload identity federation or a managed identity.',
    remove: 'Delete the token.',
    replace: [
      'In pipelines use `System.AccessToken` or a service connection with workload identity federation; elsewhere a managed identity / service principal with Entra ID tokens.',
    ],
    rotate: 'Revoke the leaked PAT now in Azure DevOps (User settings > Personal access tokens): it stays in git history even after you delete it.',
  },
  'private-key': {
    summary: 'Do not commit private keys; keep them in Key Vault.',
    remove: 'Delete the key file or block from the repository.',
    replace: [
      'Keep the new private key out of the repository: in Azure Key Vault (load it at run time, or use Key Vault keys for signing so it never leaves the vault), or in the CI system\'s secret store for deploy keys.',
    ],
    keyVault: false,
    rotate: 'Replace the key pair now: revoke certificates issued for it and remove the public key wherever it is trusted; it stays in git history even after you delete it.',
  },
  'url-credentials': {
    summary: 'Remove the credentials from the URL.',
    remove: 'Delete `user:password@` from the URL.',
    replace: ['Where the server is an Azure service, authenticate with a managed identity / Entra ID token instead of a password.'],
    rotate: 'Rotate the leaked value now (change the password on the server): it stays in git history even after you delete it.',
  },
  'third-party-token': {
    summary: 'Revoke the token and keep its replacement out of the repository.',
    remove: 'Delete the token from the code or config.',
    replace: [],
    rotate: 'Rotate the leaked value now (revoke the token where it was issued): it stays in git history even after you delete it.',
  },
  'generic-secret': {
    summary: 'Remove the secret; use a managed identity or a Key Vault reference.',
    remove: 'Delete the secret from the code or config.',
    replace: [`Where it authenticates to an Azure service, use Microsoft Entra ID instead: ${DEFAULT_CREDENTIAL.replace(/^Authenticate with Microsoft Entra ID instead: /, '')}`],
    rotate: 'Rotate the leaked value now (change it where it was issued): it stays in git history even after you delete it.',
  },
};

const CONFIG_FILE = /(?:^|\/)(?:appsettings[^/]*\.json|local\.settings\.json|[^/]*\.env(?:\.[^/]*)?|\.env|[^/]*\.ya?ml|[^/]*\.parameters\.json|[^/]*\.tfvars|[^/]*\.bicepparam)$/i;

/** The App Service setting name and Key Vault secret name for a key (`AzureAd:ClientSecret`). */
function keyVaultNames(key: string | undefined): { setting: string; name: string } {
  if (!key) return { setting: 'Section__Key', name: '<name>' };
  return {
    setting: key.split(/[:.]/).join('__'),
    name: (key.split(/[:.]/).pop() ?? key).replace(/[^A-Za-z0-9-]/g, '-'),
  };
}

/** The one Key Vault step: a concrete reference when the key is known. */
function keyVaultStep(ctx: RemediationContext | undefined): string {
  if (!ctx?.key && !(ctx?.path && CONFIG_FILE.test(ctx.path))) {
    return 'If a secret must stay, keep it in Key Vault and read it at run time with the identity.';
  }
  const { setting, name } = keyVaultNames(ctx.key);
  return `If the secret must stay, put it in Key Vault and reference it instead of the value: App Service / Functions setting \`${setting}=@Microsoft.KeyVault(VaultName=<kv>;SecretName=${name})\`, or an App Configuration Key Vault reference.`;
}

/** "Delete the value at `key` in path." when either is known. */
function removeStep(fallback: string, ctx: RemediationContext | undefined): string {
  if (!ctx?.key && !ctx?.path) return fallback;
  const where = ctx.key ? ` at \`${ctx.key}\`` : '';
  const file = ctx.path ? ` in ${ctx.path}` : '';
  return `Delete the value${where}${file}.`;
}

/**
 * A provider credential's remediation: revoke it at the provider (its own steps and documentation),
 * keep the replacement in a secret store, and know what deleting it from the files does not do.
 * No managed-identity advice: the provider does not take it.
 */
function providerRemediation(r: ProviderRotation, ctx: RemediationContext | undefined): Remediation {
  const credential = r.credential ?? 'token';
  const { setting, name } = keyVaultNames(ctx?.key);
  return {
    summary: `Revoke the ${r.provider} ${credential} and keep its replacement out of the repository.`,
    steps: [
      ...r.steps,
      removeStep(`Delete the ${credential} from the code or config.`, ctx),
      `Keep the new ${credential} in a secret store, never in a file: CI jobs read it from the CI system's secrets (GitHub Actions secrets, Azure Pipelines secret variables); an app reads it from its environment, on Azure App Service / Functions through a Key Vault reference setting \`${setting}=@Microsoft.KeyVault(VaultName=<kv>;SecretName=${name})\`.`,
      `Deleting it leaves it in git history: revoking it is what protects you. To keep it out of new clones too, rewrite history (git filter-repo) and force-push: ${HISTORY_REWRITE_URL}`,
      `${r.provider} documentation: ${r.url}`,
    ],
  };
}

/** Remediation for a kind of finding; `ctx` makes it concrete (setting name, config-file advice). */
export function remediationFor(kind: RemediationKind, ctx?: RemediationContext): Remediation {
  if (ctx?.rotation) return providerRemediation(ctx.rotation, ctx);
  const base = BY_KIND[kind];
  return {
    summary: base.summary,
    steps: [removeStep(base.remove, ctx), ...base.replace, ...(base.keyVault === false ? [] : [keyVaultStep(ctx)]), base.rotate ?? ROTATE],
  };
}

/** The remediation as plain text: summary, then numbered steps. */
export function remediationText(kind: RemediationKind, ctx?: RemediationContext): string {
  const r = remediationFor(kind, ctx);
  return [r.summary, ...r.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
}
