/**
 * What a file imports from a set of modules, and what an expression refers to through those imports.
 *
 * Understands ESM named, aliased, default and namespace imports, TS `import x = require()`, and
 * top-level CommonJS `require` / `await import()` (whole module, destructured, or `require('m').Name`). A reference only
 * resolves when the scope manager says the identifier really is that import (a local class or
 * parameter that merely shares the name does not).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { findVariableFor, staticKeyName, unwrapExpression } from './ast.js';
import { followLocalReexport } from './local-reexports.js';
import { TypedExports } from './typed-exports.js';

/** How many `const` aliases (`const C = identity.ClientSecretCredential`) are followed. */
const MAX_ALIAS_HOPS = 3;

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

/**
 * An expression that denotes export `name` of `module`. `binding` is the file's import it goes
 * through (its module differs from `module` for a local re-export); absent when only type
 * information resolved it (then no suggestion is offered).
 */
export interface ResolvedExport {
  readonly module: string;
  readonly name: string;
  readonly binding?: ModuleBinding;
}

function isRelative(module: string): boolean {
  return module.startsWith('./') || module.startsWith('../');
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

  private typed: TypedExports | null | undefined;

  private constructor(
    private readonly sourceCode: Readonly<SourceCode>,
    program: TSESTree.Program,
    private readonly wanted: (module: string) => boolean,
    /** Export names worth following through the project's own re-exporting modules. */
    private readonly reexported: ReadonlySet<string>,
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
        const local = isRelative(module) && reexported.size > 0;
        if (!wanted(module) && !local) continue;
        for (const s of statement.specifiers) {
          if (s.type === AST_NODE_TYPES.ImportSpecifier) {
            const imported = staticKeyName(s.imported, false) ?? s.local.name;
            if (!wanted(module) && !this.followsReexport(imported)) continue;
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
          if (!wanted(module) && !(isRelative(module) && reexported.size > 0)) continue;
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
    // So is one whose only `require` calls are inside functions.
    this.usesEsm = esm || (!sawRequire && program.sourceType === 'module' && !/\brequire\(/.test(sourceCode.text));
    this.quote = quote;
  }

  /**
   * Collects the bindings of modules accepted by `wanted` from the file's top-level statements, and
   * (for the names in `reexported`) imports of the project's own modules that may re-export them.
   */
  static collect(
    sourceCode: Readonly<SourceCode>,
    wanted: (module: string) => boolean,
    reexported: ReadonlySet<string> = new Set(),
  ): ModuleImports {
    return new ModuleImports(sourceCode, sourceCode.ast, wanted, reexported);
  }

  /**
   * Could this file use an export of a wanted module at all? Top-level imports, or the text names one
   * of `markers` (a `require` inside a function, a local re-export). Cheap: rules return early on false.
   */
  mayUse(markers: readonly string[]): boolean {
    if (this.all.some((b) => this.wanted(b.module))) return true;
    if (this.all.length > 0) return true;
    const text = this.sourceCode.text;
    return markers.some((m) => text.includes(m)) || TypedExports.of(this.sourceCode) !== undefined;
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

  /**
   * A binding defined by a `require` / `await import()` declaration anywhere (inside a function too),
   * for an identifier the top-level collection did not see.
   */
  private requireBinding(id: TSESTree.Identifier): ModuleBinding | undefined {
    const variable = findVariableFor(this.sourceCode, id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
    const d = def.node;
    const statement = d.parent as unknown as TSESTree.ProgramStatement;
    let module = requiredModule(d.init);
    let member: string | undefined;
    if (!module && d.init?.type === AST_NODE_TYPES.MemberExpression) {
      module = requiredModule(d.init.object);
      if (module) member = staticKeyName(d.init.property, d.init.computed);
    }
    if (!module || !(this.wanted(module) || isRelative(module))) return undefined;
    if (d.id.type === AST_NODE_TYPES.Identifier) {
      if (member) return { module, kind: 'named', imported: member, local: d.id.name, defNode: d, statement };
      return { module, kind: 'namespace', imported: '*', local: d.id.name, defNode: d, statement };
    }
    if (d.id.type === AST_NODE_TYPES.ObjectPattern && !member) {
      for (const p of d.id.properties) {
        if (p.type !== AST_NODE_TYPES.Property || p.value.type !== AST_NODE_TYPES.Identifier || p.value.name !== id.name) continue;
        const imported = staticKeyName(p.key, p.computed);
        if (imported) return { module, kind: 'named', imported, local: id.name, defNode: d, specifier: p, statement };
      }
    }
    return undefined;
  }

  /** The import binding an identifier really refers to (top-level import or a `require` anywhere). */
  private bindingOf(id: TSESTree.Identifier): ModuleBinding | undefined {
    const b = this.byLocal.get(id.name);
    if (b && this.refersTo(id, b)) return b;
    return this.requireBinding(id);
  }

  /** `const C = identity.ClientSecretCredential` (or `= ClientSecretCredential`): the aliased expression. */
  private aliasedExpression(id: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = findVariableFor(this.sourceCode, id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier || (def.node.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
    const init = unwrapExpression(def.node.init);
    return init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression ? init : undefined;
  }

  /** A local module's binding mapped to the package export it re-exports (or the binding as is). */
  private throughReexport(module: string, name: string, binding: ModuleBinding): ResolvedExport | undefined {
    if (!isRelative(module)) return { module, name, binding };
    if (!this.followsReexport(name)) return undefined;
    const target = followLocalReexport(this.filename, module, name, this.wanted);
    return target ? { module: target.module, name: target.name, binding } : undefined;
  }

  /**
   * Is a local module's export `name` worth following? The names the rule knows, and names that end
   * like an SDK class (`AppSecretCredential`, a renamed re-export).
   */
  private followsReexport(name: string): boolean {
    return this.reexported.size > 0 && (this.reexported.has(name) || /(?:Credentials?|Client|Application)$/.test(name));
  }

  /** The linted file's path (set by the rule through `withFilename`), for local re-exports. */
  private filename = '';

  /** Tells where the linted file is, so local re-exports can be read relative to it. */
  withFilename(filename: string): this {
    this.filename = filename;
    return this;
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
   * Which export an expression denotes: `Name` (named/aliased import or destructured require, at top
   * level or inside a function), `ns.Name` / `ns['Name']` (namespace, default import or `require`
   * object), a `const` alias of either, an export of the project's own module that re-exports a
   * package's, or (with type information) whatever the type checker resolves it to.
   */
  resolve(node: TSESTree.Node): ResolvedExport | undefined {
    return this.resolveSyntactic(node, MAX_ALIAS_HOPS) ?? this.resolveTyped(node);
  }

  private resolveSyntactic(node: TSESTree.Node, hops: number): ResolvedExport | undefined {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const b = this.bindingOf(node);
      if (b?.kind === 'named') return this.throughReexport(b.module, b.imported, b);
      if (b || hops <= 0) return undefined;
      const aliased = this.aliasedExpression(node);
      return aliased ? this.resolveSyntactic(aliased, hops - 1) : undefined;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier) {
      const b = this.bindingOf(node.object);
      if (!b || b.kind !== 'namespace') return undefined;
      const name = staticKeyName(node.property, node.computed);
      return name ? this.throughReexport(b.module, name, b) : undefined;
    }
    return undefined;
  }

  private resolveTyped(node: TSESTree.Node): ResolvedExport | undefined {
    if (this.typed === undefined) this.typed = TypedExports.of(this.sourceCode) ?? null;
    if (!this.typed) return undefined;
    return this.typed.resolve(node, this.wanted);
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
