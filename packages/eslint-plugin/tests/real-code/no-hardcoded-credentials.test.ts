/**
 * no-hardcoded-credentials on literals passed straight into a credential's secret or key parameter
 * (issue 17): reported as a hardcoded credential, judged by the scanner's secret-assignment judge
 * under the parameter's name (so placeholders stay quiet).
 */
import { catalog, generatePassword } from '@keyless/scanner/detectors';
import rule from '../../src/rules/no-hardcoded-credentials.js';
import { detectorMessageData } from '../../src/detection/report-options.js';
import { cjs, createRuleTester, esm } from '../rule-tester.js';

// Generated at run time: not a catalog pattern, only a secret by the parameter it is passed to.
const secret = generatePassword(7);
const ruleTester = createRuleTester();
const secretArgument = 'secretArgument' as const;
/** The scanner's secret-assignment detector judges these literals. */
const judged = detectorMessageData(catalog.find((d) => d.id === 'generic-secret-assignment')!);

ruleTester.run('no-hardcoded-credentials (credential parameters)', rule, {
  valid: [
    // Placeholders and references in the secret parameter; a literal in a non-secret parameter.
    esm('import { ClientSecretCredential } from "@azure/identity";', 'new ClientSecretCredential("tenant", "client", "Enter_the_Client_Secret_Here");'),
    esm('new ClientSecretCredential("tenant", "client", process.env.AZURE_CLIENT_SECRET);'),
    esm(`new StorageSharedKeyCredential("${secret}", key);`),
  ],
  invalid: [
    {
      ...esm('import { ClientSecretCredential } from "@azure/identity";', `new ClientSecretCredential("tenant", "client", "${secret}");`),
      errors: [
        {
          messageId: secretArgument,
          data: { key: 'clientSecret', callee: 'ClientSecretCredential', ...judged },
          line: 2,
          column: 48,
          endLine: 2,
          endColumn: 48 + secret.length + 2,
        },
      ],
    },
    {
      ...cjs(
        'const { StorageSharedKeyCredential } = require("@azure/storage-blob");',
        `const { AzureKeyCredential } = require("@azure/core-auth");`,
        `new StorageSharedKeyCredential("contosodata", "${secret}");`,
        `new AzureKeyCredential("${secret}");`,
      ),
      errors: [
        { messageId: secretArgument, data: { key: 'accountKey', callee: 'StorageSharedKeyCredential', ...judged }, line: 3, column: 47, endLine: 3, endColumn: 47 + secret.length + 2 },
        { messageId: secretArgument, data: { key: 'apiKey', callee: 'AzureKeyCredential', ...judged }, line: 4, column: 24, endLine: 4, endColumn: 24 + secret.length + 2 },
      ],
    },
  ],
});
