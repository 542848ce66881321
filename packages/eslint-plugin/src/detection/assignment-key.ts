/**
 * The name a string literal is assigned to, for the secret-name judge: a variable, property, class
 * field, parameter default, or the environment variable in `process.env.X ?? "literal"`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { processEnvName, staticKeyName } from '../analysis/ast.js';

/** The parent after TS-only wrappers (`"x" as string`, `"x"!`, `"x" satisfies T`). */
function meaningfulParent(node: TSESTree.Node): [TSESTree.Node, TSESTree.Node | undefined] {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return [child, parent];
}

function nameOfTarget(target: TSESTree.Node): string | undefined {
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(target.property, target.computed);
  return undefined;
}

/** The secret-name candidate for a literal value node, or undefined when it is not assigned to a name. */
export function assignmentKeyFor(node: TSESTree.Node): string | undefined {
  const [child, parent] = meaningfulParent(node);
  // `process.env.X ?? "literal"` / `|| "literal"`: the environment variable's name, else the name the
  // whole expression is assigned to.
  if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === child && parent.operator !== '&&') {
    return processEnvName(parent.left) ?? assignmentKeyFor(parent);
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child ? nameOfTarget(parent.id) : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child ? nameOfTarget(parent.left) : undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === child ? nameOfTarget(parent.left) : undefined;
    case AST_NODE_TYPES.Property:
      return parent.value === child ? staticKeyName(parent.key, parent.computed) : undefined;
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
      return parent.value === child ? staticKeyName(parent.key, parent.computed) : undefined;
    case AST_NODE_TYPES.JSXAttribute:
      return parent.name.type === AST_NODE_TYPES.JSXIdentifier ? parent.name.name : undefined;
    default:
      return undefined;
  }
}
