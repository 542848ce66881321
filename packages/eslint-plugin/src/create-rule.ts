/**
 * The rule factory shared by every keyless rule: the same contract as typescript-eslint's
 * `ESLintUtils.RuleCreator` (docs URL from the rule name, default options deep-merged under the
 * user's), written here so that the plugin does not load `@typescript-eslint/utils` at run time
 * (its types are used at build time only: a JavaScript project gets no `typescript`).
 */
import type { ESLintUtils } from '@typescript-eslint/utils';

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

type Obj = Record<string, unknown>;

function isObjectNotArray(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `second` over `first`, objects merged key by key (neither is changed). */
function deepMerge(first: Obj, second: Obj): Obj {
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const a = first[key];
      const b = second[key];
      if (!(key in second)) return [key, a];
      if (!(key in first)) return [key, b];
      return [key, isObjectNotArray(a) && isObjectNotArray(b) ? deepMerge(a, b) : b];
    }),
  );
}

/** The rule's default options with the user's options over them (a copy: defaults are never changed). */
export function applyDefault(defaults: readonly unknown[], user: readonly unknown[] | undefined): unknown[] {
  const options = structuredClone([...defaults]);
  if (user == null) return options;
  return options.map((opt, i) => {
    const mine = user[i];
    if (mine === undefined) return opt;
    return isObjectNotArray(mine) && isObjectNotArray(opt) ? deepMerge(opt, mine) : mine;
  });
}

interface RuleSpec {
  readonly name: string;
  readonly meta: Obj & { readonly docs?: Obj; readonly defaultOptions?: readonly unknown[] };
  readonly defaultOptions?: readonly unknown[];
  readonly create: (context: { readonly options: readonly unknown[] }, options: unknown[]) => unknown;
}

function createNamedRule({ name, meta, defaultOptions, create }: RuleSpec): Obj {
  const resolved = meta.defaultOptions ?? defaultOptions ?? [];
  return {
    create: (context: { readonly options: readonly unknown[] }) => create(context, applyDefault(resolved, context.options)),
    defaultOptions,
    meta: { ...meta, docs: { ...meta.docs, url: docsUrlFor(name) } },
    name,
  };
}

/** typescript-eslint's RuleCreator type, without its run-time code. */
export const createRule = createNamedRule as unknown as ReturnType<typeof ESLintUtils.RuleCreator<KeylessRuleDocs>>;
