/**
 * A literal passed straight into a credential's secret or key parameter (`new ClientSecretCredential(t,
 * c, "...")`, `new StorageSharedKeyCredential(account, "...")`, `new AzureKeyCredential("...")`): the
 * parameter's name, for the secret-name judge, and the class it was passed to. Matched by the class's
 * name: a literal handed to a parameter of that name is a hardcoded credential whoever declares it.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { trailingName } from '../analysis/ast.js';

/** Class name -> [argument index, parameter name]. */
const SECRET_PARAMETERS: Record<string, readonly [number, string]> = {
  ClientSecretCredential: [2, 'clientSecret'],
  UsernamePasswordCredential: [3, 'password'],
  AuthorizationCodeCredential: [2, 'clientSecret'],
  StorageSharedKeyCredential: [1, 'accountKey'],
  AzureNamedKeyCredential: [1, 'accountKey'],
  AzureKeyCredential: [0, 'apiKey'],
  AzureSASCredential: [0, 'sasToken'],
  ApplicationTokenCredentials: [2, 'secret'],
};

export interface CredentialParameter {
  readonly key: string;
  readonly callee: string;
}

export function credentialParameterFor(node: TSESTree.Node): CredentialParameter | undefined {
  let child = node;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const callee = trailingName(parent.callee);
  const spec = callee === undefined ? undefined : SECRET_PARAMETERS[callee];
  if (!spec || parent.arguments[spec[0]] !== child) return undefined;
  return { key: spec[1], callee: callee! };
}
