/**
 * "The suggested code must type-check": every suggestion the rules make on the TypeScript fixtures is
 * applied and the result compiled with the TypeScript compiler API against the real SDK types
 * (@azure/identity, @azure/storage-blob, @azure/cosmos, @azure/service-bus are devDependencies) and
 * the ambient tedious / mssql declarations in tests/types/. The original sources must compile too,
 * and a wrong rewrite must not: the check can fail.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import plugin from '../src/index.js';
import { entraSources, sharedKeySources, sqlSources } from './fixtures/typed-sources.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const typesDir = `${packageRoot}tests/types/`;
const virtualDir = `${packageRoot}tests/__typecheck__/`;

const sources: Record<string, string> = {
  ...prefixed('entra', entraSources),
  ...prefixed('shared-key', sharedKeySources),
  ...prefixed('sql', sqlSources),
};

function prefixed(prefix: string, record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${prefix}-${k}`, v]));
}

/** Every suggestion output for a TypeScript source under `configs.recommended`. */
function suggestionOutputs(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ ...plugin.configs.recommended, files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
  const outputs: string[] = [];
  for (const message of linter.verify(code, config, { filename: 'case.ts' })) {
    assert.equal(message.fatal, undefined, message.message);
    for (const s of message.suggestions ?? []) {
      outputs.push(code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]));
    }
  }
  return outputs;
}

/** Type-checks virtual files (name -> text); returns the diagnostics, formatted, per file. */
function typeCheck(files: Record<string, string>): Record<string, string[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const virtual = new Map(Object.entries(files).map(([name, text]) => [`${virtualDir}${name}.ts`, text]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(fileName);
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  const ambient = readdirSync(typesDir).filter((f) => f.endsWith('.d.ts')).map((f) => `${typesDir}${f}`);
  const program = ts.createProgram([...virtual.keys(), ...ambient], options, host);
  const out: Record<string, string[]> = {};
  for (const [path] of virtual) {
    const sf = program.getSourceFile(path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    out[path.slice(virtualDir.length, -3)] = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

describe('suggestion outputs type-check', () => {
  const files: Record<string, string> = {};
  for (const [name, code] of Object.entries(sources)) {
    files[`${name}--original`] = code;
    suggestionOutputs(code).forEach((output, i) => (files[`${name}--suggestion-${i}`] = output));
  }
  // Control: a rewrite that does not type-check must be caught.
  files['control--wrong'] = entraSources.namedImport.replace(
    'new ClientSecretCredential(tenantId, clientId, secret)',
    'new ClientSecretCredential(42)',
  );
  const diagnostics = typeCheck(files);

  test('every TypeScript fixture yields suggestions', () => {
    for (const name of Object.keys(sources)) {
      assert.ok(Object.keys(files).some((f) => f.startsWith(`${name}--suggestion-`)), `${name}: no suggestion`);
    }
  });

  for (const name of Object.keys(files).filter((f) => !f.startsWith('control'))) {
    test(`${name} compiles`, () => {
      assert.deepEqual(diagnostics[name], [], files[name]);
    });
  }

  test('the control rewrite does not compile', () => {
    assert.ok((diagnostics['control--wrong'] ?? []).length > 0);
  });
});
