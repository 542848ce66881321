/**
 * @keyless/eslint-plugin: lint rules that flag secrets that should not exist (hardcoded credentials,
 * secret-based Azure authentication) and suggest managed identity. Flat config only:
 *
 *   import keyless from '@keyless/eslint-plugin';
 *   export default [keyless.configs.recommended];
 */
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

/** A flat config object that enables the plugin's rules. */
export interface KeylessConfig {
  name: string;
  plugins: Record<string, KeylessPlugin>;
  rules: Record<string, 'error' | 'warn'>;
}

export interface KeylessPlugin {
  meta: typeof meta;
  rules: typeof rules;
  configs: { recommended: KeylessConfig };
}

const plugin: KeylessPlugin = {
  meta,
  rules,
  configs: { recommended: { name: 'keyless/recommended', plugins: {}, rules: recommendedRules() } },
};
plugin.configs.recommended.plugins[NAMESPACE] = plugin;

export default plugin;
export { rules };
