/** Every rule of the plugin, by name (the name is also the docs file and the test file name). */
import noEntraSecretAuth from './no-entra-secret-auth.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noHardcodedCredentialsConfig from './no-hardcoded-credentials-config.js';
import noHardcodedCredentialsJson from './no-hardcoded-credentials-json.js';
import noSharedKeyAuth from './no-shared-key-auth.js';
import noSqlPasswordAuth from './no-sql-password-auth.js';

export const rules = {
  'no-entra-secret-auth': noEntraSecretAuth,
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-hardcoded-credentials-config': noHardcodedCredentialsConfig,
  'no-hardcoded-credentials-json': noHardcodedCredentialsJson,
  'no-shared-key-auth': noSharedKeyAuth,
  'no-sql-password-auth': noSqlPasswordAuth,
};

export type RuleName = keyof typeof rules;
