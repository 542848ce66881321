/**
 * Small, allocation-free AST helpers shared by the rules: property names, static strings, object
 * property lookup, and following an identifier to the `const` initializer it was declared with.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { Scope, SourceCode } from '@typescript-eslint/utils/ts-eslint';

/** The static name of a property key / member property (`a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`). */
export function staticKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The static string value of a string literal or an expression-less template literal. */
export function staticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Strips TS-only wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`) and parentheses-free chains. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (
    n.type === AST_NODE_TYPES.TSAsExpression ||
    n.type === AST_NODE_TYPES.TSNonNullExpression ||
    n.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    n.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    n = n.expression;
  }
  return n;
}

/** The (non-spread) property named `name` of an object literal. */
export function findProperty(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of obj.properties) {
    if (p.type === AST_NODE_TYPES.Property && staticKeyName(p.key, p.computed) === name) return p;
  }
  return undefined;
}

/**
 * Follows an identifier to the initializer of the `const` it names (same file, not reassigned), once
 * per hop, up to a few hops. Anything else is returned unchanged (TS wrappers stripped).
 */
export function resolveConstValue(sourceCode: Readonly<SourceCode>, node: TSESTree.Node, hops = 3): TSESTree.Node {
  let current = unwrapExpression(node);
  for (let i = 0; i < hops && current.type === AST_NODE_TYPES.Identifier; i++) {
    const variable = findVariableFor(sourceCode, current);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || def.node.type !== AST_NODE_TYPES.VariableDeclarator) break;
    const declaration = def.node.parent as TSESTree.VariableDeclaration;
    if (declaration.kind !== 'const' || !def.node.init || def.node.id.type !== AST_NODE_TYPES.Identifier) break;
    current = unwrapExpression(def.node.init);
  }
  return current;
}

/** The scope variable an identifier refers to (through enclosing scopes), if declared in this file. */
export function findVariableFor(sourceCode: Readonly<SourceCode>, id: TSESTree.Identifier): Scope.Variable | undefined {
  let scope: ReturnType<SourceCode['getScope']> | null = sourceCode.getScope(id);
  while (scope) {
    const v = scope.set.get(id.name);
    if (v) return v;
    scope = scope.upper;
  }
  return undefined;
}

/** `process.env.NAME` / `process.env['NAME']` -> `NAME`. */
export function processEnvName(node: TSESTree.Node): string | undefined {
  const n = unwrapExpression(node);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const obj = n.object;
  if (
    obj.type !== AST_NODE_TYPES.MemberExpression ||
    obj.computed ||
    obj.object.type !== AST_NODE_TYPES.Identifier ||
    obj.object.name !== 'process' ||
    obj.property.type !== AST_NODE_TYPES.Identifier ||
    obj.property.name !== 'env'
  ) {
    return undefined;
  }
  return staticKeyName(n.property, n.computed);
}

/** Last name of an identifier or member chain (`a.b.cred` -> `cred`), for naming heuristics. */
export function trailingName(node: TSESTree.Node): string | undefined {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(n.property, n.computed);
  return undefined;
}
