/**
 * Is an object literal (or the object literal it is nested in) exported from its module? A
 * configuration defined in one module and used in another (`module.exports = authConfig`,
 * `export const msalConfig = {...}`, `export default {...}`, `module.exports = { msalConfig }`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { unwrapExpression } from './ast.js';

/** `module.exports`, `module.exports.X`, `exports.X`. */
function isExportsTarget(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const o = node.object;
  if (o.type === AST_NODE_TYPES.Identifier && o.name === 'exports') return true;
  if (o.type === AST_NODE_TYPES.Identifier && o.name === 'module') {
    return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'exports';
  }
  return isExportsTarget(o);
}

/** The expression's value leaves the module: exported directly or as a property of an exported object. */
function isExportedValue(node: TSESTree.Node, depth: number): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child) return isExportsTarget(parent.left);
  if (parent.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    return depth > 0 && isExportedValue(parent.parent, depth - 1);
  }
  return false;
}

/** Is `obj` (the outermost of nested object literals) exported, directly or through the `const` holding it? */
export function isExportedObject(sourceCode: Readonly<SourceCode>, obj: TSESTree.ObjectExpression): boolean {
  let outer: TSESTree.Node = obj;
  while (outer.parent?.type === AST_NODE_TYPES.Property && outer.parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    outer = outer.parent.parent;
  }
  if (isExportedValue(outer, 2)) return true;
  let holder: TSESTree.Node | undefined = outer.parent;
  while (holder && holder.type !== AST_NODE_TYPES.VariableDeclarator && unwrapExpression(holder) !== holder) holder = holder.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const declaration = holder.parent as TSESTree.VariableDeclaration;
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  const variable = sourceCode.scopeManager?.getDeclaredVariables(holder).find((v) => v.name === (holder.id as TSESTree.Identifier).name);
  return (
    variable?.references.some((r) => {
      const id = r.identifier;
      const p = id.parent;
      if (p?.type === AST_NODE_TYPES.ExportSpecifier) return true;
      return r.isRead() && isExportedValue(id, 2);
    }) ?? false
  );
}
