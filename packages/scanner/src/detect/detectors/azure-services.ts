/**
 * Azure keys found by context that the older rules miss: Azure OpenAI / AI services 32-hex keys
 * (the 84-character `JQQJ99...ACOG` form is a common annotated key, devops.ts), SignalR / Web PubSub
 * / Communication Services connection strings, storage account keys passed as CLI / PowerShell
 * parameters or Kubernetes Secret keys (`azurestorageaccountkey`), and Azure Maps keys.
 */
import { generateBase64Key, generateLegacyAccountKey } from '../examples/generate.js';
import { ALPHABETS } from '../examples/prng.js';
import { rngFor } from './provider-token.js';
import { looksGenerated } from './token-shape.js';
import type { PatternDetector } from '../types.js';
import { isWellKnownPublicKey } from '../well-known-public-keys.js';

const hex32 = (seed: number): string => rngFor('azure-openai', seed).chars(ALPHABETS.hexLower, 32);

export const azureOpenAiKey: PatternDetector = {
  kind: 'pattern',
  id: 'azure-openai-key',
  title: 'Azure OpenAI / Azure AI services key',
  description:
    'A 32-hex Azure OpenAI or Azure AI services (Cognitive Services) key near its context: an `AZURE_OPENAI_KEY`-style name, an `api-key:` / `Ocp-Apim-Subscription-Key:` header, or an `*.openai.azure.com` / `*.cognitiveservices.azure.com` endpoint on the same line.',
  severity: 'critical',
  confidence: 'medium',
  priority: 70,
  keywords: ['openai', 'cognitive', 'api-key', 'ocp-apim', 'azure_ai'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>[a-f0-9]{32})(?![A-Za-z0-9_-])/gi,
  window: { before: 160, after: 160 },
  validate: (secret) => looksGenerated(secret) && /[0-9]/.test(secret) && /[a-f]/i.test(secret),
  remediation: 'azure-key-credential',
  examples: () => ({
    positive: [
      `AZURE_OPENAI_API_KEY=${hex32(1)}`,
      `curl https://contoso.openai.azure.com/openai/deployments/gpt/chat/completions -H "api-key: ${hex32(2)}"`,
      `"AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com/", "ApiKey": "${hex32(3)}" }`,
    ],
    negative: [`commit ${hex32(4)}`, 'AZURE_OPENAI_API_KEY=0123456789abcdef0123456789abcdef', `AZURE_OPENAI_DEPLOYMENT=${hex32(5).toUpperCase()}X`],
  }),
};

const SIGNALR_HOSTS = 'service\\.signalr\\.net|webpubsub\\.azure\\.com|communication\\.azure\\.com';

export const azureAccessKeyConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-signalr-connection-string',
  title: 'Azure SignalR / Web PubSub / Communication Services connection string',
  description: 'An `Endpoint=https://<name>.service.signalr.net;AccessKey=...` connection string (also Web PubSub `*.webpubsub.azure.com` and Communication Services `*.communication.azure.com`).',
  severity: 'critical',
  confidence: 'high',
  priority: 80,
  keywords: ['signalr.net', 'webpubsub.azure.com', 'communication.azure.com'],
  pattern: new RegExp(
    `endpoint=https://[A-Za-z0-9.-]{1,100}\\.(?:${SIGNALR_HOSTS})/?;[ \\t]*accesskey=(?<secret>[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`,
    'gi',
  ),
  window: { before: 130, after: 120 },
  remediation: 'azure-key-credential',
  examples: () => ({
    positive: [
      `"Azure:SignalR:ConnectionString": "Endpoint=https://contoso.service.signalr.net;AccessKey=${generateBase64Key(32, 81)};Version=1.0;"`,
      `ACS=endpoint=https://contoso.communication.azure.com/;accesskey=${generateBase64Key(64, 82)}`,
      `Endpoint=https://contoso.webpubsub.azure.com;AccessKey=${generateBase64Key(32, 83)};Version=1.0;`,
    ],
    negative: [
      'Endpoint=https://contoso.service.signalr.net;AuthType=azure.msi;Version=1.0;',
      'Endpoint=https://contoso.service.signalr.net;AccessKey=<access-key>;Version=1.0;',
    ],
  }),
};

export const azureStorageKeyParameter: PatternDetector = {
  kind: 'pattern',
  id: 'azure-storage-key-parameter',
  title: 'Azure Storage account key as a command-line parameter or Kubernetes secret key',
  description:
    'A legacy 88-char Storage account key passed as `--account-key`, `-AccountKey` / `-StorageAccountKey` / `-AzureDefaultAccountKey`, or under the Kubernetes Azure Files secret key `azurestorageaccountkey`.',
  severity: 'critical',
  confidence: 'high',
  priority: 80,
  keywords: ['--account-key', 'accountkey'],
  pattern:
    /(?<![A-Za-z0-9_])(?:--account-key|-[A-Za-z]{0,30}AccountKey|azurestorageaccountkey)(?:[ \t]{1,3}|[ \t]*[=:][ \t]*)["']?(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi,
  window: { before: 50, after: 100 },
  validate: (secret) => !isWellKnownPublicKey(secret),
  remediation: 'storage-key',
  examples: () => ({
    positive: [
      `az storage blob upload --account-name contosodata --account-key ${generateLegacyAccountKey(84)} -f a.txt -c files`,
      `New-AzStorageContext -StorageAccountName contosodata -StorageAccountKey "${generateLegacyAccountKey(85)}"`,
      `AzCopy.exe /Source:C:\\data /Dest:https://contosodata.blob.core.windows.net/files -AzureDefaultAccountKey=${generateLegacyAccountKey(86)}`,
      `stringData:\n  azurestorageaccountname: contosodata\n  azurestorageaccountkey: ${generateLegacyAccountKey(87)}`,
    ],
    negative: ['az storage blob upload --account-key $STORAGE_KEY', `--account-key ${generateLegacyAccountKey(88).slice(0, 40)}==`],
  }),
};

export const azureMapsKey: PatternDetector = {
  kind: 'pattern',
  id: 'azure-maps-key',
  title: 'Azure Maps subscription key',
  description: 'A 43-character Azure Maps shared key in an `atlas.microsoft.com` request (`subscription-key=`) or under an Azure Maps-named key.',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['atlas.microsoft.com', 'azure_maps', 'azuremaps', 'azure-maps'],
  pattern: /(?:subscription-key=|(?:azure_?maps|azure-maps)[A-Za-z0-9_.-]{0,30}["']?[ \t]{0,3}[:=][ \t]{0,3}["']?)(?<secret>[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/gi,
  window: { before: 300, after: 300 },
  validate: (secret) => looksGenerated(secret) && /[0-9]/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret),
  remediation: 'azure-key-credential',
  examples: () => {
    const key = rngFor('azure-maps', 1).chars(ALPHABETS.base64url, 43);
    return {
      positive: [
        `https://atlas.microsoft.com/search/address/json?api-version=1.0&query=Seattle&subscription-key=${key}`,
        `AZURE_MAPS_KEY=${rngFor('azure-maps', 2).chars(ALPHABETS.base64url, 43)}`,
      ],
      negative: ['https://atlas.microsoft.com/search/address/json?subscription-key={subscription-key}', `AZURE_MAPS_CLIENT_ID=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`],
    };
  },
};

export const azureServiceDetectors: readonly PatternDetector[] = [azureOpenAiKey, azureAccessKeyConnectionString, azureStorageKeyParameter, azureMapsKey];
