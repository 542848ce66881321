/**
 * no-shared-key-auth on the shapes real code uses (issue 17): connection strings read through
 * `|| ""`, `?? ""`, `!`, `String()`, config properties and connection-string-named variables, in every
 * client that accepts one (with or without a trailing options argument); SAS tokens carried in URLs;
 * `require` inside functions; suggestions that reuse the account / namespace / endpoint in scope and
 * drop the variable that held the key.
 */
import rule from '../../src/rules/no-shared-key-auth.js';
import { cjs, createRuleTester, esm, lines, ts } from '../rule-tester.js';

const ruleTester = createRuleTester();
const keyAuth = 'keyAuth' as const;
const useTokenCredential = 'useTokenCredential' as const;

ruleTester.run('no-shared-key-auth (real-code shapes)', rule, {
  valid: [
    // Token forms with a credential after the endpoint / namespace, whatever the variables are called.
    esm(
      'import { EventHubConsumerClient } from "@azure/event-hubs";',
      'new EventHubConsumerClient(group, process.env.EVENTHUB_NAMESPACE || "", hub, credential, checkpointStore);',
    ),
    esm('import { ServiceBusClient } from "@azure/service-bus";', 'new ServiceBusClient(process.env.SB_NAMESPACE ?? "", credential);'),
    esm('import { ContainerClient } from "@azure/storage-blob";', 'new ContainerClient(containerUrl, credential);'),
    esm('import { AppConfigurationClient } from "@azure/app-configuration";', 'new AppConfigurationClient(endpoint, new DefaultAzureCredential());'),
    // A plain URL (no SAS) with a token credential; a word that merely contains "sas".
    esm('import { BlobServiceClient } from "@azure/storage-blob";', 'new BlobServiceClient(`https://${account}.blob.core.windows.net`, credential);'),
    esm('import { TableClient } from "@azure/data-tables";', 'new TableClient(`${url}${kansasRegion}`, "t", credential);'),
    // A connection-string-named variable passed to something that is not an Azure client.
    cjs('function make() { const { ServiceBusClient } = require("./local-bus"); return new ServiceBusClient(connectionString); }'),
  ],
  invalid: [
    {
      // Event Hubs producer with `|| ""` and a trailing options argument (missed before).
      ...esm(
        'import { EventHubProducerClient } from "@azure/event-hubs";',
        'export const producer = new EventHubProducerClient(process.env.EVENTHUB_CONNECTION_STRING || "", "telemetry", { retryOptions });',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: {
            what: 'EventHubProducerClient',
            secret: 'a connection string with a shared access key',
            use: 'new EventHubProducerClient(fullyQualifiedNamespace, eventHubName, credential)',
          },
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 128,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { EventHubProducerClient } from "@azure/event-hubs";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const producer = new EventHubProducerClient("<namespace>.servicebus.windows.net", "telemetry", new DefaultAzureCredential(), { retryOptions });',
              ),
            },
          ],
        },
      ],
    },
    {
      // Event Hubs consumer with a checkpoint store, the connection string in a named const (a
      // placeholder text): the const goes with the rewrite, as it was only read there.
      ...cjs(
        'const { EventHubConsumerClient } = require("@azure/event-hubs");',
        'const connectionString = "EVENT HUBS NAMESPACE CONNECTION STRING";',
        'const consumer = new EventHubConsumerClient(consumerGroup, connectionString, eventHubName, checkpointStore);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 108,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'const { EventHubConsumerClient } = require("@azure/event-hubs");',
                'const { DefaultAzureCredential } = require("@azure/identity");',
                'const consumer = new EventHubConsumerClient(consumerGroup, "<namespace>.servicebus.windows.net", eventHubName, new DefaultAzureCredential(), checkpointStore);',
              ),
            },
          ],
        },
      ],
    },
    {
      // `process.env["X"]!` with an options variable; the fully qualified namespace in scope is reused.
      ...ts(
        'import { ServiceBusClient } from "@azure/service-bus";',
        'declare const options: object;',
        'const fullyQualifiedNamespace = process.env.SERVICEBUS_FQNS!;',
        'export const sb = new ServiceBusClient(process.env["SERVICEBUS_CONNECTION_STRING"]!, options);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 94,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { ServiceBusClient } from "@azure/service-bus";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const options: object;',
                'const fullyQualifiedNamespace = process.env.SERVICEBUS_FQNS!;',
                'export const sb = new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential(), options);',
              ),
            },
          ],
        },
      ],
    },
    {
      // `String(process.env.X)`: the storage account name in scope replaces the `<account>` placeholder.
      ...esm(
        'import { BlobServiceClient } from "@azure/storage-blob";',
        'const accountName = process.env.AZURE_STORAGE_ACCOUNT_NAME;',
        'export const blobs = BlobServiceClient.fromConnectionString(String(process.env.AZURE_STORAGE_CONNECTION_STRING));',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 113,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { BlobServiceClient } from "@azure/storage-blob";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'const accountName = process.env.AZURE_STORAGE_ACCOUNT_NAME;',
                'export const blobs = new BlobServiceClient(`https://${accountName}.blob.core.windows.net`, new DefaultAzureCredential());',
              ),
            },
          ],
        },
      ],
    },
    {
      // A connection string built from parts: the account comes from its AccountName, and the
      // connection string and key variables (only read there) go.
      ...esm(
        'import { QueueServiceClient } from "@azure/storage-queue";',
        'const account = process.env.ACCOUNT;',
        'const accountKey = process.env.ACCOUNT_KEY;',
        'const cs = `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${accountKey}`;',
        'export const queues = QueueServiceClient.fromConnectionString(cs);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 66,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { QueueServiceClient } from "@azure/storage-queue";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'const account = process.env.ACCOUNT;',
                'const accountKey = process.env.ACCOUNT_KEY;',
                'export const queues = new QueueServiceClient(`https://${account}.queue.core.windows.net`, new DefaultAzureCredential());',
              ),
            },
          ],
        },
      ],
    },
    {
      // A config object's property with `?? ""`; the endpoint in scope is reused.
      ...esm(
        'import { CosmosClient } from "@azure/cosmos";',
        'import config from "./config.js";',
        'const endpoint = config.cosmos.endpoint;',
        'export const cosmos = new CosmosClient(config.cosmos.connectionString ?? "");',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: { what: 'CosmosClient', secret: 'a connection string with the account key', use: 'new CosmosClient({ endpoint, aadCredentials: credential })' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 77,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { CosmosClient } from "@azure/cosmos";',
                'import config from "./config.js";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'const endpoint = config.cosmos.endpoint;',
                'export const cosmos = new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() });',
              ),
            },
          ],
        },
      ],
    },
    {
      // Cosmos resource tokens are named as such.
      ...esm('import { CosmosClient } from "@azure/cosmos";', 'new CosmosClient({ endpoint, resourceTokens });'),
      output: null,
      errors: [{ messageId: keyAuth, data: { what: 'CosmosClient', secret: 'resource tokens', use: 'new CosmosClient({ endpoint, aadCredentials: credential })' }, line: 2, column: 30, endLine: 2, endColumn: 44, suggestions: [] }],
    },
    {
      // Constructors that take a connection string: storage container, App Configuration, Web PubSub.
      ...cjs(
        'const { ContainerClient } = require("@azure/storage-blob");',
        'const { AppConfigurationClient } = require("@azure/app-configuration");',
        'const { WebPubSubServiceClient } = require("@azure/web-pubsub");',
        'const container = new ContainerClient(storageConnectionString, "uploads");',
        'const settings = new AppConfigurationClient(process.env.APPCONFIG_CONNECTION_STRING || "");',
        'const pubsub = new WebPubSubServiceClient(config.webPubSub.connectionString, "chat", { allowInsecureConnection: false });',
      ),
      output: null,
      errors: [
        { messageId: keyAuth, data: { what: 'ContainerClient', secret: 'a connection string', use: 'new ContainerClient(containerUrl, credential)' }, line: 4, column: 19, endLine: 4, endColumn: 74, suggestions: [] },
        { messageId: keyAuth, data: { what: 'AppConfigurationClient', secret: 'a connection string', use: 'new AppConfigurationClient(endpoint, credential)' }, line: 5, column: 18, endLine: 5, endColumn: 91, suggestions: [] },
        { messageId: keyAuth, data: { what: 'WebPubSubServiceClient', secret: 'a connection string', use: 'new WebPubSubServiceClient(endpoint, credential, hubName)' }, line: 6, column: 16, endLine: 6, endColumn: 121, suggestions: [] },
      ],
    },
    {
      // `require` inside a function (no top-level import at all).
      ...cjs(
        'function connect() {',
        '  const { ServiceBusClient } = require("@azure/service-bus");',
        '  return new ServiceBusClient(process.env.SERVICEBUS_CONNECTION_STRING);',
        '}',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 72,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'const { DefaultAzureCredential } = require("@azure/identity");',
                'function connect() {',
                '  const { ServiceBusClient } = require("@azure/service-bus");',
                '  return new ServiceBusClient("<namespace>.servicebus.windows.net", new DefaultAzureCredential());',
                '}',
              ),
            },
          ],
        },
      ],
    },
    {
      // A SAS token appended to a URL template: the TableClient gets the URL and a token credential.
      ...esm(
        'import { TableClient } from "@azure/data-tables";',
        'const sasToken = process.env.TABLES_SAS_TOKEN;',
        'export const table = new TableClient(`${url}${sasToken}`, tableName);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: { what: 'TableClient', secret: 'a SAS token in its URL', use: 'new TableClient(url, credential)' },
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 69,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { TableClient } from "@azure/data-tables";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const table = new TableClient(url, tableName, new DefaultAzureCredential());',
              ),
            },
          ],
        },
      ],
    },
    {
      // `https://${account}.blob.core.windows.net?${sas}` with an AnonymousCredential.
      ...esm(
        'import { AnonymousCredential, BlobServiceClient } from "@azure/storage-blob";',
        'export const blobs = new BlobServiceClient(`https://${account}.blob.core.windows.net?${sas}`, new AnonymousCredential());',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 121,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { AnonymousCredential, BlobServiceClient } from "@azure/storage-blob";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const blobs = new BlobServiceClient(`https://${account}.blob.core.windows.net`, new DefaultAzureCredential());',
              ),
            },
          ],
        },
      ],
    },
    {
      // AnonymousCredential with a SAS-named URL: reported like AzureSASCredential (no mechanical rewrite).
      ...esm(
        'import { AnonymousCredential, ContainerClient } from "@azure/storage-blob";',
        'new ContainerClient(containerSasUrl, new AnonymousCredential());',
      ),
      output: null,
      errors: [{ messageId: keyAuth, data: { what: 'ContainerClient', secret: 'a SAS token in its URL', use: 'new ContainerClient(url, credential)' }, line: 2, column: 1, endLine: 2, endColumn: 64, suggestions: [] }],
    },
    {
      // The key variable of a StorageSharedKeyCredential goes with it when only read there.
      ...esm(
        'import { StorageSharedKeyCredential } from "@azure/storage-blob";',
        'const accountKey = process.env.AZURE_STORAGE_ACCOUNT_KEY || "";',
        'export const credential = new StorageSharedKeyCredential(accountName, accountKey);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: { what: 'StorageSharedKeyCredential', secret: 'the storage account key', use: 'a TokenCredential in the client constructor' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 82,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines('import { DefaultAzureCredential } from "@azure/identity";', 'export const credential = new DefaultAzureCredential();'),
            },
          ],
        },
      ],
    },
    {
      // AzureSASCredential / AzureNamedKeyCredential name the kind of secret.
      ...esm(
        'import { AzureNamedKeyCredential, AzureSASCredential } from "@azure/core-auth";',
        'new AzureSASCredential(sas);',
        'new AzureNamedKeyCredential(account, key);',
      ),
      output: null,
      errors: [
        { messageId: keyAuth, data: { what: 'AzureSASCredential', secret: 'a SAS token', use: "the client's TokenCredential overload where the service supports Entra ID" }, line: 2, column: 1, endLine: 2, endColumn: 28, suggestions: [] },
        { messageId: keyAuth, data: { what: 'AzureNamedKeyCredential', secret: 'an account name and account key', use: "the client's TokenCredential overload where the service supports Entra ID" }, line: 3, column: 1, endLine: 3, endColumn: 42, suggestions: [] },
      ],
    },
  ],
});
