import { generateIdentifiableKey, generateStorageConnectionString } from '@keyless/scanner/detectors';
import * as yamlParser from 'yaml-eslint-parser';
import { textParser } from '../../src/languages/text-parser.js';
import rule from '../../src/rules/no-hardcoded-credentials-config.js';
import { createRuleTester, lines } from '../rule-tester.js';
import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';

// Fake secrets, generated at run time with valid checksums (never literals in this file).
const connectionString = generateStorageConnectionString(2); // AccountKey value: 88 chars at offset 66
const busKey = generateIdentifiableKey('servicebus', 3);

const ruleTester = createRuleTester();
const env = (filename: string, ...ls: string[]) => ({
  code: ls.join('\n'),
  filename,
  languageOptions: { parser: textParser } as unknown as TestLanguageOptions,
});
const yaml = (filename: string, ...ls: string[]) => ({
  code: ls.join('\n'),
  filename,
  languageOptions: { parser: yamlParser } as unknown as TestLanguageOptions,
});

ruleTester.run('no-hardcoded-credentials-config', rule, {
  valid: [
    // References and placeholders.
    env('.env', 'AZURE_CLIENT_ID=0d3f1a6e-8f7b-4c2e-9a51-3c8e2b7d4f10', 'STORAGE_CONNECTION_STRING=', 'PASSWORD=changeme'),
    yaml('azure-pipelines.yml', 'variables:', '  storageKey: $(STORAGE_KEY)', '  password: ${{ secrets.DB_PASSWORD }}'),
    // A keyless-ignore comment, as in the CLI.
    env('.env.local', `STORAGE=${connectionString} # keyless-ignore`),
    yaml('compose.yaml', 'services:', '  app:', '    environment:', '      # keyless-ignore-next-line', `      BUS_KEY: "${busKey}"`),
  ],
  invalid: [
    {
      ...env('.env', '# storage', `AZURE_STORAGE_CONNECTION_STRING=${connectionString}`),
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 33 + 66, endLine: 2, endColumn: 33 + 66 + 88 }],
    },
    {
      // Kubernetes manifest: the key in a quoted value.
      ...yaml('k8s/deployment.yaml', 'apiVersion: v1', 'kind: Secret', 'stringData:', `  SERVICEBUS_KEY: "${busKey}"`),
      errors: [{ messageId: 'hardcodedSecret', line: 4, column: 20, endLine: 4, endColumn: 20 + busKey.length }],
    },
    {
      // A pipeline variable with a connection string.
      ...yaml('.github/workflows/deploy.yml', lines('env:', `  STORAGE: ${connectionString}`)),
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 12 + 66, endLine: 2, endColumn: 12 + 66 + 88 }],
    },
  ],
});
