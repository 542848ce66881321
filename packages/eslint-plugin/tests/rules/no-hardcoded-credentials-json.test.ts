/**
 * The JSON rule runs on @eslint/json's language, which typescript-eslint's RuleTester (parser-based)
 * cannot host: ESLint's own RuleTester is used here, wired to node:test the same way.
 */
import { describe, it } from 'node:test';
import { RuleTester, type Rule } from 'eslint';
import json from '@eslint/json';
import { generateEntraClientSecret, generatePassword, generateStorageConnectionString } from '@keyless/scanner/detectors';
import rule from '../../src/rules/no-hardcoded-credentials-json.js';

(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).describe = describe;
(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).it = it;
(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).itOnly = it.only;

const ruleTester = new RuleTester({ plugins: { json }, language: 'json/json' });
const entraSecret = generateEntraClientSecret(2); // 40 chars
const connectionString = generateStorageConnectionString(2); // AccountKey value: 88 chars at offset 66
const password = generatePassword(2); // 16 chars

ruleTester.run('no-hardcoded-credentials-json', rule as unknown as Rule.RuleModule, {
  valid: [
    {
      filename: 'appsettings.json',
      code: JSON.stringify(
        {
          AzureAd: { ClientId: '0d3f1a6e-8f7b-4c2e-9a51-3c8e2b7d4f10', ClientSecret: '@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=aad)' },
          ConnectionStrings: { Storage: 'UseDevelopmentStorage=true' },
          Smtp: { Password: '' },
        },
        null,
        2,
      ),
    },
    { filename: 'local.settings.json', code: '{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Password": "changeme" } }' },
  ],
  invalid: [
    {
      filename: 'appsettings.json',
      code: ['{', '  "AzureAd": {', `    "ClientSecret": "${entraSecret}"`, '  },', `  "Storage": "${connectionString}",`, `  "Smtp": { "Password": "${password}" }`, '}'].join('\n'),
      errors: [
        { messageId: 'hardcodedSecret', line: 3, column: 22, endLine: 3, endColumn: 62 },
        { messageId: 'hardcodedSecret', line: 5, column: 81, endLine: 5, endColumn: 169 },
        { messageId: 'secretAssignment', line: 6, column: 25, endLine: 6, endColumn: 43 },
      ],
    },
    {
      // Values inside arrays are scanned too.
      filename: 'secrets.json',
      code: `{ "list": ["${entraSecret}"] }`,
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 13, endLine: 1, endColumn: 53 }],
    },
    {
      // A config file's password is the password as written, even when it reads like words.
      filename: 'robomongo.json',
      code: '{\n  "sshUserPassword": "roboMongoSSHPass"\n}',
      errors: [{ messageId: 'secretAssignment', line: 2, column: 22, endLine: 2, endColumn: 40 }],
    },
  ],
});
