/**
 * Where a suggestion's endpoint comes from when the connection string is not a literal: the values
 * the connection string is built from (`AccountName=${account}`, `Endpoint=sb://${ns}.servicebus...`),
 * or a variable in scope named for the account / namespace / endpoint. Returns expression text that
 * reuses them, or undefined (the caller then writes a `<account>` placeholder).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { resolveConstValue } from './ast.js';
import { configuredValue } from './connection-strings.js';

export type EndpointKind = 'blob' | 'queue' | 'table' | 'dfs' | 'file' | 'servicebus' | 'cosmos';

/** Variable names that hold the account name, namespace or endpoint, by kind. */
const ACCOUNT_NAME = /^(?:(?:azure_?)?storage_?)?account(?:_?name)?$/i;
const NAMESPACE = /^(?:[a-z]+_?)?(?:fully_?qualified_?namespace|fqns)$/i;
const COSMOS_ENDPOINT = /^(?:cosmos(?:_?db)?_?)?endpoint$/i;

/** A variable of that name visible at `node` (declared in an enclosing scope). */
function variableInScope(sourceCode: Readonly<SourceCode>, node: TSESTree.Node, pattern: RegExp): string | undefined {
  for (let scope: ReturnType<SourceCode['getScope']> | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    for (const v of scope.variables) {
      if (pattern.test(v.name) && v.defs.length > 0 && v.defs[0]!.name.range[1] <= node.range[0]) return v.name;
    }
  }
  return undefined;
}

/** The expression after `key=` in a template literal connection string (`AccountName=${account}`). */
function templateValueAfter(template: TSESTree.TemplateLiteral, key: RegExp): TSESTree.Expression | undefined {
  for (let i = 0; i < template.expressions.length; i++) {
    const before = template.quasis[i]!.value.cooked ?? '';
    if (key.test(before)) return template.expressions[i];
  }
  return undefined;
}

function hostSuffix(kind: EndpointKind): string {
  return kind === 'servicebus' ? '.servicebus.windows.net' : kind === 'cosmos' ? '.documents.azure.com:443/' : `.${kind}.core.windows.net`;
}

/** `\`https://${account}.blob.core.windows.net\`` and the like, from an account / namespace expression. */
function endpointFromName(nameText: string, kind: EndpointKind): string {
  if (kind === 'servicebus') return `\`\${${nameText}}${hostSuffix(kind)}\``;
  return `\`https://\${${nameText}}${hostSuffix(kind)}\``;
}

export function endpointFromOrigin(sourceCode: Readonly<SourceCode>, cs: TSESTree.Node, kind: EndpointKind): string | undefined {
  const value = resolveConstValue(sourceCode, configuredValue(cs));
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    const key = kind === 'servicebus' ? /Endpoint=sb:\/\/$/i : kind === 'cosmos' ? /AccountEndpoint=$/i : /AccountName=$/i;
    const expr = templateValueAfter(value, key);
    if (expr) {
      const text = sourceCode.getText(expr);
      if (kind === 'cosmos') return text;
      // `Endpoint=sb://${ns}.servicebus.windows.net/`: the host follows in the next quasi.
      if (kind === 'servicebus') {
        const next = value.quasis[value.expressions.indexOf(expr) + 1]?.value.cooked ?? '';
        const host = /^[A-Za-z0-9.-]*/.exec(next)?.[0] ?? '';
        return `\`\${${text}}${host}\``;
      }
      return endpointFromName(text, kind);
    }
  }
  if (kind === 'cosmos') return variableInScope(sourceCode, cs, COSMOS_ENDPOINT);
  if (kind === 'servicebus') return variableInScope(sourceCode, cs, NAMESPACE);
  const account = variableInScope(sourceCode, cs, ACCOUNT_NAME);
  return account ? endpointFromName(account, kind) : undefined;
}
