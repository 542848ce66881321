/**
 * no-shared-key-auth: Azure SDK clients authenticated with an account key, connection string, API key
 * or SAS where the SDK has a TokenCredential (Entra ID) overload. Reported whatever the key's source:
 * the key still exists. Suggestions rewrite to the token-credential form where that is mechanical.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { RuleFix, RuleFixer } from '@typescript-eslint/utils/ts-eslint';
import { findProperty, processEnvName, resolveConstValue } from '../analysis/ast.js';
import {
  connectionStringText,
  cosmosEndpoint,
  looksLikeConnectionString,
  looksLikeCredential,
  serviceBusNamespace,
  storageServiceUrl,
} from '../analysis/connection-strings.js';
import { referenceExport, type ReplacedBinding } from '../analysis/import-fixes.js';
import { ModuleImports, type ResolvedExport } from '../analysis/imports.js';
import { createRule } from '../create-rule.js';

const IDENTITY = '@azure/identity';
const STORAGE_MODULES = new Set(['@azure/storage-blob', '@azure/storage-queue', '@azure/storage-file-datalake', '@azure/storage-file-share']);

/** `X.fromConnectionString(cs, ...extra, options?)` -> `new X(url, ...extra, credential, options?)`. */
const FROM_CONNECTION_STRING: Record<string, { module: string; service: 'blob' | 'queue' | 'table' | 'dfs'; extraArgs: number }> = {
  BlobServiceClient: { module: '@azure/storage-blob', service: 'blob', extraArgs: 0 },
  QueueServiceClient: { module: '@azure/storage-queue', service: 'queue', extraArgs: 0 },
  TableClient: { module: '@azure/data-tables', service: 'table', extraArgs: 1 },
  TableServiceClient: { module: '@azure/data-tables', service: 'table', extraArgs: 0 },
  DataLakeServiceClient: { module: '@azure/storage-file-datalake', service: 'dfs', extraArgs: 0 },
};

const KEY_CREDENTIALS: Record<string, string> = {
  AzureKeyCredential: 'an API key',
  AzureNamedKeyCredential: 'an account name and key',
  AzureSASCredential: 'a shared access signature',
};

type MessageIds = 'keyAuth' | 'useTokenCredential';
export type Options = [{ allow?: string[] }];

export default createRule<Options, MessageIds>({
  name: 'no-shared-key-auth',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow Azure SDK clients authenticated with keys, connection strings or SAS where a TokenCredential (managed identity) overload exists',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      keyAuth: '{{what}} authenticates with {{secret}}. Use {{use}} with a managed identity (DefaultAzureCredential / ManagedIdentityCredential) and Azure RBAC.',
      useTokenCredential: 'Replace with `{{replacement}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Names not to report (e.g. "AzureKeyCredential" for a service without Entra ID support, or "ServiceBusClient").',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const imports = ModuleImports.collect(sourceCode, (m) => m.startsWith('@azure/'));
    if (imports.isEmpty || !imports.imports((m) => m !== IDENTITY)) return {};
    const allowed = new Set(options.allow ?? []);
    const q = imports.quote;
    const str = (s: string) => `${q}${s}${q}`;

    /** A suggestion whose replacement needs `new DefaultAzureCredential()` (import added if missing). */
    function suggest(
      replacement: string,
      build: (credential: string) => string,
      target: TSESTree.Node,
      replaced?: ReplacedBinding,
    ) {
      return {
        messageId: 'useTokenCredential' as const,
        data: { replacement },
        fix(fixer: RuleFixer): RuleFix[] | null {
          const ref = referenceExport(sourceCode, imports, fixer, IDENTITY, 'DefaultAzureCredential', replaced);
          if (!ref) return null;
          return [fixer.replaceText(target, build(`new ${ref.text}()`)), ...ref.fixes];
        },
      };
    }

    function argsText(args: readonly TSESTree.Node[]): string {
      return args.map((a) => sourceCode.getText(a)).join(', ');
    }

    function checkFromConnectionString(node: TSESTree.CallExpression, resolved: ResolvedExport): void {
      const spec = FROM_CONNECTION_STRING[resolved.name];
      const callee = node.callee as TSESTree.MemberExpression;
      if (!spec || resolved.module !== spec.module || allowed.has(`${resolved.name}.fromConnectionString`)) return;
      const [cs, ...rest] = node.arguments;
      const classText = sourceCode.getText(callee.object);
      const url = storageServiceUrl(cs && connectionStringText(sourceCode, cs), spec.service);
      const urlText = str(url ?? `https://<account>.${spec.service}.core.windows.net`);
      const extra = rest.slice(0, spec.extraArgs);
      const tail = rest.slice(spec.extraArgs);
      const use = `new ${resolved.name}(${str(`https://<account>.${spec.service}.core.windows.net`)}${spec.extraArgs ? ', tableName' : ''}, credential)`;
      const build = (credential: string) => `new ${classText}(${[urlText, argsText(extra), credential, argsText(tail)].filter(Boolean).join(', ')})`;
      const canRewrite = cs !== undefined && !node.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement);
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: `${resolved.name}.fromConnectionString`, secret: 'the account key in a connection string', use },
        suggest: canRewrite ? [suggest(build('new DefaultAzureCredential()'), build, node)] : [],
      });
    }

    function checkCosmos(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const arg = node.arguments[0];
      if (!arg || allowed.has('CosmosClient')) return;
      const use = 'new CosmosClient({ endpoint, aadCredentials: credential })';
      const value = resolveConstValue(sourceCode, arg);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        const key = findProperty(value, 'key');
        if (key) {
          context.report({
            node: key,
            messageId: 'keyAuth',
            data: { what: 'CosmosClient', secret: 'the account key', use },
            suggest: [
              suggest('aadCredentials: new DefaultAzureCredential()', (credential) => `aadCredentials: ${credential}`, key),
            ],
          });
        }
        const cs = findProperty(value, 'connectionString');
        if (cs) {
          context.report({ node: cs, messageId: 'keyAuth', data: { what: 'CosmosClient', secret: 'a connection string with the account key', use } });
        }
        return;
      }
      if (!looksLikeConnectionString(sourceCode, arg) && processEnvName(value) === undefined) return;
      const endpoint = str(cosmosEndpoint(connectionStringText(sourceCode, arg)) ?? 'https://<account>.documents.azure.com:443/');
      const classText = sourceCode.getText(node.callee);
      const build = (credential: string) => `new ${classText}({ endpoint: ${endpoint}, aadCredentials: ${credential} })`;
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a connection string with the account key', use },
        suggest: node.arguments.length === 1 ? [suggest(build('new DefaultAzureCredential()'), build, node)] : [],
      });
    }

    function checkServiceBus(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const args = node.arguments;
      if (allowed.has(resolved.name) || args.length === 0 || args.length > 2) return;
      const first = args[0]!;
      const second = args[1];
      if (first.type === AST_NODE_TYPES.ObjectExpression || first.type === AST_NODE_TYPES.SpreadElement) return;
      if (second && resolveConstValue(sourceCode, second).type !== AST_NODE_TYPES.ObjectExpression) return;
      const ns = str(serviceBusNamespace(connectionStringText(sourceCode, first)) ?? '<namespace>.servicebus.windows.net');
      const classText = sourceCode.getText(node.callee);
      const build = (credential: string) => `new ${classText}(${[ns, credential, ...(second ? [sourceCode.getText(second)] : [])].join(', ')})`;
      context.report({
        node,
        messageId: 'keyAuth',
        data: {
          what: resolved.name,
          secret: 'a connection string with a shared access key',
          use: `new ${resolved.name}(fullyQualifiedNamespace, credential)`,
        },
        suggest: [suggest(build('new DefaultAzureCredential()'), build, node)],
      });
    }

    function checkEventHubs(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const args = node.arguments;
      if (allowed.has(resolved.name) || args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return;
      const consumer = resolved.name === 'EventHubConsumerClient';
      const csIndex = consumer ? 1 : 0;
      const cs = args[csIndex];
      if (!cs) return;
      // The token form always has a credential right after (fqns, eventHubName[, checkpointStore]).
      const credentialAt = args.slice(csIndex + 2).some((a) => looksLikeCredential(sourceCode, a));
      if (credentialAt) return;
      const isCs = args.length <= csIndex + 2 || looksLikeConnectionString(sourceCode, cs);
      if (!isCs) return;
      const use = consumer
        ? 'new EventHubConsumerClient(consumerGroup, fullyQualifiedNamespace, eventHubName, credential)'
        : `new ${resolved.name}(fullyQualifiedNamespace, eventHubName, credential)`;
      const hub = args[csIndex + 1];
      const canRewrite =
        !consumer && args.length === 2 && hub !== undefined && resolveConstValue(sourceCode, hub).type !== AST_NODE_TYPES.ObjectExpression;
      const ns = str(serviceBusNamespace(connectionStringText(sourceCode, cs)) ?? '<namespace>.servicebus.windows.net');
      const classText = sourceCode.getText(node.callee);
      const build = (credential: string) => `new ${classText}(${ns}, ${hub ? sourceCode.getText(hub) : ''}, ${credential})`;
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a connection string with a shared access key', use },
        suggest: canRewrite ? [suggest(build('new DefaultAzureCredential()'), build, node)] : [],
      });
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return;
        if (callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'fromConnectionString') return;
        const resolved = imports.resolve(callee.object);
        if (resolved) checkFromConnectionString(node, resolved);
      },
      NewExpression(node) {
        const resolved = imports.resolve(node.callee);
        if (!resolved) return;
        const { module, name } = resolved;
        if (name === 'StorageSharedKeyCredential' && STORAGE_MODULES.has(module)) {
          if (allowed.has(name)) return;
          context.report({
            node,
            messageId: 'keyAuth',
            data: { what: name, secret: 'the storage account key', use: 'a TokenCredential in the client constructor' },
            suggest: [
              suggest('new DefaultAzureCredential()', (credential) => credential, node, { binding: resolved.binding, within: node }),
            ],
          });
        } else if (name in KEY_CREDENTIALS) {
          if (allowed.has(name)) return;
          context.report({
            node,
            messageId: 'keyAuth',
            data: { what: name, secret: KEY_CREDENTIALS[name]!, use: "the client's TokenCredential overload where the service supports Entra ID" },
          });
        } else if (module === '@azure/cosmos' && name === 'CosmosClient') {
          checkCosmos(node, resolved);
        } else if (module === '@azure/service-bus' && (name === 'ServiceBusClient' || name === 'ServiceBusAdministrationClient')) {
          checkServiceBus(node, resolved);
        } else if (
          module === '@azure/event-hubs' &&
          (name === 'EventHubProducerClient' || name === 'EventHubConsumerClient' || name === 'EventHubBufferedProducerClient')
        ) {
          checkEventHubs(node, resolved);
        }
      },
    };
  },
});
