/**
 * Azure connection strings with legacy (non-identifiable) keys, found by their structure
 * (design.md §3.3): Storage, Cosmos DB, Service Bus / Event Hubs / Relay, shared access keys,
 * App Configuration, and the AppAuthentication library's `AzureServicesAuthConnectionString`.
 */
import {
  generateBase64Key,
  generateEntraLegacySecret,
  generateLegacyAccountKey,
  generatePassword,
  generateServiceBusConnectionString,
  generateStorageConnectionString,
} from '../examples/generate.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { PatternDetector } from '../types.js';
import { AZURITE_DEV_KEY, isWellKnownPublicKey } from '../well-known-public-keys.js';

const KEY88 = '[A-Za-z0-9+/]{86}==';
const END = '(?![A-Za-z0-9+/=])';

export const storageConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-storage-connection-string',
  title: 'Azure Storage account key in a connection string',
  description: 'A legacy 88-char Storage account key after `AccountKey=` / `StorageKey` / `StorageAccountKey` (connection strings and settings).',
  severity: 'critical',
  confidence: 'high',
  priority: 80,
  keywords: ['accountkey', 'account_key', 'storagekey', 'storage_key'],
  pattern: new RegExp(
    `(?<![A-Za-z0-9])(?:account_?key|storage_?(?:account_?)?key)["']?\\s*[=:]\\s*["']?(?<secret>${KEY88})${END}`,
    'gi',
  ),
  validate: (secret, match) => !isWellKnownPublicKey(secret) && !/devstoreaccount1/i.test(match.input),
  remediation: 'storage-key',
  examples: () => {
    const key = generateLegacyAccountKey(41);
    return {
      positive: [generateStorageConnectionString(42), `STORAGE_KEY=${key}`, `"storageAccountKey": "${key}"`],
      negative: [
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_DEV_KEY};`,
        `AccountKey=${key.slice(0, 60)}==`,
        `AccountKey=<storage-account-key>`,
        'UseDevelopmentStorage=true',
      ],
    };
  },
};

export const cosmosConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-cosmosdb-connection-string',
  title: 'Azure Cosmos DB key in a connection string',
  description: 'A legacy Cosmos DB account key in `AccountEndpoint=https://<acct>.documents.azure.com...;AccountKey=...`.',
  severity: 'critical',
  confidence: 'high',
  priority: 85,
  keywords: ['documents.azure', 'cosmos.azure'],
  pattern: new RegExp(
    `AccountEndpoint\\s*=\\s*https://[A-Za-z0-9-]{1,63}\\.(?:documents\\.azure\\.(?:com|us|cn)|(?:table|mongo|gremlin|cassandra)\\.cosmos\\.azure\\.com)(?::\\d{1,5})?/?\\s*;\\s*AccountKey\\s*=\\s*(?<secret>${KEY88})${END}`,
    'gi',
  ),
  validate: (secret) => !isWellKnownPublicKey(secret),
  remediation: 'cosmos-key',
  examples: () => {
    const key = generateLegacyAccountKey(43);
    return {
      positive: [`"CosmosDb": "AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=${key};"`],
      negative: [
        `AccountEndpoint=https://localhost:8081/;AccountKey=${key.slice(0, 40)}`,
        'AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=<key>;',
      ],
    };
  },
};

export const serviceBusConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-service-bus-connection-string',
  title: 'Service Bus / Event Hubs / Relay connection string',
  description: 'A shared access key in `Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=<44 chars>`.',
  severity: 'critical',
  confidence: 'high',
  priority: 80,
  keywords: ['sb://'],
  pattern: new RegExp(
    `Endpoint\\s*=\\s*sb://[A-Za-z0-9.-]{1,253}/?\\s*;\\s*SharedAccessKeyName\\s*=\\s*[^;\\s"']{1,256}\\s*;\\s*SharedAccessKey\\s*=\\s*(?<secret>[A-Za-z0-9+/]{43}=)${END}`,
    'gi',
  ),
  remediation: 'service-bus-key',
  examples: () => ({
    positive: [`"ServiceBus": "${generateServiceBusConnectionString(44)}"`, `EVENTHUB=${generateServiceBusConnectionString(45, 'contoso-hub')};EntityPath=orders`],
    negative: [
      'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<your-key>',
      'Endpoint=sb://contoso.servicebus.windows.net/;Authentication=Managed Identity',
    ],
  }),
};

export const sharedAccessKey: PatternDetector = {
  kind: 'pattern',
  id: 'azure-shared-access-key',
  title: 'Azure shared access key (IoT Hub, Relay, Notification Hubs...)',
  description: 'A 44-char `SharedAccessKey=` value in a connection string without an `sb://` endpoint (IoT Hub `HostName=...`, Notification Hubs...).',
  severity: 'critical',
  confidence: 'high',
  priority: 75,
  keywords: ['sharedaccesskey'],
  pattern: new RegExp(`(?<![A-Za-z0-9])SharedAccessKey\\s*=\\s*(?<secret>[A-Za-z0-9+/]{43}=)${END}`, 'gi'),
  remediation: 'azure-key-credential',
  examples: () => ({
    positive: [`HostName=contoso.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${generateBase64Key(32, 46)}`],
    negative: ['HostName=contoso.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={key}', 'SharedAccessKeyName=RootManageSharedAccessKey'],
  }),
};

export const appConfigurationConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-app-configuration-connection-string',
  title: 'Azure App Configuration connection string',
  description: 'An access key secret in `Endpoint=https://<store>.azconfig.io;Id=...;Secret=...`.',
  severity: 'critical',
  confidence: 'high',
  priority: 80,
  keywords: ['azconfig'],
  pattern: new RegExp(
    `Endpoint\\s*=\\s*https://[A-Za-z0-9-]{1,63}\\.azconfig\\.(?:io|azure\\.us|azure\\.cn)/?\\s*;\\s*Id\\s*=\\s*[^;\\s"']{1,128}\\s*;\\s*Secret\\s*=\\s*(?<secret>[A-Za-z0-9+/]{20,128}={0,2})${END}`,
    'gi',
  ),
  remediation: 'app-configuration',
  examples: () => ({
    positive: [`AppConfig="Endpoint=https://contoso-cfg.azconfig.io;Id=x9Z1-l0-s0:Zz1;Secret=${generateBase64Key(32, 47)}"`],
    negative: ['Endpoint=https://contoso-cfg.azconfig.io;Id=abc;Secret=', 'https://contoso-cfg.azconfig.io'],
  }),
};

export const azureServicesAuthConnectionString: PatternDetector = {
  kind: 'pattern',
  id: 'azure-services-auth-connection-string',
  title: 'AzureServicesAuthConnectionString with an AppKey',
  description: 'A client secret in the AppAuthentication library\'s `RunAs=App;AppId=...;TenantId=...;AppKey=...` (certificate forms hold no secret).',
  severity: 'critical',
  confidence: 'high',
  priority: 78,
  keywords: ['appkey'],
  pattern: /(?<![A-Za-z0-9_])AppKey\s*=\s*(?<secret>[^;"'\s]{8,256})/gi,
  validate: (secret, match) => /RunAs\s*=\s*App\b/i.test(match.input) && !isPlaceholderValue(secret),
  remediation: 'entra-client-secret',
  examples: () => ({
    positive: [
      `AzureServicesAuthConnectionString=RunAs=App;AppId=11111111-2222-3333-4444-555555555555;TenantId=66666666-7777-8888-9999-000000000000;AppKey=${generatePassword(48, 34)}`,
      `"RunAs=App;AppId=a;TenantId=b;AppKey=${generateEntraLegacySecret(49)}"`,
    ],
    negative: [
      'RunAs=App;AppId=11111111-2222-3333-4444-555555555555;TenantId=66666666-7777-8888-9999-000000000000;CertificateThumbprint=0123456789ABCDEF0123456789ABCDEF01234567;CertificateStoreLocation=CurrentUser',
      'RunAs=App;AppId=x;TenantId=y;AppKey=<client-secret>',
      `const appKey = "${generatePassword(50, 20)}"`,
    ],
  }),
};

export const connectionStringDetectors: readonly PatternDetector[] = [
  storageConnectionString,
  cosmosConnectionString,
  serviceBusConnectionString,
  sharedAccessKey,
  appConfigurationConnectionString,
  azureServicesAuthConnectionString,
];
