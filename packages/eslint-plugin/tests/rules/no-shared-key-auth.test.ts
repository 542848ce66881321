import rule from '../../src/rules/no-shared-key-auth.js';
import { sharedKeySources as S } from '../fixtures/typed-sources.js';
import { cjs, createRuleTester, esm, lines, ts } from '../rule-tester.js';

const ruleTester = createRuleTester();
const keyAuth = 'keyAuth' as const;
const useTokenCredential = 'useTokenCredential' as const;

ruleTester.run('no-shared-key-auth', rule, {
  valid: [
    // Token-credential forms.
    ts(
      'import { BlobServiceClient } from "@azure/storage-blob";',
      'import { DefaultAzureCredential } from "@azure/identity";',
      'export const s = new BlobServiceClient("https://contosodata.blob.core.windows.net", new DefaultAzureCredential());',
    ),
    esm('import { CosmosClient } from "@azure/cosmos";', 'new CosmosClient({ endpoint, aadCredentials: credential });'),
    esm('import { ServiceBusClient } from "@azure/service-bus";', 'new ServiceBusClient(fullyQualifiedNamespace, credential);'),
    esm(
      'import { EventHubProducerClient, EventHubConsumerClient } from "@azure/event-hubs";',
      'new EventHubProducerClient(ns, "hub", credential);',
      'new EventHubConsumerClient("$Default", ns, "hub", new DefaultAzureCredential());',
    ),
    // Same names, other modules, or local look-alikes.
    esm('import { BlobServiceClient } from "./fake-storage.js";', 'BlobServiceClient.fromConnectionString(cs);'),
    cjs('const { AzureKeyCredential } = require("./keys");', 'new AzureKeyCredential(key);'),
    esm('class StorageSharedKeyCredential {}', 'new StorageSharedKeyCredential();'),
    // Allowed by option (a service without Entra ID support).
    {
      ...cjs('const { AzureKeyCredential } = require("@azure/core-auth");', 'new AzureKeyCredential(process.env.MAPS_KEY);'),
      options: [{ allow: ['AzureKeyCredential'] }],
    },
  ],
  invalid: [
    {
      ...ts(S.blobFromConnectionString),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: {
            what: 'BlobServiceClient.fromConnectionString',
            secret: 'the account key in a connection string',
            use: 'new BlobServiceClient("https://<account>.blob.core.windows.net", credential)',
          },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 108,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { BlobServiceClient } from "@azure/storage-blob";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const service = new BlobServiceClient("https://<account>.blob.core.windows.net", new DefaultAzureCredential());',
              ),
            },
          ],
        },
      ],
    },
    {
      // The account comes from the connection string in the file; options are kept.
      ...ts(S.blobFromTemplate),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 115,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { BlobServiceClient } from "@azure/storage-blob";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const accountKey: string;',
                'export const service = new BlobServiceClient("https://contosodata.blob.core.windows.net", new DefaultAzureCredential(), { retryOptions: { maxTries: 2 } });',
              ),
            },
          ],
        },
      ],
    },
    {
      // StorageSharedKeyCredential: replaced by a token credential; its now-unused import goes.
      ...ts(S.sharedKeyCredential),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 71,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { BlobServiceClient } from "@azure/storage-blob";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const account: string, accountKey: string;',
                'const credential = new DefaultAzureCredential();',
                'export const service = new BlobServiceClient(`https://${account}.blob.core.windows.net`, credential);',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.cosmosKey),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          data: { what: 'CosmosClient', secret: 'the account key', use: 'new CosmosClient({ endpoint, aadCredentials: credential })' },
          line: 2,
          column: 96,
          endLine: 2,
          endColumn: 124,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { CosmosClient } from "@azure/cosmos";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const client = new CosmosClient({ endpoint: "https://contoso.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.cosmosConnectionString),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 78,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { CosmosClient } from "@azure/cosmos";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const client = new CosmosClient({ endpoint: "https://<account>.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.serviceBus),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 119,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { ServiceBusClient } from "@azure/service-bus";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const sb = new ServiceBusClient("<namespace>.servicebus.windows.net", new DefaultAzureCredential(), { retryOptions: { maxRetries: 3 } });',
              ),
            },
          ],
        },
      ],
    },
    {
      // Event Hubs (ESM): the producer rewrite is mechanical (hub name given); the consumer's is not.
      ...esm(
        'import { EventHubProducerClient, EventHubConsumerClient } from "@azure/event-hubs";',
        'export const producer = new EventHubProducerClient(process.env.EVENTHUB_CONNECTION_STRING, "telemetry");',
        'export const consumer = new EventHubConsumerClient("$Default", connectionString);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 104,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { EventHubProducerClient, EventHubConsumerClient } from "@azure/event-hubs";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const producer = new EventHubProducerClient("<namespace>.servicebus.windows.net", "telemetry", new DefaultAzureCredential());',
                'export const consumer = new EventHubConsumerClient("$Default", connectionString);',
              ),
            },
          ],
        },
        { messageId: keyAuth, line: 3, column: 25, endLine: 3, endColumn: 81, suggestions: [] },
      ],
    },
    {
      // CommonJS: namespace require of storage-queue; AzureKeyCredential / AzureSASCredential.
      ...cjs(
        'const storageQueue = require("@azure/storage-queue");',
        'const { AzureKeyCredential, AzureSASCredential } = require("@azure/core-auth");',
        'const queues = storageQueue.QueueServiceClient.fromConnectionString(process.env.QUEUE_CONNECTION);',
        'const search = new AzureKeyCredential(process.env.SEARCH_KEY);',
        'const sas = new AzureSASCredential(sasToken);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 98,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'const storageQueue = require("@azure/storage-queue");',
                'const { AzureKeyCredential, AzureSASCredential } = require("@azure/core-auth");',
                'const { DefaultAzureCredential } = require("@azure/identity");',
                'const queues = new storageQueue.QueueServiceClient("https://<account>.queue.core.windows.net", new DefaultAzureCredential());',
                'const search = new AzureKeyCredential(process.env.SEARCH_KEY);',
                'const sas = new AzureSASCredential(sasToken);',
              ),
            },
          ],
        },
        {
          messageId: keyAuth,
          data: {
            what: 'AzureKeyCredential',
            secret: 'an API key',
            use: "the client's TokenCredential overload where the service supports Entra ID",
          },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 62,
          suggestions: [],
        },
        { messageId: keyAuth, line: 5, column: 13, endLine: 5, endColumn: 45, suggestions: [] },
      ],
    },
    {
      // Data Tables: the table name stays in place; AzureNamedKeyCredential.
      ...esm(
        'import { TableClient, AzureNamedKeyCredential } from "@azure/data-tables";',
        'const orders = TableClient.fromConnectionString(connectionString, "orders");',
        'const named = new AzureNamedKeyCredential("account", key);',
      ),
      output: null,
      errors: [
        {
          messageId: keyAuth,
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 76,
          suggestions: [
            {
              messageId: useTokenCredential,
              output: lines(
                'import { TableClient, AzureNamedKeyCredential } from "@azure/data-tables";',
                'import { DefaultAzureCredential } from "@azure/identity";',
                'const orders = new TableClient("https://<account>.table.core.windows.net", "orders", new DefaultAzureCredential());',
                'const named = new AzureNamedKeyCredential("account", key);',
              ),
            },
          ],
        },
        { messageId: keyAuth, line: 3, column: 15, endLine: 3, endColumn: 58, suggestions: [] },
      ],
    },
  ],
});
