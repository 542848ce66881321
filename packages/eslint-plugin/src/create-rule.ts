/**
 * The rule factory shared by every keyless rule: typescript-eslint's RuleCreator, with the docs URL
 * pointing at the rule's markdown page in this package.
 */
import { ESLintUtils } from '@typescript-eslint/utils';

/** Where the rules' docs live (one `docs/rules/<rule>.md` per rule). */
export const DOCS_BASE = 'https://github.com/keyless-dev/keyless/blob/main/packages/eslint-plugin/docs/rules/';

/** Extra `meta.docs` fields of keyless rules; `recommended` drives `configs.recommended`. */
export interface KeylessRuleDocs {
  /** Severity the rule gets in `configs.recommended`, or `false` when it is not in it. */
  recommended: 'error' | 'warn' | false;
  /** Every keyless rule works on plain syntax: no type information needed. */
  requiresTypeChecking?: false;
}

export function docsUrlFor(ruleName: string): string {
  return `${DOCS_BASE}${ruleName}.md`;
}

export const createRule = ESLintUtils.RuleCreator<KeylessRuleDocs>(docsUrlFor);
