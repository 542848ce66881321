/**
 * @keyless/eslint-plugin: lint rules that flag secrets that should not exist (hardcoded credentials,
 * secret-based Azure authentication) and suggest managed identity. Flat config only (ESLint 9 / 10):
 *
 *   import keyless from '@keyless/eslint-plugin';
 *   export default [keyless.configs.recommended];
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { textParser } from './languages/text-parser.js';
import { rules, type RuleName } from './rules/index.js';

const NAMESPACE = 'keyless';
const meta = { name: '@keyless/eslint-plugin', version: '0.1.0', namespace: NAMESPACE };

/** `configs.recommended` derives from each rule's `meta.docs.recommended`: no hand-kept list. */
function recommendedRules(): Record<string, 'error' | 'warn'> {
  const out: Record<string, 'error' | 'warn'> = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    const level = rules[name].meta.docs?.recommended;
    if (level) out[`${NAMESPACE}/${name}`] = level;
  }
  return out;
}

/** The plugin, typed with ESLint's own types so `eslint.config.ts` files accept it as is. */
export interface KeylessPlugin extends ESLint.Plugin {
  meta: typeof meta;
  rules: Record<RuleName, Rule.RuleModule>;
  configs: { recommended: Linter.Config; json: Linter.Config; env: Linter.Config; yaml: Linter.Config };
  /** Parsers for files that are not code: `text` (used by `configs.env`). */
  parsers: { text: typeof textParser };
}

const plugin: KeylessPlugin = {
  meta,
  // typescript-eslint's rule types and ESLint's differ only in their declared context types.
  rules: rules as unknown as Record<RuleName, Rule.RuleModule>,
  configs: {
    recommended: { name: 'keyless/recommended', rules: recommendedRules() },
    /**
     * JSON config files through @eslint/json: add `{ files: ['**\/*.json'], plugins: { json },
     * language: 'json/json' }` (json = the @eslint/json plugin) next to this config.
     */
    json: { name: 'keyless/json', files: ['**/*.json'], rules: { [`${NAMESPACE}/no-hardcoded-credentials-json`]: 'error' } },
    /** `.env` files, through the plugin's own text parser. */
    env: {
      name: 'keyless/env',
      files: ['**/.env', '**/.env.*', '**/*.env'],
      languageOptions: { parser: textParser },
      rules: { [`${NAMESPACE}/no-hardcoded-credentials-config`]: 'error' },
    },
    /**
     * YAML files (pipelines, Kubernetes, compose): add `{ files: ['**\/*.{yml,yaml}'], languageOptions:
     * { parser: yamlParser } }` (yamlParser = the `yaml-eslint-parser` package) next to this config.
     */
    yaml: { name: 'keyless/yaml', files: ['**/*.yml', '**/*.yaml'], rules: { [`${NAMESPACE}/no-hardcoded-credentials-config`]: 'error' } },
  },
  parsers: { text: textParser },
};
for (const config of Object.values(plugin.configs)) config.plugins = { [NAMESPACE]: plugin };

export default plugin;
export { rules };
