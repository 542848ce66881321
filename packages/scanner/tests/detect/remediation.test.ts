/** Remediation texts and help URIs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allDetectors, catalog } from '../../src/detect/catalog.js';
import {
  HISTORY_REWRITE_URL,
  helpUriFor,
  remediationClass,
  remediationFor,
  remediationText,
  rotationOf,
  type RemediationContext,
} from '../../src/detect/remediation.js';
import type { RemediationKind } from '../../src/detect/types.js';

const KINDS: RemediationKind[] = [
  'entra-client-secret', 'storage-key', 'cosmos-key', 'service-bus-key', 'event-hubs-key', 'azure-key-credential',
  'sas-token', 'sql-password', 'app-configuration', 'devops-pat', 'private-key', 'url-credentials',
  'third-party-token', 'generic-secret',
];

describe('remediationFor', () => {
  test('every kind has a summary and ends with making the leaked value worthless', () => {
    for (const k of KINDS) {
      const r = remediationFor(k);
      assert.ok(r.summary.length > 10, k);
      assert.match(r.steps[r.steps.length - 1]!, /^(?:Rotate the leaked value|Revoke the leaked (?:SAS|PAT)|Replace the key pair) now\b.*git history/, k);
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

/** Managed-identity / Entra ID advice, which a provider's token cannot use. */
const MANAGED_IDENTITY = /managed identity|ManagedIdentityCredential|DefaultAzureCredential/i;

/** Rules whose issuer keyless cannot know: the design.md §4 advice (Entra ID where it is an Azure service). */
const GENERIC_RULES = [
  'authorization-header-credential', 'cli-credential-argument', 'cli-user-password', 'credential-username', 'generic-secret-assignment',
  'jwt-token', 'login-call-password', 'netrc-password', 'password-directive', 'password-hash', 'private-key', 'putty-private-key',
  'secret-comparison', 'sql-user-password', 'url-credentials', 'weak-password-assignment', 'weak-password-directive', 'weak-url-password',
];

const CONTEXTS: readonly (RemediationContext | undefined)[] = [
  undefined,
  { path: 'src/app.ts' },
  { key: 'API_TOKEN', path: '.env' },
  { key: 'AzureAd:ClientSecret', path: 'src/Api/appsettings.json' },
  { key: 'token', path: 'src/client.ts' },
];

describe('remediation that fits the finding (every rule of the catalog)', () => {
  test('provider rules: the provider\'s steps and documentation link, the history step, no managed-identity advice', () => {
    for (const d of allDetectors) {
      const rotation = rotationOf(d);
      if (remediationClass(d.remediation, rotation) !== 'provider' || !rotation) continue;
      for (const ctx of CONTEXTS) {
        const r = remediationFor(d.remediation, { ...ctx, rotation });
        const text = [r.summary, ...r.steps].join('\n');
        assert.match(rotation.url, /^https:\/\/[^\s]+$/, d.id);
        assert.equal(r.steps.at(-1), `${rotation.provider} documentation: ${rotation.url}`, d.id);
        assert.ok(r.steps.some((s) => s.endsWith(HISTORY_REWRITE_URL)), `${d.id}: no history step`);
        assert.ok(r.steps.some((s) => /GitHub Actions secrets, Azure Pipelines secret variables/.test(s)), `${d.id}: no secret-store step`);
        assert.doesNotMatch(text, MANAGED_IDENTITY, d.id);
        assert.match(r.summary, new RegExp(`^Revoke the ${rotation.provider.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `), d.id);
      }
    }
  });

  test('Azure rules keep the managed-identity guidance and one Key Vault step', () => {
    for (const d of allDetectors) {
      if (remediationClass(d.remediation, rotationOf(d)) !== 'azure') continue;
      for (const ctx of CONTEXTS) {
        const r = remediationFor(d.remediation, ctx);
        assert.match(r.steps.join('\n'), MANAGED_IDENTITY, d.id);
        assert.equal(r.steps.filter((s) => /Key Vault/.test(s)).length, 1, `${d.id}: ${r.steps.join(' | ')}`);
      }
    }
  });

  test('only rules whose issuer is unknown get the generic guidance; third-party tokens always name their provider', () => {
    const generic = allDetectors.filter((d) => remediationClass(d.remediation, rotationOf(d)) === 'generic').map((d) => d.id);
    assert.deepEqual(generic.sort(), [...GENERIC_RULES].sort());
    for (const d of allDetectors) {
      if (d.remediation === 'third-party-token') assert.ok(rotationOf(d), `${d.id} is a third-party token without its provider's steps`);
    }
  });

  test('no rule repeats a step, in any context', () => {
    for (const d of allDetectors) {
      const rotation = rotationOf(d);
      for (const ctx of CONTEXTS) {
        const r = remediationFor(d.remediation, rotation ? { ...ctx, rotation } : ctx);
        assert.equal(new Set(r.steps).size, r.steps.length, `${d.id}: ${r.steps.join(' | ')}`);
        assert.ok(!r.steps.includes(r.summary), d.id);
      }
    }
  });
});
