/**
 * no-shared-key-auth: Azure SDK clients authenticated with an account key, connection string, API key
 * or SAS where the SDK has a TokenCredential (Entra ID) overload. Reported whatever the key's source:
 * the key still exists. Suggestions rewrite to the token-credential form where that is mechanical.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleFix, RuleFixer } from '@typescript-eslint/utils/ts-eslint';
import { findProperty, processEnvName, resolveConstValue, unwrapExpression } from '../analysis/ast.js';
import {
  CONNECTION_STRING_CONSTRUCTORS,
  FROM_CONNECTION_STRING,
  KEY_CREDENTIALS,
  SHARED_KEY_NAMES,
  URL_CLIENTS,
} from '../analysis/azure-clients.js';
import {
  configuredValue,
  connectionStringText,
  cosmosEndpoint,
  isSasName,
  looksLikeConnectionString,
  looksLikeCredential,
  serviceBusNamespace,
  storageServiceUrl,
  urlCarriesSas,
} from '../analysis/connection-strings.js';
import { endpointFromOrigin } from '../analysis/endpoint-origin.js';
import { referenceExport, type ReplacedBinding } from '../analysis/import-fixes.js';
import { ModuleImports, type ResolvedExport } from '../analysis/imports.js';
import { removeUnusedInputs } from '../analysis/unused-inputs.js';
import { createRule } from '../create-rule.js';

const IDENTITY = '@azure/identity';
const STORAGE_MODULES = new Set(['@azure/storage-blob', '@azure/storage-queue', '@azure/storage-file-datalake', '@azure/storage-file-share']);

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
    const imports = ModuleImports.collect(sourceCode, (m) => m.startsWith('@azure/'), SHARED_KEY_NAMES).withFilename(context.filename);
    if (!imports.mayUse(['@azure/'])) return {};
    const allowed = new Set(options.allow ?? []);
    const q = imports.quote;
    const str = (s: string) => `${q}${s}${q}`;

    /**
     * A suggestion whose replacement needs `new DefaultAzureCredential()` (import added if missing);
     * `dropped` are the inputs (key, connection string, SAS) whose variables go when left unused.
     */
    function suggest(
      replacement: string,
      build: (credential: string) => string,
      target: TSESTree.Node,
      dropped: readonly (TSESTree.Node | undefined)[],
      replaced?: ReplacedBinding,
    ) {
      return {
        messageId: 'useTokenCredential' as const,
        data: { replacement },
        fix(fixer: RuleFixer): RuleFix[] | null {
          const ref = referenceExport(sourceCode, imports, fixer, IDENTITY, 'DefaultAzureCredential', replaced);
          if (!ref) return null;
          return [fixer.replaceText(target, build(`new ${ref.text}()`)), ...ref.fixes, ...removeUnusedInputs(fixer, sourceCode, dropped, target)];
        },
      };
    }

    function argsText(args: readonly TSESTree.Node[]): string {
      return args.map((a) => sourceCode.getText(a)).join(', ');
    }

    const hasSpread = (args: readonly TSESTree.Node[]) => args.some((a) => a.type === AST_NODE_TYPES.SpreadElement);
    const isObjectLike = (n: TSESTree.Node | undefined) => n !== undefined && resolveConstValue(sourceCode, n).type === AST_NODE_TYPES.ObjectExpression;

    function checkFromConnectionString(node: TSESTree.CallExpression, resolved: ResolvedExport): void {
      if (allowed.has(`${resolved.name}.fromConnectionString`) || allowed.has(resolved.name)) return;
      const spec = FROM_CONNECTION_STRING[resolved.name];
      if (!spec || resolved.module !== spec.module) {
        // Any other Azure SDK client built from a connection string: reported, no rewrite.
        context.report({
          node,
          messageId: 'keyAuth',
          data: { what: `${resolved.name}.fromConnectionString`, secret: 'a connection string', use: "the client's TokenCredential constructor" },
        });
        return;
      }
      const callee = node.callee as TSESTree.MemberExpression;
      const [cs, ...rest] = node.arguments;
      const classText = sourceCode.getText(callee.object);
      const placeholder = str(`https://<account>.${spec.service}.core.windows.net`);
      const url = storageServiceUrl(cs && connectionStringText(sourceCode, cs), spec.service === 'file' ? 'blob' : spec.service);
      const urlText =
        (url && spec.service !== 'file' ? str(url) : undefined) ?? (cs && endpointFromOrigin(sourceCode, cs, spec.service)) ?? placeholder;
      const extra = rest.slice(0, spec.extraArgs);
      const tail = rest.slice(spec.extraArgs);
      const use = `new ${resolved.name}(${placeholder}${spec.extraArgs ? ', tableName' : ''}, credential)`;
      const build = (credential: string) => `new ${classText}(${[urlText, argsText(extra), credential, argsText(tail)].filter(Boolean).join(', ')})`;
      const canRewrite = cs !== undefined && !hasSpread(node.arguments);
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: `${resolved.name}.fromConnectionString`, secret: 'the account key in a connection string', use },
        suggest: canRewrite ? [suggest(build('new DefaultAzureCredential()'), build, node, [cs])] : [],
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
              suggest('aadCredentials: new DefaultAzureCredential()', (credential) => `aadCredentials: ${credential}`, key, [key.value]),
            ],
          });
        }
        const tokens = findProperty(value, 'resourceTokens');
        if (tokens) {
          context.report({ node: tokens, messageId: 'keyAuth', data: { what: 'CosmosClient', secret: 'resource tokens', use } });
        }
        const cs = findProperty(value, 'connectionString');
        if (cs) {
          context.report({ node: cs, messageId: 'keyAuth', data: { what: 'CosmosClient', secret: 'a connection string with the account key', use } });
        }
        return;
      }
      if (!looksLikeConnectionString(sourceCode, arg) && processEnvName(configuredValue(value)) === undefined) return;
      const endpoint =
        (cosmosEndpoint(connectionStringText(sourceCode, arg)) !== undefined ? str(cosmosEndpoint(connectionStringText(sourceCode, arg))!) : undefined) ??
        endpointFromOrigin(sourceCode, arg, 'cosmos') ??
        str('https://<account>.documents.azure.com:443/');
      const classText = sourceCode.getText(node.callee);
      const endpointProperty = endpoint === 'endpoint' ? 'endpoint' : `endpoint: ${endpoint}`;
      const build = (credential: string) => `new ${classText}({ ${endpointProperty}, aadCredentials: ${credential} })`;
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a connection string with the account key', use },
        suggest: node.arguments.length === 1 ? [suggest(build('new DefaultAzureCredential()'), build, node, [arg])] : [],
      });
    }

    function namespaceText(cs: TSESTree.Node): string {
      const literal = serviceBusNamespace(connectionStringText(sourceCode, cs));
      return (literal && str(literal)) ?? endpointFromOrigin(sourceCode, cs, 'servicebus') ?? str('<namespace>.servicebus.windows.net');
    }

    function checkServiceBus(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const args = node.arguments;
      if (allowed.has(resolved.name) || args.length === 0 || args.length > 2) return;
      const first = args[0]!;
      const second = args[1];
      if (first.type === AST_NODE_TYPES.ObjectExpression || first.type === AST_NODE_TYPES.SpreadElement) return;
      // (namespace, credential) is the token form; (connectionString, options) the key form.
      if (second && !isObjectLike(second) && (looksLikeCredential(sourceCode, second) || !looksLikeConnectionString(sourceCode, first))) return;
      const ns = namespaceText(first);
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
        suggest: [suggest(build('new DefaultAzureCredential()'), build, node, [first])],
      });
    }

    function checkEventHubs(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const args = node.arguments;
      if (allowed.has(resolved.name) || hasSpread(args)) return;
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
      // The rewrite needs the event hub's name as the argument after the connection string.
      const hub = args[csIndex + 1];
      const hubIsName = hub !== undefined && !isObjectLike(hub) && !/store/i.test(sourceCode.getText(hub));
      const ns = namespaceText(cs);
      const classText = sourceCode.getText(node.callee);
      const build = (credential: string) =>
        `new ${classText}(${[...args.slice(0, csIndex).map((a) => sourceCode.getText(a)), ns, sourceCode.getText(hub!), credential, ...args.slice(csIndex + 2).map((a) => sourceCode.getText(a))].join(', ')})`;
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a connection string with a shared access key', use },
        suggest: hubIsName ? [suggest(build('new DefaultAzureCredential()'), build, node, [cs])] : [],
      });
    }

    function checkConnectionStringConstructor(node: TSESTree.NewExpression, resolved: ResolvedExport): boolean {
      const spec = CONNECTION_STRING_CONSTRUCTORS[resolved.name];
      if (!spec || !spec.modules.includes(resolved.module) || allowed.has(resolved.name) || hasSpread(node.arguments)) return false;
      const cs = node.arguments[spec.index];
      if (!cs || !looksLikeConnectionString(sourceCode, cs)) return false;
      if (node.arguments.slice(spec.index + 1).some((a) => looksLikeCredential(sourceCode, a))) return false;
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a connection string', use: spec.use },
      });
      return true;
    }

    /** The SAS part at the end of a URL template (`${url}?${sas}`) and the URL text without it. */
    function urlWithoutSas(arg: TSESTree.Node): { url: string; sas: TSESTree.Node } | undefined {
      const t = unwrapExpression(arg);
      if (t.type !== AST_NODE_TYPES.TemplateLiteral || t.expressions.length === 0) return undefined;
      const sas = t.expressions[t.expressions.length - 1]!;
      const tail = t.quasis[t.quasis.length - 1]!.value.cooked;
      const name = processEnvName(configuredValue(sas)) ?? sourceCode.getText(configuredValue(sas)).split('.').pop() ?? '';
      if (tail !== '' || !isSasName(name)) return undefined;
      const before = t.quasis[t.quasis.length - 2]!;
      const beforeText = before.value.raw.endsWith('?') ? before.value.raw.slice(0, -1) : before.value.raw;
      const remaining = t.expressions.length - 1;
      if (remaining === 0) return /^[^`'"\\$]*$/.test(beforeText) ? { url: str(beforeText), sas } : undefined;
      // `${url}${sas}` -> url; anything else keeps the template without the SAS part.
      if (remaining === 1 && t.quasis[0]!.value.raw === '' && beforeText === '') return { url: sourceCode.getText(t.expressions[0]!), sas };
      return { url: `${sourceCode.text.slice(t.range[0], before.range[0] + 1)}${beforeText}\``, sas };
    }

    function checkSasUrl(node: TSESTree.NewExpression, resolved: ResolvedExport): void {
      const spec = URL_CLIENTS[resolved.name];
      if (!spec || !spec.modules.includes(resolved.module) || allowed.has(resolved.name) || allowed.has('AzureSASCredential')) return;
      const url = node.arguments[0];
      if (!url || url.type === AST_NODE_TYPES.SpreadElement || !urlCarriesSas(sourceCode, url)) return;
      const credentialArg = node.arguments[spec.credentialIndex];
      if (credentialArg && looksLikeCredential(sourceCode, credentialArg) && !/Anonymous/.test(sourceCode.getText(credentialArg))) return;
      const parts = urlWithoutSas(url);
      const anonymous = credentialArg?.type === AST_NODE_TYPES.NewExpression && /AnonymousCredential$/.test(sourceCode.getText(credentialArg.callee));
      const canRewrite = parts !== undefined && !hasSpread(node.arguments) && (node.arguments.length === spec.credentialIndex || anonymous);
      const classText = sourceCode.getText(node.callee);
      const build = (credential: string) => {
        const args = node.arguments.map((a) => sourceCode.getText(a));
        args[0] = parts!.url;
        args[spec.credentialIndex] = credential;
        return `new ${classText}(${args.join(', ')})`;
      };
      context.report({
        node,
        messageId: 'keyAuth',
        data: { what: resolved.name, secret: 'a SAS token in its URL', use: `new ${resolved.name}(url, credential)` },
        suggest: canRewrite ? [suggest(build('new DefaultAzureCredential()'), build, node, [parts.sas])] : [],
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
          const replaced = resolved.binding && { binding: resolved.binding, within: node };
          context.report({
            node,
            messageId: 'keyAuth',
            data: { what: name, secret: 'the storage account key', use: 'a TokenCredential in the client constructor' },
            suggest: [suggest('new DefaultAzureCredential()', (credential) => credential, node, [node.arguments[1]], replaced)],
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
        } else if (!checkConnectionStringConstructor(node, resolved)) {
          checkSasUrl(node, resolved);
        }
      },
    };
  },
});
