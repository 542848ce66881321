/** @keyless/eslint-plugin: rules are added in src/rules. */
export default { meta: { name: '@keyless/eslint-plugin', version: '0.1.0' }, rules: {} };
