/**
 * Import edits for suggestions: refer to an export of a module at a report site (reusing an existing
 * named or namespace import, adding the named import beside an existing one, or adding a new import /
 * `require` statement), and drop an import that the rewrite leaves unused.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleFix, RuleFixer, SourceCode } from '@typescript-eslint/utils/ts-eslint';
import type { ModuleBinding, ModuleImports } from './imports.js';

export interface ExportReference {
  /** Expression text that denotes the export at the report site. */
  readonly text: string;
  /** Import edits that make `text` valid (and remove what became unused). */
  readonly fixes: RuleFix[];
}

export interface ReplacedBinding {
  /** The import binding referenced by the code being replaced. */
  readonly binding: ModuleBinding;
  /** The node being replaced: references inside it disappear. */
  readonly within: TSESTree.Node;
}

function isNameTaken(sourceCode: Readonly<SourceCode>, name: string): boolean {
  const global = sourceCode.scopeManager?.globalScope;
  if (!global) return false;
  if (global.set.has(name)) return true;
  // ES modules have a module scope; CommonJS files a function scope around the whole program.
  return global.childScopes.some((s) => (s.type === 'module' || s.type === 'function') && s.block.type === 'Program' && s.set.has(name));
}

/** Range covering a whole statement and the line break after it. */
function statementRange(sourceCode: Readonly<SourceCode>, statement: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  let end = statement.range[1];
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return [statement.range[0], end];
}

/** Removes one specifier (import specifier or destructured `require` property), commas included. */
function removeSpecifier(fixer: RuleFixer, sourceCode: Readonly<SourceCode>, b: ModuleBinding): RuleFix[] {
  const spec = b.specifier;
  if (!spec) return [];
  const siblings: TSESTree.Node[] =
    spec.type === AST_NODE_TYPES.ImportSpecifier
      ? (spec.parent as TSESTree.ImportDeclaration).specifiers.filter((s) => s.type === AST_NODE_TYPES.ImportSpecifier)
      : (spec.parent as TSESTree.ObjectPattern).properties;
  if (siblings.length === 1) {
    if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
      const decl = spec.parent as TSESTree.ImportDeclaration;
      const def = decl.specifiers.find((s) => s.type !== AST_NODE_TYPES.ImportSpecifier);
      if (def) {
        // `import D, { X } from 'm'` -> `import D from 'm'`
        const open = sourceCode.getTokenBefore(spec, { filter: (t) => t.value === '{' });
        const close = sourceCode.getTokenAfter(spec, { filter: (t) => t.value === '}' });
        if (!open || !close) return [];
        return [fixer.removeRange([def.range[1], close.range[1]])];
      }
    } else if (b.statement.type === AST_NODE_TYPES.VariableDeclaration && b.statement.declarations.length > 1) {
      return [];
    }
    return [fixer.removeRange(statementRange(sourceCode, b.statement))];
  }
  const after = sourceCode.getTokenAfter(spec);
  if (after?.value === ',') {
    const next = sourceCode.getTokenAfter(after, { includeComments: true });
    return [fixer.removeRange([spec.range[0], next ? next.range[0] : after.range[1]])];
  }
  const before = sourceCode.getTokenBefore(spec);
  if (before?.value === ',') return [fixer.removeRange([before.range[0], spec.range[1]])];
  return [];
}

/** The specifier text for a named import or destructured require of `name`. */
function specifierText(name: string): string {
  return name;
}

/**
 * How to refer to `module`'s export `name` at a report site, with the import edits to make it valid.
 * When `replaced` is given and the rewrite removes its last reference, its import goes too.
 * Undefined when the name would clash with an unrelated binding of the file.
 */
export function referenceExport(
  sourceCode: Readonly<SourceCode>,
  imports: ModuleImports,
  fixer: RuleFixer,
  module: string,
  name: string,
  replaced?: ReplacedBinding,
): ExportReference | undefined {
  const old = replaced?.binding;
  const oldUnused =
    old !== undefined && old.kind === 'named' && imports.onlyUsedWithin(old, replaced!.within);
  const dropOld = (): RuleFix[] => (old && oldUnused ? removeSpecifier(fixer, sourceCode, old) : []);

  const named = imports.namedBinding(module, name);
  if (named) return { text: named.local, fixes: named === old ? [] : dropOld() };
  const ns = imports.namespaceBinding(module);
  if (ns) return { text: `${ns.local}.${name}`, fixes: dropOld() };
  if (isNameTaken(sourceCode, name)) return undefined;

  if (old?.specifier && old.module === module) {
    if (oldUnused) return { text: name, fixes: [fixer.replaceText(old.specifier, specifierText(name))] };
    return { text: name, fixes: [fixer.insertTextAfter(old.specifier, `, ${specifierText(name)}`)] };
  }
  // The module is not imported yet: add a statement of the file's style after its last import.
  const q = imports.quote;
  const statement = imports.usesEsm
    ? `import { ${name} } from ${q}${module}${q};`
    : `const { ${name} } = require(${q}${module}${q});`;
  const anchor = imports.lastImportStatement;
  const drops = dropOld();
  if (anchor && old && drops.some((f) => f.range[0] <= anchor.range[1] && f.range[1] >= anchor.range[1])) {
    // The last import statement itself goes away: the new one takes its place.
    return { text: name, fixes: [fixer.replaceText(old.statement, statement)] };
  }
  const add = anchor
    ? fixer.insertTextAfter(anchor, `\n${statement}`)
    : fixer.insertTextBeforeRange([0, 0], `${statement}\n`);
  return { text: name, fixes: [add, ...drops] };
}
