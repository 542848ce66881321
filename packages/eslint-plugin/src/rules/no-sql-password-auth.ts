/**
 * no-sql-password-auth: tedious / mssql connection configs that log in with a password (SQL
 * authentication `default`, `ntlm`, Entra password or service-principal-secret types, or mssql's
 * `user` / `password`). Suggests Entra ID authentication through a managed identity.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleFix, RuleFixer } from '@typescript-eslint/utils/ts-eslint';
import { findProperty, staticString, unwrapExpression } from '../analysis/ast.js';
import { ModuleImports } from '../analysis/imports.js';
import { createRule } from '../create-rule.js';

const PASSWORD_TYPES: Record<string, string> = {
  default: 'a SQL login password',
  ntlm: 'a Windows account password',
  'azure-active-directory-password': 'a user password',
  'azure-active-directory-service-principal-secret': 'a client secret',
};

const ENTRA_TYPES = ['azure-active-directory-default', 'azure-active-directory-msi-app-service', 'azure-active-directory-msi-vm'] as const;
type EntraType = (typeof ENTRA_TYPES)[number];

type MessageIds = 'passwordAuthType' | 'mssqlPassword' | 'useEntraType';
export type Options = [{ suggestTypes?: EntraType[] }];

function isSqlModule(m: string): boolean {
  return m === 'tedious' || m === 'mssql' || m.startsWith('mssql/');
}

export default createRule<Options, MessageIds>({
  name: 'no-sql-password-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow password-based SQL authentication in tedious / mssql configs; use Entra ID with a managed identity',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      passwordAuthType:
        'SQL authentication type "{{type}}" needs {{secret}}. Use Entra ID with a managed identity: azure-active-directory-default (or -msi-app-service / -msi-vm, or token-credential).',
      mssqlPassword:
        'This mssql config logs in with a SQL user and password. Use Entra ID with a managed identity: authentication type azure-active-directory-default (or -msi-app-service / -msi-vm).',
      useEntraType: 'Use `authentication: { type: "{{type}}" }` instead.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          suggestTypes: {
            type: 'array',
            items: { type: 'string', enum: [...ENTRA_TYPES] },
            uniqueItems: true,
            description: 'Which Entra ID authentication types to offer as suggestions, in order.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ suggestTypes: ['azure-active-directory-default'] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const imports = ModuleImports.collect(sourceCode, isSqlModule);
    if (imports.isEmpty) return {};
    const usesMssql = imports.imports((m) => m !== 'tedious');
    const types = options.suggestTypes ?? ['azure-active-directory-default'];
    const q = imports.quote;

    /** `{ type: "<t>", options: { clientId? } }`, keeping a client id the old options carried. */
    function entraAuthentication(type: EntraType, oldOptions?: TSESTree.ObjectExpression): string {
      const clientId = oldOptions && findProperty(oldOptions, 'clientId');
      const opts = clientId ? `{ clientId: ${sourceCode.getText(clientId.value)} }` : '{}';
      return `{ type: ${q}${type}${q}, options: ${opts} }`;
    }

    function checkAuthentication(auth: TSESTree.Property, value: TSESTree.ObjectExpression): void {
      const typeProp = findProperty(value, 'type');
      const optionsProp = findProperty(value, 'options');
      const optionsValue = optionsProp && unwrapExpression(optionsProp.value);
      const oldOptions = optionsValue?.type === AST_NODE_TYPES.ObjectExpression ? optionsValue : undefined;
      let type: string | undefined;
      if (typeProp) type = staticString(typeProp.value);
      else if (oldOptions && findProperty(oldOptions, 'password')) type = 'default';
      if (type === undefined || !(type in PASSWORD_TYPES)) return;
      context.report({
        node: typeProp ? typeProp.value : auth.key,
        messageId: 'passwordAuthType',
        data: { type, secret: PASSWORD_TYPES[type]! },
        suggest: types.map((t) => ({
          messageId: 'useEntraType' as const,
          data: { type: t },
          fix: (fixer: RuleFixer): RuleFix => fixer.replaceText(value, entraAuthentication(t, oldOptions)),
        })),
      });
    }

    function removeProperty(fixer: RuleFixer, prop: TSESTree.Property): RuleFix {
      const after = sourceCode.getTokenAfter(prop);
      if (after?.value === ',') {
        const next = sourceCode.getTokenAfter(after, { includeComments: true });
        return fixer.removeRange([prop.range[0], next ? next.range[0] : after.range[1]]);
      }
      const before = sourceCode.getTokenBefore(prop);
      return fixer.removeRange([before?.value === ',' ? before.range[0] : prop.range[0], prop.range[1]]);
    }

    function checkMssqlConfig(node: TSESTree.ObjectExpression): void {
      const password = findProperty(node, 'password');
      if (!password) return;
      const user = findProperty(node, 'user');
      if (!user && !findProperty(node, 'server')) return;
      context.report({
        node: password,
        messageId: 'mssqlPassword',
        suggest: types.map((t) => ({
          messageId: 'useEntraType' as const,
          data: { type: t },
          fix: (fixer: RuleFixer): RuleFix[] => {
            const fixes = [fixer.replaceText(password, `authentication: ${entraAuthentication(t)}`)];
            if (user) fixes.push(removeProperty(fixer, user));
            return fixes;
          },
        })),
      });
    }

    return {
      ObjectExpression(node) {
        const auth = findProperty(node, 'authentication');
        if (auth) {
          const value = unwrapExpression(auth.value);
          if (value.type === AST_NODE_TYPES.ObjectExpression) checkAuthentication(auth, value);
          return;
        }
        if (usesMssql) checkMssqlConfig(node);
      },
    };
  },
});
