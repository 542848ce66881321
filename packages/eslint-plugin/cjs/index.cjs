'use strict';
/**
 * CommonJS entry of @keyless/eslint-plugin (`require('@keyless/eslint-plugin')`, e.g. from an
 * eslint.config.cjs): the ESM build, loaded with Node's require(esm) (Node >= 20.19, no top-level
 * await in the plugin's module graph), exported as the plugin object itself.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is the CommonJS entry
const esm = require('../dist/src/index.js');

module.exports = esm.default;
