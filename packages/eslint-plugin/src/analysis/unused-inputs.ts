/**
 * Removing what a suggestion leaves unused: a `const key = process.env.KEY;` whose only read was in the
 * code the suggestion replaces. Only a single-declarator, non-exported declaration whose initializer
 * has no side effects (environment reads, literals, member chains, `||` / `??` fallbacks) goes; anything
 * else stays, so a suggestion never drops behaviour other than the secret.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleFix, RuleFixer, SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { findVariableFor, unwrapExpression } from './ast.js';

function isPure(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return n.expressions.every(isPure);
    case AST_NODE_TYPES.MemberExpression:
      return isPure(n.object) && (!n.computed || isPure(n.property));
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return n.left.type !== AST_NODE_TYPES.PrivateIdentifier && isPure(n.left) && isPure(n.right);
    default:
      return false;
  }
}

/** The statement's range plus its line's indentation and line break, when it is alone on its line. */
function wholeLines(sourceCode: Readonly<SourceCode>, statement: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  let start = statement.range[0];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start > 0 && text[start - 1] !== '\n') start = statement.range[0];
  let end = statement.range[1];
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return [start, end];
}

/**
 * Fixes that delete the declarations of `inputs` (identifiers the suggestion drops) when every read
 * of them lies inside `within` (the replaced code).
 */
export function removeUnusedInputs(
  fixer: RuleFixer,
  sourceCode: Readonly<SourceCode>,
  inputs: readonly (TSESTree.Node | undefined)[],
  within: TSESTree.Node,
): RuleFix[] {
  const fixes: RuleFix[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const id = input && unwrapExpression(input);
    if (id?.type !== AST_NODE_TYPES.Identifier || seen.has(id.name)) continue;
    seen.add(id.name);
    const variable = findVariableFor(sourceCode, id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def || def.node.type !== AST_NODE_TYPES.VariableDeclarator) continue;
    const declarator = def.node;
    const declaration = declarator.parent as TSESTree.VariableDeclaration;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declaration.declarations.length !== 1) continue;
    if (declaration.parent.type !== AST_NODE_TYPES.Program && declaration.parent.type !== AST_NODE_TYPES.BlockStatement) continue;
    if (!declarator.init || !isPure(declarator.init)) continue;
    const [from, to] = within.range;
    const onlyReadWithin = variable.references.every(
      (r) => r.init === true || (r.isReadOnly() && r.identifier.range[0] >= from && r.identifier.range[1] <= to),
    );
    if (onlyReadWithin && variable.references.some((r) => r.init !== true)) {
      fixes.push(fixer.removeRange(wholeLines(sourceCode, declaration)));
    }
  }
  return fixes;
}
