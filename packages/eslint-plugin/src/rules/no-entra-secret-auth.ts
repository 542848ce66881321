/**
 * no-entra-secret-auth: Microsoft Entra ID authentication that needs a secret (client secret or user
 * password): @azure/identity's ClientSecretCredential and friends, msal-node confidential clients
 * configured with `auth.clientSecret`, and the legacy ms-rest service-principal-secret logins.
 * Reported whatever the secret's source (process.env included): the secret still exists.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleFix, RuleFixer } from '@typescript-eslint/utils/ts-eslint';
import { findProperty, resolveConstValue, staticKeyName, unwrapExpression } from '../analysis/ast.js';
import { referenceExport } from '../analysis/import-fixes.js';
import { ModuleImports, type ResolvedExport } from '../analysis/imports.js';
import { isExportedObject } from '../analysis/exported-object.js';
import { removeUnusedInputs } from '../analysis/unused-inputs.js';
import { createRule } from '../create-rule.js';

const IDENTITY = '@azure/identity';
const MSAL = '@azure/msal-node';
const LEGACY = new Set(['@azure/ms-rest-nodeauth', 'ms-rest-azure']);
const LEGACY_LOGINS = new Set(['loginWithServicePrincipalSecret', 'loginWithServicePrincipalSecretWithAuthResponse']);
/** Names followed through the project's own re-exporting modules. */
const REEXPORTED = new Set([
  'ClientSecretCredential',
  'UsernamePasswordCredential',
  'AuthorizationCodeCredential',
  'OnBehalfOfCredential',
  'ApplicationTokenCredentials',
  ...LEGACY_LOGINS,
]);

type MessageIds = 'secretCredential' | 'msalClientSecret' | 'legacySecretLogin' | 'useManagedIdentity' | 'useDefaultAzureCredential';
export type Options = [{ keepClientId?: boolean }];

/** A secret-based @azure/identity credential construction and the client id it carries. */
interface SecretCredentialUse {
  readonly secretKind: 'client secret' | 'user password';
  readonly clientId?: TSESTree.Node;
  /** The argument holding the secret (its variable goes when the suggestion leaves it unused). */
  readonly secret?: TSESTree.Node;
}

function isObjectOptions(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ObjectExpression;
}

export default createRule<Options, MessageIds>({
  name: 'no-entra-secret-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Microsoft Entra ID authentication with a client secret or password; use a managed identity',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      secretCredential:
        '{{name}} authenticates with a {{secretKind}}, which has to be stored and rotated. Use a managed identity: ManagedIdentityCredential in Azure, DefaultAzureCredential for code that also runs locally (workload identity on AKS).',
      msalClientSecret:
        'This MSAL confidential client authenticates with auth.clientSecret. Use a managed identity instead (ManagedIdentityApplication, or a managed identity as federated credential through auth.clientAssertion); never keep the secret in code or config.',
      legacySecretLogin:
        '{{name}} ({{module}}) logs in with a service principal secret. Move to @azure/identity and use ManagedIdentityCredential or DefaultAzureCredential.',
      useManagedIdentity: 'Replace with `{{replacement}}` (managed identity in Azure{{clientIdNote}}).',
      useDefaultAzureCredential:
        'Replace with `{{replacement}}` (managed identity in Azure, developer sign-in locally; it still picks up AZURE_CLIENT_SECRET from the environment, so remove that variable{{clientIdNote}}).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          keepClientId: {
            type: 'boolean',
            description:
              'Carry a non-literal client id (e.g. process.env.AZURE_CLIENT_ID) into the suggestion as the user-assigned managed identity.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ keepClientId: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const imports = ModuleImports.collect(sourceCode, (m) => m === IDENTITY || m === MSAL || LEGACY.has(m), REEXPORTED).withFilename(
      context.filename,
    );
    const mayConfigureMsal = sourceCode.text.includes('clientSecret');
    if (!imports.mayUse([IDENTITY, MSAL, 'ms-rest']) && !mayConfigureMsal) return {};
    const keepClientId = options.keepClientId !== false;
    const importsMsal = imports.imports((m) => m === MSAL);

    /** Is this `new X(...)` a secret-based identity credential? */
    function secretCredentialUse(name: string, args: TSESTree.CallExpressionArgument[]): SecretCredentialUse | undefined {
      switch (name) {
        case 'ClientSecretCredential':
          return { secretKind: 'client secret', clientId: args[1], secret: args[2] };
        case 'UsernamePasswordCredential':
          return { secretKind: 'user password', clientId: args[1], secret: args[3] };
        case 'AuthorizationCodeCredential': {
          // (tenantId, clientId, clientSecret, authorizationCode, redirectUri, options?) has a secret;
          // (tenantId, clientId, authorizationCode, redirectUri, options?) does not.
          const withSecret = args.length >= 6 || (args.length === 5 && !isObjectOptions(args[4]));
          return withSecret ? { secretKind: 'client secret', clientId: args[1], secret: args[2] } : undefined;
        }
        case 'OnBehalfOfCredential': {
          const first = args[0] && resolveConstValue(sourceCode, args[0]);
          if (first?.type !== AST_NODE_TYPES.ObjectExpression || !findProperty(first, 'clientSecret')) return undefined;
          return { secretKind: 'client secret', clientId: findProperty(first, 'clientId')?.value };
        }
        default:
          return undefined;
      }
    }

    function keptClientIdText(clientId: TSESTree.Node | undefined): string | undefined {
      if (!keepClientId || !clientId) return undefined;
      if (clientId.type === AST_NODE_TYPES.Literal || clientId.type === AST_NODE_TYPES.TemplateLiteral) return undefined;
      if (clientId.type === AST_NODE_TYPES.SpreadElement) return undefined;
      return sourceCode.getText(clientId);
    }

    function suggestion(
      node: TSESTree.NewExpression,
      binding: NonNullable<ResolvedExport['binding']>,
      messageId: 'useManagedIdentity' | 'useDefaultAzureCredential',
      exportName: string,
      argText: string,
      use: SecretCredentialUse,
      clientIdKept: boolean,
    ) {
      // The replacement text is the same whichever import form the fix settles on, except for the
      // class reference itself; describe it with the plain export name.
      const replacement = `new ${exportName}(${argText})`;
      const clientIdNote = clientIdKept ? "; the client id must be the managed identity's, not the app registration's" : '';
      return {
        messageId,
        data: { replacement, clientIdNote },
        fix(fixer: RuleFixer): RuleFix[] | null {
          const ref =
            binding.kind === 'namespace' && binding.module === IDENTITY
              ? { text: `${binding.local}.${exportName}`, fixes: [] }
              : referenceExport(sourceCode, imports, fixer, IDENTITY, exportName, { binding, within: node });
          if (!ref) return null;
          return [fixer.replaceText(node, `new ${ref.text}(${argText})`), ...ref.fixes, ...removeUnusedInputs(fixer, sourceCode, [use.secret], node)];
        },
      };
    }

    /** An msal `auth` object with a clientSecret: in a file that uses msal, or exported as msal configuration. */
    function isMsalAuth(authProperty: TSESTree.Property, auth: TSESTree.ObjectExpression): boolean {
      if (importsMsal) return true;
      if (!findProperty(auth, 'clientId')) return false;
      return authProperty.parent.type === AST_NODE_TYPES.ObjectExpression && isExportedObject(sourceCode, authProperty.parent);
    }

    return {
      NewExpression(node) {
        const resolved = imports.resolve(node.callee);
        if (!resolved) return;
        if (resolved.module === IDENTITY) {
          const use = secretCredentialUse(resolved.name, node.arguments);
          if (!use) return;
          const clientIdText = keptClientIdText(use.clientId);
          const binding = resolved.binding;
          context.report({
            node,
            messageId: 'secretCredential',
            data: { name: resolved.name, secretKind: use.secretKind },
            suggest: binding
              ? [
                  suggestion(
                    node,
                    binding,
                    'useManagedIdentity',
                    'ManagedIdentityCredential',
                    clientIdText ? (clientIdText === 'clientId' ? '{ clientId }' : `{ clientId: ${clientIdText} }`) : '',
                    use,
                    clientIdText !== undefined,
                  ),
                  suggestion(
                    node,
                    binding,
                    'useDefaultAzureCredential',
                    'DefaultAzureCredential',
                    clientIdText ? `{ managedIdentityClientId: ${clientIdText} }` : '',
                    use,
                    clientIdText !== undefined,
                  ),
                ]
              : [],
          });
        } else if (LEGACY.has(resolved.module) && resolved.name === 'ApplicationTokenCredentials') {
          context.report({ node, messageId: 'legacySecretLogin', data: { name: resolved.name, module: resolved.module } });
        }
      },
      CallExpression(node) {
        const resolved = imports.resolve(node.callee);
        if (resolved && LEGACY.has(resolved.module) && LEGACY_LOGINS.has(resolved.name)) {
          context.report({ node, messageId: 'legacySecretLogin', data: { name: resolved.name, module: resolved.module } });
        }
      },
      Property(node) {
        if (!mayConfigureMsal) return;
        // An msal-node Configuration literal: `{ auth: { clientId, clientSecret, ... } }`.
        if (staticKeyName(node.key, node.computed) !== 'auth') return;
        const value = unwrapExpression(node.value);
        if (value.type !== AST_NODE_TYPES.ObjectExpression) return;
        const secret = findProperty(value, 'clientSecret');
        if (secret && isMsalAuth(node, value)) context.report({ node: secret, messageId: 'msalClientSecret' });
      },
    };
  },
});
