/** Remediation texts and help URIs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { helpUriFor, remediationFor, remediationText } from '../../src/detect/remediation.js';
import type { RemediationKind } from '../../src/detect/types.js';

const KINDS: RemediationKind[] = [
  'entra-client-secret', 'storage-key', 'cosmos-key', 'service-bus-key', 'event-hubs-key', 'azure-key-credential',
  'sas-token', 'sql-password', 'app-configuration', 'devops-pat', 'private-key', 'url-credentials',
  'third-party-token', 'generic-secret',
];

describe('remediationFor', () => {
  test('every kind has a summary and ends with "rotate the leaked value"', () => {
    for (const k of KINDS) {
      const r = remediationFor(k);
      assert.ok(r.summary.length > 10, k);
      assert.match(r.steps[r.steps.length - 1]!, /^Rotate the leaked value/);
    }
  });

  test('client secret at AzureAd:ClientSecret in appsettings.json: concrete steps', () => {
    const r = remediationFor('entra-client-secret', { key: 'AzureAd:ClientSecret', path: 'src/Api/appsettings.json' });
    assert.equal(r.steps[0], 'Delete the value at `AzureAd:ClientSecret` in src/Api/appsettings.json.');
    const all = r.steps.join('\n');
    assert.match(all, /ManagedIdentityCredential/);
    assert.match(all, /DefaultAzureCredential/);
    assert.match(all, /AzureAd__ClientSecret=@Microsoft\.KeyVault\(VaultName=<kv>;SecretName=ClientSecret\)/);
    assert.match(all, /Rotate the leaked value/);
  });

  test('service-specific Entra ID constructors', () => {
    assert.match(remediationFor('storage-key').steps.join(' '), /new BlobServiceClient\("https:\/\/<account>\.blob\.core\.windows\.net", new DefaultAzureCredential\(\)\)/);
    assert.match(remediationFor('cosmos-key').steps.join(' '), /aadCredentials/);
    assert.match(remediationFor('service-bus-key').steps.join(' '), /ServiceBusClient\("<namespace>\.servicebus\.windows\.net"/);
    assert.match(remediationFor('event-hubs-key').steps.join(' '), /EventHubProducerClient/);
    assert.match(remediationFor('sql-password').steps.join(' '), /azure-active-directory-default/);
  });

  test('.env keys become App Service settings with __', () => {
    const r = remediationFor('generic-secret', { key: 'DB_PASSWORD', path: '.env' });
    assert.match(r.steps.join('\n'), /`DB_PASSWORD=@Microsoft\.KeyVault\(VaultName=<kv>;SecretName=DB-PASSWORD\)`/);
  });

  test('remediationText numbers the steps', () => {
    const t = remediationText('sas-token');
    assert.match(t, /^Do not commit SAS tokens.*\n1\. Delete the SAS URL/);
  });

  test('every catalog detector has a remediation kind this module knows', () => {
    for (const d of catalog) assert.ok(KINDS.includes(d.remediation), d.id);
  });
});

describe('helpUriFor', () => {
  test('points at the rule section of docs/detectors.md', () => {
    assert.equal(
      helpUriFor('azure-storage-account-key'),
      'https://github.com/keyless-dev/keyless/blob/main/packages/scanner/docs/detectors.md#azure-storage-account-key',
    );
  });
});
