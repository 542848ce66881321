import rule from '../../src/rules/no-sql-password-auth.js';
import { sqlSources as S } from '../fixtures/typed-sources.js';
import { cjs, createRuleTester, esm, lines, ts } from '../rule-tester.js';

const ruleTester = createRuleTester();
const useEntraType = 'useEntraType' as const;

ruleTester.run('no-sql-password-auth', rule, {
  valid: [
    // Entra ID types.
    ts(
      'import { Connection } from "tedious";',
      'new Connection({ server, authentication: { type: "azure-active-directory-default", options: {} } });',
      'new Connection({ server, authentication: { type: "azure-active-directory-msi-app-service", options: { clientId } } });',
    ),
    cjs('const sql = require("mssql");', 'sql.connect({ server, database, authentication: { type: "azure-active-directory-default" } });'),
    // No tedious / mssql in the file: a look-alike config is not a SQL connection.
    esm('export const config = { server: "x", user: "u", password: "p", authentication: { type: "default" } };'),
    // A non-static type is not judged.
    esm('import { Connection } from "tedious";', 'new Connection({ server, authentication: { type: authType, options } });'),
    // mssql: password without user or server is some other object.
    esm('import sql from "mssql";', 'const form = { password: input.value };'),
  ],
  invalid: [
    {
      ...ts(S.tediousDefault),
      output: null,
      errors: [
        {
          messageId: 'passwordAuthType',
          data: { type: 'default', secret: 'a SQL login password' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 36,
          suggestions: [
            {
              messageId: useEntraType,
              data: { type: 'azure-active-directory-default' },
              output: lines(
                'import { Connection } from "tedious";',
                'declare const password: string;',
                'export const connection = new Connection({',
                '  server: "contoso.database.windows.net",',
                '  authentication: { type: "azure-active-directory-default", options: {} },',
                '});',
              ),
            },
          ],
        },
      ],
    },
    {
      ...ts(S.mssqlUserPassword),
      output: null,
      errors: [
        {
          messageId: 'mssqlPassword',
          line: 2,
          column: 119,
          endLine: 2,
          endColumn: 154,
          suggestions: [
            {
              messageId: useEntraType,
              output: lines(
                'import sql from "mssql";',
                'export const pool = new sql.ConnectionPool({ server: "contoso.database.windows.net", database: "orders", authentication: { type: "azure-active-directory-default", options: {} } });',
              ),
            },
          ],
        },
      ],
    },
    {
      // Service-principal secret: the client id is kept for a user-assigned identity.
      ...cjs(
        'const { Connection } = require("tedious");',
        'const config = {',
        '  server: "contoso.database.windows.net",',
        '  authentication: {',
        '    type: "azure-active-directory-service-principal-secret",',
        '    options: { clientId: process.env.AZURE_CLIENT_ID, clientSecret: process.env.AZURE_CLIENT_SECRET, tenantId },',
        '  },',
        '};',
        'module.exports = new Connection(config);',
      ),
      output: null,
      errors: [
        {
          messageId: 'passwordAuthType',
          data: { type: 'azure-active-directory-service-principal-secret', secret: 'a client secret' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 60,
          suggestions: [
            {
              messageId: useEntraType,
              output: lines(
                'const { Connection } = require("tedious");',
                'const config = {',
                '  server: "contoso.database.windows.net",',
                '  authentication: { type: "azure-active-directory-default", options: { clientId: process.env.AZURE_CLIENT_ID } },',
                '};',
                'module.exports = new Connection(config);',
              ),
            },
          ],
        },
      ],
    },
    {
      // ntlm, and a missing type with a password (tedious defaults to "default"); MSI types offered by option.
      ...esm(
        'import sql from "mssql";',
        'await sql.connect({ server, authentication: { type: "ntlm", options: { domain, userName, password } } });',
        'await sql.connect({ server, authentication: { options: { userName, password } } });',
      ),
      options: [{ suggestTypes: ['azure-active-directory-msi-app-service', 'azure-active-directory-msi-vm'] }],
      output: null,
      errors: [
        {
          messageId: 'passwordAuthType',
          data: { type: 'ntlm', secret: 'a Windows account password' },
          line: 2,
          column: 53,
          endLine: 2,
          endColumn: 59,
          suggestions: [
            {
              messageId: useEntraType,
              data: { type: 'azure-active-directory-msi-app-service' },
              output: lines(
                'import sql from "mssql";',
                'await sql.connect({ server, authentication: { type: "azure-active-directory-msi-app-service", options: {} } });',
                'await sql.connect({ server, authentication: { options: { userName, password } } });',
              ),
            },
            {
              messageId: useEntraType,
              data: { type: 'azure-active-directory-msi-vm' },
              output: lines(
                'import sql from "mssql";',
                'await sql.connect({ server, authentication: { type: "azure-active-directory-msi-vm", options: {} } });',
                'await sql.connect({ server, authentication: { options: { userName, password } } });',
              ),
            },
          ],
        },
        {
          messageId: 'passwordAuthType',
          data: { type: 'default', secret: 'a SQL login password' },
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 43,
          suggestions: [
            {
              messageId: useEntraType,
              data: { type: 'azure-active-directory-msi-app-service' },
              output: lines(
                'import sql from "mssql";',
                'await sql.connect({ server, authentication: { type: "ntlm", options: { domain, userName, password } } });',
                'await sql.connect({ server, authentication: { type: "azure-active-directory-msi-app-service", options: {} } });',
              ),
            },
            {
              messageId: useEntraType,
              data: { type: 'azure-active-directory-msi-vm' },
              output: lines(
                'import sql from "mssql";',
                'await sql.connect({ server, authentication: { type: "ntlm", options: { domain, userName, password } } });',
                'await sql.connect({ server, authentication: { type: "azure-active-directory-msi-vm", options: {} } });',
              ),
            },
          ],
        },
      ],
    },
  ],
});
