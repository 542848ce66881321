/**
 * With type information (`parserServices.program`, typescript-eslint's typed linting), which package
 * export an expression denotes: the symbol is followed through import aliases and re-exports of any
 * depth to its declaration, and a class declared in the project that `extends` another (a wrapper)
 * is followed to its base class. The package is read from the declaration file's path
 * (`node_modules/@azure/identity/...`). No `typescript` import: only the program's checker is used.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

/** ts.SymbolFlags.Alias (stable across TypeScript 4 and 5). */
const ALIAS = 2097152;
const MAX_DEPTH = 4;

/* Minimal structural views of the TypeScript objects used here. */
interface TsNode {
  kind: number;
  getSourceFile(): { fileName: string };
  heritageClauses?: readonly { types: readonly { expression: TsNode }[] }[];
}
interface TsSymbol {
  flags: number;
  name: string;
  declarations?: TsNode[];
}
interface TsChecker {
  getSymbolAtLocation(node: TsNode): TsSymbol | undefined;
  getAliasedSymbol(symbol: TsSymbol): TsSymbol;
}
interface TypedServices {
  program?: { getTypeChecker(): TsChecker } | null;
  esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): TsNode | undefined };
}

/** `.../node_modules/@azure/identity/dist/...` -> `@azure/identity` (the last node_modules segment). */
function packageOf(fileName: string): string | undefined {
  const path = fileName.replace(/\\/g, '/');
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const parts = path.slice(at + '/node_modules/'.length).split('/');
  if (parts[0] === '.pnpm') return undefined;
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

export class TypedExports {
  private constructor(
    private readonly checker: TsChecker,
    private readonly map: NonNullable<TypedServices['esTreeNodeToTSNodeMap']>,
  ) {}

  /** Undefined when the file is linted without type information. */
  static of(sourceCode: Readonly<SourceCode>): TypedExports | undefined {
    const services = sourceCode.parserServices as TypedServices | undefined;
    const program = services?.program;
    if (!program || !services.esTreeNodeToTSNodeMap) return undefined;
    return new TypedExports(program.getTypeChecker(), services.esTreeNodeToTSNodeMap);
  }

  /** The package export `node` (a class reference) denotes, if declared in a package accepted by `wanted`. */
  resolve(node: TSESTree.Node, wanted: (module: string) => boolean): { module: string; name: string } | undefined {
    const tsNode = this.map.get(node);
    return tsNode ? this.fromTsNode(tsNode, wanted, MAX_DEPTH) : undefined;
  }

  private fromTsNode(tsNode: TsNode, wanted: (module: string) => boolean, depth: number): { module: string; name: string } | undefined {
    let symbol = this.checker.getSymbolAtLocation(tsNode);
    if (!symbol) return undefined;
    if (symbol.flags & ALIAS) symbol = this.checker.getAliasedSymbol(symbol);
    for (const decl of symbol.declarations ?? []) {
      const module = packageOf(decl.getSourceFile().fileName);
      if (module !== undefined) return wanted(module) ? { module, name: symbol.name } : undefined;
      // A project class: follow `extends Base` (a wrapper of an SDK class).
      if (depth > 0) {
        for (const clause of decl.heritageClauses ?? []) {
          const base = clause.types[0]?.expression;
          const found = base && this.fromTsNode(base, wanted, depth - 1);
          if (found) return found;
        }
      }
    }
    return undefined;
  }
}
