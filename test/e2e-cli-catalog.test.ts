/**
 * `keyless scan` / `keyless explain` with the built-in catalog: keys generated at run time (valid
 * checksums) in an appsettings.json are reported at exact positions with the config key and
 * concrete managed-identity remediation; `explain` prints a rule's full guidance.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateEntraClientSecret, generateIdentifiableKey } from '@keyless/scanner/detectors';
import { KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('appsettings.json: Entra client secret and storage key, with keys and remediation', () => {
  const root = tempDir('catalog');
  const clientSecret = generateEntraClientSecret(3);
  const storageKey = generateIdentifiableKey('storage', 2);
  const settings = {
    AzureAd: { TenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', ClientSecret: clientSecret },
    Storage: { AccountName: 'contosodata', AccountKey: storageKey },
    KeyVault: { Secret: '@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=api)' },
  };
  const text = `${JSON.stringify(settings, null, 2)}\n`;
  writeFileSync(join(root, 'appsettings.json'), text);
  const run = keyless(['scan', '--format', 'json'], root);
  assert.equal(run.code, 1, run.stderr);
  const findings = (JSON.parse(run.stdout) as { findings: Record<string, unknown>[] }).findings;
  const lines = text.split('\n');
  const at = (secret: string) => {
    const line = lines.findIndex((l) => l.includes(secret));
    const column = lines[line]!.indexOf(secret) + 1;
    return { line: line + 1, column, endColumn: column + secret.length };
  };
  assert.deepEqual(
    findings.map((f) => ({ ruleId: f['ruleId'], key: f['key'], line: f['line'], column: f['column'], endColumn: f['endColumn'] })),
    [
      { ruleId: 'azure-entra-client-secret', key: 'AzureAd:ClientSecret', ...at(clientSecret) },
      { ruleId: 'azure-storage-account-key', key: 'Storage:AccountKey', ...at(storageKey) },
    ],
  );
  assert.match(String(findings[0]!['remediation']), /ManagedIdentityCredential/);
  assert.match(String(findings[0]!['remediation']), /AzureAd:ClientSecret/);
  assert.match(String(findings[1]!['remediation']), /BlobServiceClient/);
  for (const f of findings) assert.match(String(f['remediation']), /[Rr]otate the leaked value/);
  assert.ok(!run.stdout.includes(clientSecret) && !run.stdout.includes(storageKey), 'secret leaked');
});

test('explain prints the full guidance of a catalog rule', () => {
  const run = keyless(['explain', 'azure-storage-account-key'], tmpdir());
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^azure-storage-account-key: /);
  assert.match(run.stdout, /BlobServiceClient\("https:\/\/<account>\.blob\.core\.windows\.net"/);
  assert.match(run.stdout, /[Rr]otate the leaked value/);
  assert.match(run.stdout, /docs\/detectors\.md#azure-storage-account-key/);
  const list = keyless(['explain', '--list'], tmpdir());
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^azure-storage-account-key +critical +/m);
});
