/**
 * A realistic repository, built at run time: leaks with valid checksums (from the catalog's
 * generators) in every file type keyless reads with structure (appsettings*.json,
 * local.settings.json, .env, YAML pipelines / k8s / compose / workflows, ARM and Bicep parameters,
 * tfvars, notebooks, JS/TS/C#/Python code, XML configs, credential files), next to the values that
 * are NOT secrets (design.md §3.4): placeholders, Key Vault references, the Azurite key,
 * `UseDevelopmentStorage=true`, GUID ids, lockfile hashes, notebook images, a minified bundle,
 * sample settings with empty values. Each leak records the rule id and the 1-based line/column
 * at which the reported secret starts.
 */
import { createPrng, ALPHABETS } from '../../src/detect/examples/prng.js';
import { encodeBase64 } from '../../src/detect/encoding.js';
import {
  generateAwsAccessKeyId,
  generateAwsSecretAccessKey,
  generateBase64Key,
  generateDevOpsPat,
  generateEntraClientSecret,
  generateGithubToken,
  generateIdentifiableKey,
  generateLegacyAccountKey,
  generateNpmToken,
  generatePassword,
  generatePem,
  generateSasUrl,
  generateSendGridKey,
  generateSlackWebhookUrl,
  generateStripeKey,
} from '../../src/detect/examples/generate.js';
import {
  generateBasicAuth,
  generateDjangoSecretKey,
  generateHex,
  generatePasswordHash,
  generatePuttyKey,
  generateWordPressSalt,
} from '../../src/detect/examples/generate-credentials.js';

export interface ExpectedFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

export interface Corpus {
  readonly files: readonly CorpusFile[];
  readonly expected: readonly ExpectedFinding[];
}

/** A leak inserted into a file: `text` is written; the finding starts at `secret` inside it. */
interface Leak {
  readonly ruleId: string;
  readonly text: string;
  readonly secret: string;
}

function leak(ruleId: string, text: string, secret: string = text): Leak {
  if (!text.includes(secret)) throw new Error(`corpus: ${ruleId} secret is not in its text`);
  return { ruleId, text, secret };
}

/** The Azurite development key (public, documented by Microsoft), assembled at run time. */
const AZURITE_KEY = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSR', 'Z6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='].join('');

class CorpusBuilder {
  readonly files: CorpusFile[] = [];
  readonly expected: ExpectedFinding[] = [];

  /** Tagged template: `b.file('path')\`...${leak(...)}...\``. */
  file(path: string) {
    return (strings: TemplateStringsArray, ...parts: (string | Leak)[]): void => {
      let text = '';
      strings.forEach((s, i) => {
        text += s;
        const part = parts[i];
        if (part === undefined) return;
        if (typeof part === 'string') {
          text += part;
          return;
        }
        const offset = text.length + part.text.indexOf(part.secret);
        const before = text + part.text.slice(0, part.text.indexOf(part.secret));
        const line = before.split('\n').length;
        const column = offset - (before.lastIndexOf('\n') + 1) + 1;
        this.expected.push({ ruleId: part.ruleId, path, line, column });
        text += part.text;
      });
      this.files.push({ path, text });
    };
  }
}

/** A minified bundle: long random identifiers and base64 data, no secret-named assignments. */
function minifiedBundle(): string {
  const rng = createPrng(4242);
  const parts: string[] = [];
  for (let i = 0; i < 200; i++) {
    const id = rng.chars('abcdefghijklmnopqrstuvwxyz', 2);
    parts.push(`var ${id}${i}="${rng.chars(ALPHABETS.base64, 40)}";function f${i}(t){return t.k${i}||"${rng.chars(ALPHABETS.base62, 32)}"}`);
  }
  return `!function(){${parts.join(';')}}();\n`;
}

/** Builds the corpus: deterministic, nothing stored in the repository. */
export function buildCorpus(): Corpus {
  const b = new CorpusBuilder();
  const entra = generateEntraClientSecret(1001);
  const storageKey = generateIdentifiableKey('storage', 1002);
  const legacyKey = generateLegacyAccountKey(1003);
  const sbKey = generateBase64Key(32, 1004);
  const cosmosKey = generateIdentifiableKey('cosmos', 1005);
  const pem = generatePem(1006);
  const pemBody = pem.slice(pem.indexOf('\n') + 1, pem.indexOf('\n-----END'));
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = '0b5c1c2e-9f4e-4c3e-a1a9-6f3a4c8d2e10';

  // --- appsettings*.json --------------------------------------------------------------------
  b.file('src/Api/appsettings.json')`{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "${tenantId}",
    "ClientId": "${clientId}",
    "ClientSecret": "${leak('azure-entra-client-secret', entra)}"
  },
  "ConnectionStrings": {
    "Storage": "${leak('azure-storage-account-key', `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${storageKey};EndpointSuffix=core.windows.net`, storageKey)}",
    "Sql": "Server=tcp:contoso.database.windows.net,1433;Database=orders;Authentication=Active Directory Default;"
  },
  "Logging": { "LogLevel": { "Default": "Information" } }
}
`;
  b.file('src/Api/appsettings.Development.json')`{
  "AzureAd": { "TenantId": "${tenantId}", "ClientId": "${clientId}", "ClientSecret": "" },
  "ConnectionStrings": {
    "Storage": "UseDevelopmentStorage=true",
    "Emulator": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
    "ServiceBus": "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/sb-connection/)"
  },
  "Api": { "ApiKey": "@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=api-key)", "Password": "<password>" }
}
`;
  b.file('samples/appsettings.sample.json')`{
  "AzureAd": { "ClientSecret": "your-client-secret-here", "TenantId": "<tenant-id>" },
  "Storage": { "AccountKey": "", "ConnectionString": "" },
  "Smtp": { "Password": "changeme", "ApiToken": "\${SMTP_TOKEN}" }
}
`;

  // --- local.settings.json ------------------------------------------------------------------
  b.file('src/Functions/local.settings.json')`{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "FUNCTIONS_WORKER_RUNTIME": "node",
    "OrdersStorage": "${leak('azure-storage-connection-string', `DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=${legacyKey};EndpointSuffix=core.windows.net`, legacyKey)}",
    "ServiceBusConnection": "${leak('azure-service-bus-connection-string', `Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey}`, sbKey)}",
    "KeyVaultUri": "https://contoso-kv.vault.azure.net/"
  }
}
`;

  // --- .env files ---------------------------------------------------------------------------
  const dbPassword = generatePassword(1010, 14);
  const github = generateGithubToken('ghp', 1011);
  b.file('.env')`# local overrides
NODE_ENV=development
DB_HOST=localhost
DB_USER=orders
DB_PASSWORD=${leak('generic-secret-assignment', dbPassword)}
GITHUB_TOKEN=${leak('github-token', github)}
STRIPE_SECRET_KEY=${leak('stripe-live-key', generateStripeKey(1012))}
SENDGRID_API_KEY="${leak('sendgrid-api-key', generateSendGridKey(1013))}"
AZURE_TENANT_ID=${tenantId}
AZURE_CLIENT_ID=${clientId}
`;
  b.file('.env.example')`DB_PASSWORD=
GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
STRIPE_SECRET_KEY=sk_live_...
AZURE_CLIENT_SECRET=<client-secret>
API_KEY=\${API_KEY}
SESSION_SECRET=your-session-secret
`;

  // --- YAML: workflow, pipeline, k8s, compose -----------------------------------------------
  b.file('.github/workflows/deploy.yml')`name: deploy
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AZURE_CLIENT_SECRET: \${{ secrets.AZURE_CLIENT_SECRET }}
      NOTIFY_URL: ${leak('slack-webhook-url', generateSlackWebhookUrl(1020))}
    steps:
      - uses: actions/checkout@8ade135a41bc03ea155e62e844d188df1ea18608
      - uses: azure/login@v2
        with:
          client-id: ${clientId}
          tenant-id: ${tenantId}
`;
  const sqlAdminPassword = generatePassword(1021, 16);
  b.file('azure-pipelines.yml')`trigger: [main]
variables:
  - name: sqlAdminPassword
    value: ${leak('generic-secret-assignment', sqlAdminPassword)}
  - name: storageKey
    value: $(StorageAccountKey)
  - group: release-secrets
steps:
  - script: ./deploy.sh
    env:
      AZURE_DEVOPS_EXT_PAT: ${leak('azure-devops-pat', generateDevOpsPat(1022))}
      SQL_PASSWORD: $(sqlAdminPassword)
`;
  b.file('k8s/secret.yaml')`apiVersion: v1
kind: Secret
metadata:
  name: orders-db
type: Opaque
stringData:
  username: orders
  password: ${leak('generic-secret-assignment', generatePassword(1030, 18))}
`;
  b.file('k8s/deployment.yaml')`apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    metadata:
      labels:
        azure.workload.identity/use: "true"
    spec:
      serviceAccountName: orders
      containers:
        - name: api
          image: contoso.azurecr.io/orders@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: orders-db, key: password }
            - name: AZURE_CLIENT_ID
              value: ${clientId}
`;
  const redisPassword = generatePassword(1040, 20);
  b.file('docker-compose.yml')`services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: orders
      POSTGRES_PASSWORD: ${leak('generic-secret-assignment', generatePassword(1041, 15))}
  api:
    build: .
    environment:
      REDIS_URL: ${leak('url-credentials', `redis://:${redisPassword}@cache:6379/0`, redisPassword)}
      MSSQL_SA_PASSWORD: \${MSSQL_SA_PASSWORD}
`;

  // --- ARM / Bicep parameters, tfvars -------------------------------------------------------
  b.file('infra/main.parameters.json')`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": { "value": "westeurope" },
    "adminPassword": { "value": "${leak('generic-secret-assignment', generatePassword(1050, 16))}" },
    "sqlPassword": {
      "reference": {
        "keyVault": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv" },
        "secretName": "sql-admin-password"
      }
    }
  }
}
`;
  b.file('infra/main.bicepparam')`using './main.bicep'

param location = 'westeurope'
param vmAdminPassword = '${leak('generic-secret-assignment', generatePassword(1051, 16))}'
param keyVaultName = 'contoso-kv'
`;
  b.file('infra/terraform.tfvars')`location        = "westeurope"
tenant_id       = "${tenantId}"
client_id       = "${clientId}"
client_secret   = "${leak('azure-entra-client-secret', generateEntraClientSecret(1052))}"
storage_account = "contosodata"
`;

  // --- notebook -----------------------------------------------------------------------------
  const sasUrl = generateSasUrl(1060);
  const sig = sasUrl.slice(sasUrl.indexOf('sig=') + 4);
  const png = encodeBase64(createPrng(7).bytes(3000));
  b.file('notebooks/explore.ipynb')`{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [
    {
     "data": { "image/png": "${png}", "text/plain": [ "<Figure size 640x480>" ] },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "import pandas as pd\\n",
    "url = \\"${leak('azure-sas-token', sasUrl, sig)}\\"\\n",
    "df = pd.read_csv(url)"
   ]
  }
 ],
 "metadata": { "kernelspec": { "name": "python3", "display_name": "Python 3" } },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

  // --- code ---------------------------------------------------------------------------------
  b.file('src/web/storage.js')`import { ClientSecretCredential } from '@azure/identity';
import { ServiceBusClient } from '@azure/service-bus';

const credential = new ClientSecretCredential('${tenantId}', '${clientId}', '${leak('azure-entra-client-secret', generateEntraClientSecret(1070))}');
const bus = new ServiceBusClient(process.env.SERVICEBUS_CONNECTION_STRING);
export { credential, bus };
`;
  b.file('src/web/cosmos.ts')`import { CosmosClient } from '@azure/cosmos';

export const client = new CosmosClient({
  endpoint: 'https://contoso-orders.documents.azure.com:443/',
  key: '${leak('azure-cosmosdb-key', cosmosKey)}',
});
export const tokenType = 'Bearer';
`;
  const csPassword = generatePassword(1080, 12);
  b.file('src/Orders/Program.cs')`using Azure.Storage;
using Azure.Storage.Blobs;

var accountKey = "${leak('azure-storage-account-key', generateIdentifiableKey('storage', 1081))}";
var sharedKey = new StorageSharedKeyCredential("contosodata", accountKey);
var smtpPassword = "${leak('generic-secret-assignment', csPassword)}";
var clientId = "${clientId}";
`;
  b.file('scripts/sync.py')`import boto3

AWS_ACCESS_KEY_ID = "${leak('aws-access-key-id', generateAwsAccessKeyId(1090))}"
aws_secret_access_key = "${leak('aws-secret-access-key', generateAwsSecretAccessKey(1091))}"
SECRET_KEY = '${leak('framework-secret-key', generateDjangoSecretKey(1092))}'
region = "eu-west-1"
`;

  // --- XML configs --------------------------------------------------------------------------
  const xmlSecret = generateEntraClientSecret(1100);
  const sqlPw = generatePassword(1101, 14);
  b.file('src/Legacy/Web.config')`<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="ida:ClientId" value="${clientId}" />
    <add key="ida:ClientSecret" value="${leak('azure-entra-client-secret', xmlSecret)}" />
    <add key="ida:Tenant" value="${tenantId}" />
  </appSettings>
  <connectionStrings>
    <add name="Orders" connectionString="${leak('sql-connection-string-password', `Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password=${sqlPw};Encrypt=true`, sqlPw)}" providerName="System.Data.SqlClient" />
  </connectionStrings>
</configuration>
`;
  b.file('src/Legacy/App.config')`<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="StorageConnectionString" value="UseDevelopmentStorage=true" />
    <add key="ApiKey" value="" />
    <add key="ClientSecret" value="[client secret]" />
  </appSettings>
</configuration>
`;

  // --- credential files ---------------------------------------------------------------------
  b.file('deploy/id_rsa')`${leak('private-key', pem, pemBody)}`;
  b.file('deploy/id_rsa.pub')`ssh-rsa ${encodeBase64(createPrng(9).bytes(279))} deploy@contoso\n`;
  b.file('.npmrc')`registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=${leak('npm-token', generateNpmToken(1110))}
//pkgs.contoso.com/npm/registry/:_authToken=\${AZURE_ARTIFACTS_TOKEN}
`;
  const netrcPw = generatePassword(1111, 16);
  b.file('ops/.netrc')`machine api.contoso.com
  login deploy
  password ${leak('netrc-password', netrcPw)}
`;
  b.file('ops/docker-config.json')`{
  "auths": {
    "contoso.azurecr.io": { "auth": "${leak('docker-config-auth', generateBasicAuth(1112, 'ci-bot'))}" }
  },
  "credHelpers": { "mcr.microsoft.com": "acr-env" }
}
`;
  b.file('db/seed.sql')`INSERT INTO users (id, name, password_hash) VALUES
  (1, 'alice', '${leak('password-hash', generatePasswordHash('bcrypt', 1113))}'),
  (2, 'bob', NULL);
`;

  b.file('public/.htpasswd')`admin:${leak('password-hash', generatePasswordHash('apr1', 1114))}
`;
  const ppk = generatePuttyKey(1115);
  const ppkPrivate = ppk.slice(ppk.indexOf('Private-Lines:'));
  const ppkFirst = ppkPrivate.slice(ppkPrivate.indexOf('\n') + 1);
  b.file('keys/deploy.ppk')`${leak('putty-private-key', ppk, ppkFirst.slice(0, 20))}`;
  b.file('web/wp-config.php')`<?php
define( 'DB_NAME', 'orders' );
define( 'DB_USER', 'orders' );
define( 'DB_PASSWORD', '${leak('generic-secret-assignment', generatePassword(1116, 14))}' );
define( 'DB_HOST', 'localhost' );
define('AUTH_KEY',         '${leak('wordpress-auth-salt', generateWordPressSalt(1117))}');
define('NONCE_SALT',       '${leak('wordpress-auth-salt', generateWordPressSalt(1118))}');
`;
  b.file('web/wp-config-sample.php')`<?php
define( 'DB_PASSWORD', 'password_here' );
define( 'AUTH_KEY',         'put your unique phrase here' );
define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
`;
  b.file('rails/config/secrets.yml')`development:
  secret_key_base: ${leak('framework-secret-key', generateHex(1119, 128))}
production:
  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>
`;
  b.file('ops/.netrc.sample')`machine api.contoso.com
  login deploy
  password \${NETRC_PASSWORD}
`;

  // --- weak real passwords, fused key names, tokens by key, path-read key files ---------------
  b.file('ops/.pgpass')`# hostname:port:database:username:password
db.contoso.com:5432:orders:app:${leak('generic-secret-assignment', generatePassword(1120, 12))}
localhost:5432:orders:app:password
`;
  b.file('rails/config/master.key')`${leak('generic-secret-assignment', generateHex(1121, 32))}
`;
  b.file('tools/.bash_profile')`export PATH=$PATH:/usr/local/bin
export HOMEBREW_GITHUB_API_TOKEN='${leak('generic-secret-assignment', generateHex(1122, 40))}'
export BUILD_COMMIT=${generateHex(1123, 40)}
`;
  b.file('web/legacy/config.php')`<?php
$dbhost = 'localhost';
$dbuser = 'orders';
$dbpasswd = '${leak('generic-secret-assignment', ['sword', 'fish!', '23'].join(''))}';
`;
  b.file('src/Legacy/machine.config')`<configuration>
  <system.web>
    <machineKey validationKey="${leak('generic-secret-assignment', generateHex(1124, 128).toUpperCase())}" decryptionKey="${leak('generic-secret-assignment', generateHex(1125, 48).toUpperCase())}" validation="HMACSHA256" />
  </system.web>
</configuration>
`;
  const gitPassword = generatePassword(1126, 16);
  b.file('ops/.git-credentials')`${leak('url-credentials', `https://ops@contoso.com:${gitPassword}@github.com`, gitPassword)}
`;

  // --- non-secrets only ---------------------------------------------------------------------
  b.file('package-lock.json')`{
  "name": "orders",
  "lockfileVersion": 3,
  "packages": {
    "node_modules/@azure/identity": {
      "version": "4.4.1",
      "resolved": "https://registry.npmjs.org/@azure/identity/-/identity-4.4.1.tgz",
      "integrity": "sha512-${encodeBase64(createPrng(11).bytes(64))}"
    }
  }
}
`;
  b.file('public/app.min.js')`${minifiedBundle()}`;
  b.file('docs/setup.md')`# Setup

1. Create an app registration and copy its client secret into Key Vault, never into appsettings.json.
2. Set \`"ClientSecret": "<your-client-secret>"\` only in user secrets while developing.
3. Connection strings look like \`AccountName=<account>;AccountKey=<key>\`.
4. Tokens look like \`ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\`.

\`\`\`bash
export AZURE_CLIENT_SECRET=your-secret-here
export DB_PASSWORD=\${DB_PASSWORD}
\`\`\`
`;
  b.file('config/tenants.json')`{
  "tenants": [
    { "tenantId": "${tenantId}", "clientId": "${clientId}", "objectId": "f3c1a0d2-6b7e-4a59-9c8d-1e2f3a4b5c6d" }
  ],
  "commit": "8ade135a41bc03ea155e62e844d188df1ea18608"
}
`;
  b.file('src/web/auth.ts')`export const PASSWORD_FIELD = 'password';
export function resetPassword(user: { password: string }) {
  const token = getToken();
  const apiKey = process.env.API_KEY ?? '';
  return { password: user.password, token, apiKey };
}
declare function getToken(): string;
`;
  return { files: b.files, expected: b.expected };
}
