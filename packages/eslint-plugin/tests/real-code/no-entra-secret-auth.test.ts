/**
 * no-entra-secret-auth on the shapes real code uses (issue 17): `const` aliases of the credential
 * class, `require` inside functions, re-exports through the project's own modules (read from disk
 * next to the linted file), msal configurations exported from one module for use in another, and,
 * with type information, wrappers (`class AppCredential extends ClientSecretCredential`). The
 * suggestions say what else must change and drop the variable that held the secret.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import rule from '../../src/rules/no-entra-secret-auth.js';
import { cjs, createRuleTester, esm, lines, ts } from '../rule-tester.js';

// Local modules the linted files import from (under dist/, so @azure/identity resolves for types).
const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
mkdirSync(join(packageRoot, 'dist'), { recursive: true });
const dir = mkdtempSync(join(packageRoot, 'dist', 'entra-fixture-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'auth.ts': 'export { ClientSecretCredential as AppSecretCredential, DefaultAzureCredential } from "@azure/identity";\n',
  'barrel.js': 'export * from "./auth.js";\n',
  'cjs-auth.js': 'module.exports = require("@azure/identity");\n',
  'wrapper.ts': 'import { ClientSecretCredential } from "@azure/identity";\nexport class AppCredential extends ClientSecretCredential {}\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, noEmit: true }, include: ['*.ts'] }),
  'typed.ts': '',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

const ruleTester = createRuleTester();
const secretCredential = 'secretCredential' as const;
const msalClientSecret = 'msalClientSecret' as const;
const clientIdNote = "; the client id must be the managed identity's, not the app registration's";

ruleTester.run('no-entra-secret-auth (real-code shapes)', rule, {
  valid: [
    // A local module that does not re-export @azure/identity.
    { ...esm('import { AppSecretCredential } from "./missing.js";', 'new AppSecretCredential(t, c, s);'), filename: join(dir, 'main.mjs') },
    // A const alias of something else; an msal-like object that is neither exported nor in an msal file.
    esm('import * as identity from "@azure/identity";', 'const C = identity.ManagedIdentityCredential;', 'new C();'),
    cjs('const settings = { auth: { clientId, clientSecret } };', 'run(settings);'),
    // An exported object with clientSecret but without msal's auth shape (no clientId).
    cjs('module.exports = { auth: { clientSecret: process.env.S } };'),
    // A wrapper class is only seen through with type information.
    { ...ts('import { AppCredential } from "./wrapper.js";', 'export const credential = new AppCredential("t", "c", process.env.SECRET!);'), filename: join(dir, 'untyped.ts') },
  ],
  invalid: [
    {
      // `const C = identity.ClientSecretCredential`; the secret variable (only read there) goes, and
      // the suggestions say what else must change.
      ...esm(
        'import * as identity from "@azure/identity";',
        'const C = identity.ClientSecretCredential;',
        'const secret = process.env.AZURE_CLIENT_SECRET;',
        'export const credential = new C(tenantId, process.env.AZURE_CLIENT_ID, secret);',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'ClientSecretCredential', secretKind: 'client secret' },
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              data: { replacement: 'new ManagedIdentityCredential({ clientId: process.env.AZURE_CLIENT_ID })', clientIdNote },
              output: lines(
                'import * as identity from "@azure/identity";',
                'const C = identity.ClientSecretCredential;',
                'export const credential = new identity.ManagedIdentityCredential({ clientId: process.env.AZURE_CLIENT_ID });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              data: { replacement: 'new DefaultAzureCredential({ managedIdentityClientId: process.env.AZURE_CLIENT_ID })', clientIdNote },
              output: lines(
                'import * as identity from "@azure/identity";',
                'const C = identity.ClientSecretCredential;',
                'export const credential = new identity.DefaultAzureCredential({ managedIdentityClientId: process.env.AZURE_CLIENT_ID });',
              ),
            },
          ],
        },
      ],
    },
    {
      // `require` inside a function; no client id carried, so no client-id note.
      ...cjs(
        'async function login(tenantId, clientId, clientSecret) {',
        '  const { ClientSecretCredential } = require("@azure/identity");',
        '  return new ClientSecretCredential(tenantId, "00000000-0000-0000-0000-000000000000", clientSecret);',
        '}',
      ),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              data: { replacement: 'new ManagedIdentityCredential()', clientIdNote: '' },
              output: lines(
                'async function login(tenantId, clientId, clientSecret) {',
                '  const { ManagedIdentityCredential } = require("@azure/identity");',
                '  return new ManagedIdentityCredential();',
                '}',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              data: { replacement: 'new DefaultAzureCredential()', clientIdNote: '' },
              output: lines(
                'async function login(tenantId, clientId, clientSecret) {',
                '  const { DefaultAzureCredential } = require("@azure/identity");',
                '  return new DefaultAzureCredential();',
                '}',
              ),
            },
          ],
        },
      ],
    },
    {
      // A re-export through a local module, two hops (barrel.js -> auth.ts -> @azure/identity).
      ...esm('import { AppSecretCredential } from "./barrel.js";', 'export const credential = new AppSecretCredential(t, c, s);'),
      filename: join(dir, 'main.mjs'),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'ClientSecretCredential', secretKind: 'client secret' },
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'import { ManagedIdentityCredential } from "@azure/identity";',
                'export const credential = new ManagedIdentityCredential({ clientId: c });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'import { DefaultAzureCredential } from "@azure/identity";',
                'export const credential = new DefaultAzureCredential({ managedIdentityClientId: c });',
              ),
            },
          ],
        },
      ],
    },
    {
      // A CommonJS module that re-exports the whole package, used through a namespace require.
      ...cjs('const auth = require("./cjs-auth.js");', 'module.exports = new auth.UsernamePasswordCredential(t, c, user, password);'),
      filename: join(dir, 'main.cjs'),
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'UsernamePasswordCredential', secretKind: 'user password' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'useManagedIdentity',
              output: lines(
                'const auth = require("./cjs-auth.js");',
                'const { ManagedIdentityCredential } = require("@azure/identity");',
                'module.exports = new ManagedIdentityCredential({ clientId: c });',
              ),
            },
            {
              messageId: 'useDefaultAzureCredential',
              output: lines(
                'const auth = require("./cjs-auth.js");',
                'const { DefaultAzureCredential } = require("@azure/identity");',
                'module.exports = new DefaultAzureCredential({ managedIdentityClientId: c });',
              ),
            },
          ],
        },
      ],
    },
    {
      // An msal configuration defined here and exported (CommonJS), used by another module.
      ...cjs(
        'const authConfig = {',
        '  auth: { clientId: "Enter_the_Application_Id_Here", clientSecret: "Enter_the_Client_Secret_Here" },',
        '};',
        'module.exports = authConfig;',
      ),
      output: null,
      errors: [{ messageId: msalClientSecret, line: 2, column: 54, endLine: 2, endColumn: 98, suggestions: [] }],
    },
    {
      // ... exported as a named ES export, and as a property of module.exports.
      ...esm('export const msalConfig = { auth: { clientId, authority, clientSecret: process.env.CLIENT_SECRET } };'),
      output: null,
      errors: [{ messageId: msalClientSecret, line: 1, column: 58, endLine: 1, endColumn: 97, suggestions: [] }],
    },
    {
      ...cjs('const msalConfig = { auth: { clientId, clientSecret } };', 'module.exports = { msalConfig, port: 3000 };'),
      output: null,
      errors: [{ messageId: msalClientSecret, line: 1, column: 40, endLine: 1, endColumn: 52, suggestions: [] }],
    },
    {
      // With type information: a project class wrapping ClientSecretCredential.
      ...ts('import { AppCredential } from "./wrapper.js";', 'export const credential = new AppCredential("t", "c", process.env.SECRET!);'),
      filename: 'typed.ts',
      languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
      output: null,
      errors: [
        {
          messageId: secretCredential,
          data: { name: 'ClientSecretCredential', secretKind: 'client secret' },
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 75,
          suggestions: [],
        },
      ],
    },
  ],
});
