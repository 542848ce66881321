/**
 * The Azure SDK clients the shared-key rule knows: which accept a connection string (static
 * `fromConnectionString` or a constructor argument) and which take a resource URL that may carry a SAS,
 * with where their TokenCredential goes.
 */

export type StorageService = 'blob' | 'queue' | 'table' | 'dfs' | 'file';

/** `X.fromConnectionString(cs, ...extra, options?)` -> `new X(url, ...extra, credential, options?)`. */
export const FROM_CONNECTION_STRING: Record<string, { module: string; service: StorageService; extraArgs: number }> = {
  BlobServiceClient: { module: '@azure/storage-blob', service: 'blob', extraArgs: 0 },
  QueueServiceClient: { module: '@azure/storage-queue', service: 'queue', extraArgs: 0 },
  TableClient: { module: '@azure/data-tables', service: 'table', extraArgs: 1 },
  TableServiceClient: { module: '@azure/data-tables', service: 'table', extraArgs: 0 },
  DataLakeServiceClient: { module: '@azure/storage-file-datalake', service: 'dfs', extraArgs: 0 },
  ShareServiceClient: { module: '@azure/storage-file-share', service: 'file', extraArgs: 0 },
};

/**
 * Clients whose constructor takes a connection string at `index` (the token form has an endpoint
 * there and a credential after it): `use` is the token form shown in the message.
 */
export const CONNECTION_STRING_CONSTRUCTORS: Record<string, { modules: readonly string[]; index: number; use: string }> = {
  ContainerClient: { modules: ['@azure/storage-blob'], index: 0, use: 'new ContainerClient(containerUrl, credential)' },
  BlobClient: { modules: ['@azure/storage-blob'], index: 0, use: 'new BlobClient(blobUrl, credential)' },
  BlockBlobClient: { modules: ['@azure/storage-blob'], index: 0, use: 'new BlockBlobClient(blobUrl, credential)' },
  AppendBlobClient: { modules: ['@azure/storage-blob'], index: 0, use: 'new AppendBlobClient(blobUrl, credential)' },
  PageBlobClient: { modules: ['@azure/storage-blob'], index: 0, use: 'new PageBlobClient(blobUrl, credential)' },
  QueueClient: { modules: ['@azure/storage-queue'], index: 0, use: 'new QueueClient(queueUrl, credential)' },
  ShareClient: { modules: ['@azure/storage-file-share'], index: 0, use: 'new ShareClient(shareUrl, credential, { fileRequestIntent: "backup" })' },
  AppConfigurationClient: { modules: ['@azure/app-configuration'], index: 0, use: 'new AppConfigurationClient(endpoint, credential)' },
  WebPubSubServiceClient: { modules: ['@azure/web-pubsub'], index: 0, use: 'new WebPubSubServiceClient(endpoint, credential, hubName)' },
  EmailClient: { modules: ['@azure/communication-email'], index: 0, use: 'new EmailClient(endpoint, credential)' },
  SmsClient: { modules: ['@azure/communication-sms'], index: 0, use: 'new SmsClient(endpoint, credential)' },
  CommunicationIdentityClient: { modules: ['@azure/communication-identity'], index: 0, use: 'new CommunicationIdentityClient(endpoint, credential)' },
  PhoneNumbersClient: { modules: ['@azure/communication-phone-numbers'], index: 0, use: 'new PhoneNumbersClient(endpoint, credential)' },
  RoomsClient: { modules: ['@azure/communication-rooms'], index: 0, use: 'new RoomsClient(endpoint, credential)' },
};

/** Clients built from a resource URL (which may carry a SAS) with the credential at `credentialIndex`. */
export const URL_CLIENTS: Record<string, { modules: readonly string[]; credentialIndex: number }> = {};
for (const [module, names] of [
  ['@azure/storage-blob', ['BlobServiceClient', 'ContainerClient', 'BlobClient', 'BlockBlobClient', 'AppendBlobClient', 'PageBlobClient']],
  ['@azure/storage-queue', ['QueueServiceClient', 'QueueClient']],
  ['@azure/storage-file-share', ['ShareServiceClient', 'ShareClient', 'ShareDirectoryClient', 'ShareFileClient']],
  [
    '@azure/storage-file-datalake',
    ['DataLakeServiceClient', 'DataLakeFileSystemClient', 'DataLakeDirectoryClient', 'DataLakeFileClient', 'DataLakePathClient'],
  ],
  ['@azure/data-tables', ['TableServiceClient']],
] as const) {
  for (const name of names) URL_CLIENTS[name] = { modules: [module], credentialIndex: 1 };
}
URL_CLIENTS['TableClient'] = { modules: ['@azure/data-tables'], credentialIndex: 2 };

/** Key credentials and the kind of secret each holds. */
export const KEY_CREDENTIALS: Record<string, string> = {
  AzureKeyCredential: 'an API key',
  AzureNamedKeyCredential: 'an account name and account key',
  AzureSASCredential: 'a SAS token',
};

/** Every class name the rule may meet, for following the project's own re-exports. */
export const SHARED_KEY_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FROM_CONNECTION_STRING),
  ...Object.keys(CONNECTION_STRING_CONSTRUCTORS),
  ...Object.keys(URL_CLIENTS),
  ...Object.keys(KEY_CREDENTIALS),
  'StorageSharedKeyCredential',
  'CosmosClient',
  'ServiceBusClient',
  'ServiceBusAdministrationClient',
  'EventHubProducerClient',
  'EventHubConsumerClient',
  'EventHubBufferedProducerClient',
]);
