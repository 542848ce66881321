/**
 * RuleTester wired to node's test runner, and helpers that state a case's language: TypeScript,
 * plain JS as ES module, plain JS as CommonJS (all through @typescript-eslint/parser, no type info).
 */
import { after, describe, it } from 'node:test';
import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export function createRuleTester(): RuleTester {
  return new RuleTester();
}

/** A TypeScript case: the lines joined with `\n`. */
export function ts(...lines: string[]) {
  return { code: lines.join('\n'), filename: 'file.ts' };
}

/**
 * `languageOptions.sourceType` is ESLint's flat-config option (the tester passes languageOptions on
 * to ESLint as is); typescript-eslint's test-case type only lists parser-level keys, hence the cast.
 */
function sourceType(type: 'module' | 'commonjs'): TestLanguageOptions {
  return { sourceType: type } as TestLanguageOptions;
}

/** A plain JavaScript ES module case. */
export function esm(...lines: string[]) {
  return { code: lines.join('\n'), filename: 'file.mjs', languageOptions: sourceType('module') };
}

/** A plain JavaScript CommonJS case. */
export function cjs(...lines: string[]) {
  return { code: lines.join('\n'), filename: 'file.cjs', languageOptions: sourceType('commonjs') };
}

/** Lines joined with `\n`, for suggestion outputs. */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}
