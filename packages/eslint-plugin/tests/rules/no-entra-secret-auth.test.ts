import rule from '../../src/rules/no-entra-secret-auth.js';
import { entraSources as S } from '../fixtures/typed-sources.js';
import { cjs, createRuleTester, esm, lines, ts } from '../rule-tester.js';

const ruleTester = createRuleTester();
const secretCredential = 'secretCredential' as const;

ruleTester.run('no-entra-secret-auth', rule, {
  valid: [
    // A local class that only shares the name.
    esm('class ClientSecretCredential { constructor(a, b, c) {} }', 'new ClientSecretCredential(1, 2, 3);'),
    // A parameter shadowing the import.
    ts(
      'import { ClientSecretCredential } from "@azure/identity";',
      'export function make(ClientSecretCredential: new (...a: string[]) => object) { return new ClientSecretCredential("a", "b", "c"); }',
    ),
    // Same name from another module.
    esm('import { ClientSecretCredential } from "./my-credentials.js";', 'new ClientSecretCredential(t, c, s);'),
    // Secretless credentials.
    ts(
      'import { DefaultAzureCredential, ManagedIdentityCredential, ClientCertificateCredential } from "@azure/identity";',
      'new DefaultAzureCredential();',
      'new ManagedIdentityCredential({ clientId: "id" });',
      'new ClientCertificateCredential("t", "c", "/cert.pem");',
    ),
    // AuthorizationCodeCredential without a client secret: (tenant, client, code, redirect, options).
    esm('import { AuthorizationCodeCredential } from "@azure/identity";', 'new AuthorizationCodeCredential(t, c, code, uri, { authorityHost });'),
    // OnBehalfOfCredential with a certificate.
    cjs(
      'const { OnBehalfOfCredential } = require("@azure/identity");',
      'new OnBehalfOfCredential({ tenantId, clientId, certificatePath, userAssertionToken });',
    ),
    // msal with a certificate; and an `auth.clientSecret` object in a file that does not use msal-node
    // and does not export it.
    esm('import { ConfidentialClientApplication } from "@azure/msal-node";', 'new ConfidentialClientApplication({ auth: { clientId, clientCertificate } });'),
    cjs('const options = { auth: { clientId: "id", clientSecret: process.env.SECRET } };', 'start(options);'),
    // Legacy certificate login.
    cjs('const msRestAzure = require("ms-rest-azure");', 'msRestAzure.loginWithServicePrincipalCertificate(clientId, cert, tenant);'),
  ],
  invalid: [
    {
      ...ts(S.namedImport),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'ClientSecretCredential', secretKind: 'client secret' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import { ManagedIdentityCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, secret: string;',
                'export const credential = new ManagedIdentityCredential({ clientId });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, secret: string;',
                'export const credential = new DefaultAzureCredential({ managedIdentityClientId: clientId });',
              ),
            },
          ],
        },
      ],
    },
    {
      // The old import is still used (as a type): the new one is added beside it. A literal client
      // id is an app registration's, never the managed identity's: not carried over.
      ...ts(S.importStillUsed),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 107,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import { ClientSecretCredential, ManagedIdentityCredential } from "@azure/identity";',
                'export type LegacyCredential = ClientSecretCredential;',
                'export const credential = new ManagedIdentityCredential();',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { ClientSecretCredential, DefaultAzureCredential } from "@azure/identity";',
                'export type LegacyCredential = ClientSecretCredential;',
                'export const credential = new DefaultAzureCredential();',
              ),
            },
          ],
        },
      ],
    },
    {
      // Aliased import; DefaultAzureCredential is already imported and reused.
      ...ts(S.aliased),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import { ManagedIdentityCredential, DefaultAzureCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, secret: string;',
                'export const fallback = new DefaultAzureCredential();',
                'export const credential = new ManagedIdentityCredential({ clientId });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, secret: string;',
                'export const fallback = new DefaultAzureCredential();',
                'export const credential = new DefaultAzureCredential({ managedIdentityClientId: clientId });',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.namespace),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import * as identity from "@azure/identity";',
                'declare const env: Record<string, string>;',
                'export const credential = new identity.ManagedIdentityCredential({ clientId: env.C });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import * as identity from "@azure/identity";',
                'declare const env: Record<string, string>;',
                'export const credential = new identity.DefaultAzureCredential({ managedIdentityClientId: env.C });',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.onBehalfOf),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 102,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import { ManagedIdentityCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, clientSecret: string, userAssertionToken: string;',
                'export const obo = new ManagedIdentityCredential({ clientId });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { DefaultAzureCredential } from "@azure/identity";',
                'declare const tenantId: string, clientId: string, clientSecret: string, userAssertionToken: string;',
                'export const obo = new DefaultAzureCredential({ managedIdentityClientId: clientId });',
              ),
            },
          ],
        },
      ],
    },
    {
      // CommonJS destructured require; the secret comes from the environment and is still reported.
      ...cjs(
        'const { UsernamePasswordCredential } = require("@azure/identity");',
        'const credential = new UsernamePasswordCredential(tenantId, clientId, user, password);',
        'module.exports = { credential };',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'UsernamePasswordCredential', secretKind: 'user password' },
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'const { ManagedIdentityCredential } = require("@azure/identity");',
                'const credential = new ManagedIdentityCredential({ clientId });',
                'module.exports = { credential };',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'const { DefaultAzureCredential } = require("@azure/identity");',
                'const credential = new DefaultAzureCredential({ managedIdentityClientId: clientId });',
                'module.exports = { credential };',
              ),
            },
          ],
        },
      ],
    },
    {
      // CommonJS whole-module require used as a namespace.
      ...cjs(
        'const identity = require("@azure/identity");',
        'module.exports = new identity.ClientSecretCredential("tenant", "client", process.env.SECRET);',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines('const identity = require("@azure/identity");', 'module.exports = new identity.ManagedIdentityCredential();'),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines('const identity = require("@azure/identity");', 'module.exports = new identity.DefaultAzureCredential();'),
            },
          ],
        },
      ],
    },
    {
      // AuthorizationCodeCredential with a client secret (5 positional arguments, no options object).
      ...esm(
        'import { AuthorizationCodeCredential } from "@azure/identity";',
        'export default new AuthorizationCodeCredential(tenantId, clientId, secret, code, redirectUri);',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines('import { ManagedIdentityCredential } from "@azure/identity";', 'export default new ManagedIdentityCredential({ clientId });'),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export default new DefaultAzureCredential({ managedIdentityClientId: clientId });',
              ),
            },
          ],
        },
      ],
    },
    {
      // A file-level binding already named DefaultAzureCredential: that suggestion is withheld
      // rather than shadowing it (CommonJS).
      ...cjs(
        'const { ClientSecretCredential } = require("@azure/identity");',
        'const DefaultAzureCredential = 1;',
        'module.exports = new ClientSecretCredential(a, b, c);',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'const { ManagedIdentityCredential } = require("@azure/identity");',
                'const DefaultAzureCredential = 1;',
                'module.exports = new ManagedIdentityCredential({ clientId: b });',
              ),
            },
          ],
        },
      ],
    },
    {
      // Destructured dynamic import (ESM).
      ...esm('const { ClientSecretCredential } = await import("@azure/identity");', 'export default new ClientSecretCredential(a, b, c);'),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'const { ManagedIdentityCredential } = await import("@azure/identity");',
                'export default new ManagedIdentityCredential({ clientId: b });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'const { DefaultAzureCredential } = await import("@azure/identity");',
                'export default new DefaultAzureCredential({ managedIdentityClientId: b });',
              ),
            },
          ],
        },
      ],
    },
    {
      // TypeScript `import x = require()`.
      ...ts('import identity = require("@azure/identity");', 'export const c = new identity.ClientSecretCredential("t", "c", "s");'),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines('import identity = require("@azure/identity");', 'export const c = new identity.ManagedIdentityCredential();'),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines('import identity = require("@azure/identity");', 'export const c = new identity.DefaultAzureCredential();'),
            },
          ],
        },
      ],
    },
    {
      // keepClientId: false drops the client id from the suggestion.
      ...esm('import { ClientSecretCredential } from "@azure/identity";', 'export default new ClientSecretCredential(tenantId, clientId, secret);'),
      options: [{ keepClientId: false }],
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 70,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines('import { ManagedIdentityCredential } from "@azure/identity";', 'export default new ManagedIdentityCredential();'),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines('import { DefaultAzureCredential } from "@azure/identity";', 'export default new DefaultAzureCredential();'),
            },
          ],
        },
      ],
    },
    {
      // msal-node confidential client with auth.clientSecret (TypeScript, named import).
      ...ts(
        'import { ConfidentialClientApplication } from "@azure/msal-node";',
        'export const app = new ConfidentialClientApplication({',
        '  auth: { clientId: "app-id", clientSecret: process.env.MSAL_SECRET! },',
        '});',
      ),
      output: null,
      errors: [{ messageId: 'msalClientSecret', line: 3, column: 31, endLine: 3, endColumn: 69, suggestions: [] }],
    },
    {
      // msal-node config object built beside a namespace require (CommonJS).
      ...cjs(
        'const msal = require("@azure/msal-node");',
        'const msalConfig = { auth: { clientId: "app-id", clientSecret: "Enter_the_Client_Secret_Here" } };',
        'module.exports = new msal.ConfidentialClientApplication(msalConfig);',
      ),
      output: null,
      errors: [{ messageId: 'msalClientSecret', line: 2, column: 50, endLine: 2, endColumn: 94, suggestions: [] }],
    },
    {
      ...cjs(
        'const msRestNodeAuth = require("@azure/ms-rest-nodeauth");',
        'msRestNodeAuth.loginWithServicePrincipalSecret(clientId, secret, tenantId);',
      ),
      output: null,
      errors: [
        {
          messageId: 'legacySecretLogin',
          data: { name: 'loginWithServicePrincipalSecret', module: '@azure/ms-rest-nodeauth' },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 75,
          suggestions: [],
        },
      ],
    },
    {
      ...esm(
        'import { ApplicationTokenCredentials } from "ms-rest-azure";',
        'export const creds = new ApplicationTokenCredentials(clientId, domain, secret);',
      ),
      output: null,
      errors: [{ messageId: 'legacySecretLogin', line: 2, column: 22, endLine: 2, endColumn: 79, suggestions: [] }],
    },
  ],
});
