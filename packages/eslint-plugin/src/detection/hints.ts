/**
 * One-line, editor-sized remediation hints per remediation kind (design.md §4). The full text with
 * links is the scanner's; a lint message only has room for the next step.
 */
import type { RemediationKind } from '@keyless/scanner/detectors';

const HINTS: Record<RemediationKind, string> = {
  'entra-client-secret':
    'Remove it and rotate it; authenticate with a managed identity (ManagedIdentityCredential / DefaultAzureCredential) instead of a client secret.',
  'storage-key':
    'Remove it and rotate the key; use a managed identity with new BlobServiceClient(url, credential) and Azure RBAC.',
  'cosmos-key':
    'Remove it and rotate the key; use new CosmosClient({ endpoint, aadCredentials: credential }) with a managed identity.',
  'service-bus-key':
    'Remove it and rotate the key; use new ServiceBusClient(fullyQualifiedNamespace, credential) with a managed identity.',
  'event-hubs-key':
    'Remove it and rotate the key; use the (fullyQualifiedNamespace, eventHubName, credential) constructor with a managed identity.',
  'azure-key-credential':
    "Remove it and rotate the key; use the client's TokenCredential overload with a managed identity where the service supports Entra ID.",
  'sas-token': 'Remove it and revoke it; use a managed identity, or a short-lived user delegation SAS created at run time.',
  'sql-password':
    'Remove it and rotate it; use Entra authentication (azure-active-directory-default / managed identity) instead of a SQL password.',
  'app-configuration': 'Remove it and rotate it; connect to App Configuration with its endpoint and a managed identity.',
  'devops-pat': 'Revoke the token; use a managed identity / workload identity federation for pipelines and services.',
  'private-key': 'Remove it and replace the key pair; keep keys and certificates in Key Vault.',
  'url-credentials': 'Remove the credentials from the URL and rotate them; read them from Key Vault or use a managed identity.',
  'third-party-token': 'Revoke and rotate the token; keep it in Key Vault (or the platform secret store), never in code.',
  'generic-secret':
    'Remove it and rotate it; prefer a managed identity, or keep the secret in Key Vault and reference it at run time.',
};

export function hintFor(kind: RemediationKind): string {
  return HINTS[kind] ?? HINTS['generic-secret'];
}
