/**
 * What a file imports from a set of modules, and what an expression refers to through those imports.
 *
 * Understands ESM named, aliased, default and namespace imports, TS `import x = require()`, and
 * top-level CommonJS `require` / `await import()` (whole module, destructured, or `require('m').Name`). A reference only
 * resolves when the scope manager says the identifier really is that import (a local class or
 * parameter that merely shares the name does not).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { findVariableFor, staticKeyName } from './ast.js';

export interface ModuleBinding {
  readonly module: string;
  /** `named`: one export (`imported`); `namespace`: the module object (namespace, default or `require`). */
  readonly kind: 'named' | 'namespace';
  readonly imported: string;
  readonly local: string;
  /** The node the scope manager records as this binding's definition. */
  readonly defNode: TSESTree.Node;
  /** The rewritable specifier: an ImportSpecifier or a Property of a `require` destructuring pattern. */
  readonly specifier?: TSESTree.ImportSpecifier | TSESTree.Property;
  /** The statement holding the binding. */
  readonly statement: TSESTree.ProgramStatement;
}

/** An expression that denotes export `name` of `binding.module`. */
export interface ResolvedExport {
  readonly module: string;
  readonly name: string;
  readonly binding: ModuleBinding;
}

/** `require('m')` or `await import('m')` -> `m`. */
function requiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  if (
    node?.type === AST_NODE_TYPES.AwaitExpression &&
    node.argument.type === AST_NODE_TYPES.ImportExpression &&
    node.argument.source.type === AST_NODE_TYPES.Literal &&
    typeof node.argument.source.value === 'string'
  ) {
    return node.argument.source.value;
  }
  if (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  ) {
    const arg = node.arguments[0];
    if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return arg.value;
  }
  return undefined;
}

export class ModuleImports {
  private readonly byLocal = new Map<string, ModuleBinding>();
  private readonly all: ModuleBinding[] = [];
  /** The module statements (imports or top-level requires) in source order, for inserting a new one. */
  readonly lastImportStatement: TSESTree.ProgramStatement | undefined;
  readonly usesEsm: boolean;
  /** The quote character the file's module specifiers use. */
  readonly quote: string;

  private constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    program: TSESTree.Program,
    wanted: (module: string) => boolean,
  ) {
    let last: TSESTree.ProgramStatement | undefined;
    let esm = false;
    let sawRequire = false;
    let quote = '"';
    // Another language's AST (e.g. @eslint/json documents) has no statements: nothing is imported.
    for (const statement of Array.isArray(program.body) ? program.body : []) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        esm = true;
        last = statement;
        quote = statement.source.raw.startsWith("'") ? "'" : '"';
        const module = statement.source.value;
        if (!wanted(module)) continue;
        for (const s of statement.specifiers) {
          if (s.type === AST_NODE_TYPES.ImportSpecifier) {
            const imported = staticKeyName(s.imported, false) ?? s.local.name;
            this.add({ module, kind: 'named', imported, local: s.local.name, defNode: s, specifier: s, statement });
          } else {
            this.add({ module, kind: 'namespace', imported: '*', local: s.local.name, defNode: s, statement });
          }
        }
      } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        last = statement;
        const ref = statement.moduleReference;
        if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && ref.expression.type === AST_NODE_TYPES.Literal) {
          const module = String(ref.expression.value);
          if (wanted(module)) {
            this.add({ module, kind: 'namespace', imported: '*', local: statement.id.name, defNode: statement, statement });
          }
        }
      } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        let isRequire = false;
        for (const d of statement.declarations) {
          const init = d.init;
          let module = requiredModule(init);
          let member: string | undefined;
          if (!module && init?.type === AST_NODE_TYPES.MemberExpression) {
            module = requiredModule(init.object);
            if (module) member = staticKeyName(init.property, init.computed);
          }
          if (!module) continue;
          isRequire = true;
          if (!wanted(module)) continue;
          if (d.id.type === AST_NODE_TYPES.Identifier) {
            if (member) this.add({ module, kind: 'named', imported: member, local: d.id.name, defNode: d, statement });
            else this.add({ module, kind: 'namespace', imported: '*', local: d.id.name, defNode: d, statement });
          } else if (d.id.type === AST_NODE_TYPES.ObjectPattern && !member) {
            for (const p of d.id.properties) {
              if (p.type !== AST_NODE_TYPES.Property || p.value.type !== AST_NODE_TYPES.Identifier) continue;
              const imported = staticKeyName(p.key, p.computed);
              if (imported) {
                this.add({ module, kind: 'named', imported, local: p.value.name, defNode: d, specifier: p, statement });
              }
            }
          }
        }
        if (isRequire) {
          sawRequire = true;
          last = statement;
          quote = sourceCode.getText(statement).includes("require('") ? "'" : '"';
        }
      }
    }
    this.lastImportStatement = last;
    // A file that `require`s and never `import`s is CommonJS whatever the parser was told.
    this.usesEsm = esm || (!sawRequire && program.sourceType === 'module');
    this.quote = quote;
  }

  /** Collects the bindings of modules accepted by `wanted` from the file's top-level statements. */
  static collect(sourceCode: Readonly<SourceCode>, wanted: (module: string) => boolean): ModuleImports {
    return new ModuleImports(sourceCode, sourceCode.ast, wanted);
  }

  private add(b: ModuleBinding): void {
    this.byLocal.set(b.local, b);
    this.all.push(b);
  }

  get isEmpty(): boolean {
    return this.all.length === 0;
  }

  /** True when some binding comes from a module accepted by `test`. */
  imports(test: (module: string) => boolean): boolean {
    return this.all.some((b) => test(b.module));
  }

  /** The local binding of export `name` of `module`, if the file imports it by name. */
  namedBinding(module: string, name: string): ModuleBinding | undefined {
    return this.all.find((b) => b.kind === 'named' && b.module === module && b.imported === name);
  }

  /** A namespace-like binding (namespace, default import, whole `require`) of `module`. */
  namespaceBinding(module: string): ModuleBinding | undefined {
    return this.all.find((b) => b.kind === 'namespace' && b.module === module);
  }

  /** Is `id` really the binding (not a shadowing local of the same name)? */
  private refersTo(id: TSESTree.Identifier, binding: ModuleBinding): boolean {
    const variable = findVariableFor(this.sourceCode, id);
    return variable !== undefined && variable.defs.some((d) => d.node === binding.defNode);
  }

  /**
   * Which export an expression denotes: `Name` (named/aliased import or destructured require) or
   * `ns.Name` / `ns['Name']` (namespace, default import or `require` object).
   */
  resolve(node: TSESTree.Node): ResolvedExport | undefined {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const b = this.byLocal.get(node.name);
      if (!b || b.kind !== 'named' || !this.refersTo(node, b)) return undefined;
      return { module: b.module, name: b.imported, binding: b };
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier) {
      const b = this.byLocal.get(node.object.name);
      if (!b || b.kind !== 'namespace') return undefined;
      const name = staticKeyName(node.property, node.computed);
      if (!name || !this.refersTo(node.object, b)) return undefined;
      return { module: b.module, name, binding: b };
    }
    return undefined;
  }

  /** Every reference to a named binding lies inside `within` (so replacing `within` leaves it unused). */
  onlyUsedWithin(binding: ModuleBinding, within: TSESTree.Node): boolean {
    const variable = this.sourceCode.scopeManager?.getDeclaredVariables(binding.defNode).find((v) => v.name === binding.local);
    if (!variable) return false;
    const [from, to] = within.range;
    // The declaration's own write (`const { X } = require(...)`) is not a use.
    return variable.references.every((r) => r.init === true || (r.identifier.range[0] >= from && r.identifier.range[1] <= to));
  }
}
