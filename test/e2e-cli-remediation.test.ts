/**
 * Remediation that fits the finding, end to end: a GitHub token and a SendGrid key get their
 * provider's revocation steps and documentation link (no managed-identity advice), an Azure storage
 * key keeps the managed-identity and Key Vault guidance, and no report format repeats a step
 * (text, JSON, SARIF rule help, GitHub and Azure annotations). `keyless explain` prints the full text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateGithubToken, generateIdentifiableKey, generateSendGridKey } from '@keyless/scanner/detectors';
import { KEYLESS_BIN, removeTempDirs, tempDir } from './helpers/sandbox-repo.js';

after(removeTempDirs);

function keyless(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [KEYLESS_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GITHUB_DOCS = 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens';
const SENDGRID_DOCS = 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys';
const HISTORY_DOCS = 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository';
const MANAGED_IDENTITY = /managed identity|ManagedIdentityCredential|DefaultAzureCredential/i;

const githubToken = generateGithubToken('ghp', 41);
const sendGridKey = generateSendGridKey(42);
const storageKey = generateIdentifiableKey('storage', 43);

function project(): string {
  const root = tempDir('remediation');
  writeFileSync(join(root, '.env'), `GITHUB_TOKEN=${githubToken}\nSENDGRID_API_KEY=${sendGridKey}\n`);
  writeFileSync(join(root, 'appsettings.json'), `${JSON.stringify({ Storage: { AccountKey: storageKey } }, null, 2)}\n`);
  return root;
}

/** The text report's remediation block of one finding: the `fix` line and its bullets. */
function fixBlock(stdout: string, ruleId: string): string[] {
  const lines = stdout.split('\n');
  const head = lines.findIndex((l) => l.endsWith(`  ${ruleId}`));
  assert.ok(head >= 0, `no ${ruleId} finding in\n${stdout}`);
  const fix = lines.findIndex((l, i) => i > head && l.startsWith('    fix '));
  const block = [lines[fix]!];
  for (let i = fix + 1; lines[i]?.startsWith('           - '); i++) block.push(lines[i]!);
  return block;
}

describe('remediation that fits the finding', () => {
  const root = project();

  test('text report: the GitHub token gets GitHub\'s steps, link and the history step, exactly; nothing repeats', () => {
    const run = keyless(['scan', '--no-cache'], root);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(fixBlock(run.stdout, 'github-token'), [
      '    fix    Revoke the GitHub token and keep its replacement out of the repository.',
      "           - Delete the token in Settings > Developer settings > Personal access tokens (an app's `ghs_` / `ghu_` / `gho_` token: revoke it in the app, or submit it to the credential revocation API), then create a fine-grained token limited to the repositories and permissions needed; in Actions use the built-in `GITHUB_TOKEN`.",
      '           - Delete the value at `GITHUB_TOKEN` in .env.',
      "           - Keep the new token in a secret store, never in a file: CI jobs read it from the CI system's secrets (GitHub Actions secrets, Azure Pipelines secret variables); an app reads it from its environment, on Azure App Service / Functions through a Key Vault reference setting `GITHUB_TOKEN=@Microsoft.KeyVault(VaultName=<kv>;SecretName=GITHUB-TOKEN)`.",
      `           - Deleting it leaves it in git history: revoking it is what protects you. To keep it out of new clones too, rewrite history (git filter-repo) and force-push: ${HISTORY_DOCS}`,
      `           - GitHub documentation: ${GITHUB_DOCS}`,
    ]);
    const sendGrid = fixBlock(run.stdout, 'sendgrid-api-key');
    assert.equal(sendGrid[0], '    fix    Revoke the SendGrid API key and keep its replacement out of the repository.');
    assert.equal(sendGrid.at(-1), `           - SendGrid documentation: ${SENDGRID_DOCS}`);
    const storage = fixBlock(run.stdout, 'azure-storage-account-key');
    assert.equal(storage[0], '    fix    Use Entra ID for Azure Storage instead of the account key.');
    assert.match(storage.join('\n'), /new BlobServiceClient\("https:\/\/<account>\.blob\.core\.windows\.net", new DefaultAzureCredential\(\)\)/);
    assert.match(storage.join('\n'), /`Storage__AccountKey=@Microsoft\.KeyVault\(VaultName=<kv>;SecretName=AccountKey\)`/);
    assert.equal(storage.filter((l) => l.includes('Key Vault')).length, 1, storage.join('\n'));
    for (const block of [fixBlock(run.stdout, 'github-token'), sendGrid]) assert.doesNotMatch(block.join('\n'), MANAGED_IDENTITY);
    for (const block of [fixBlock(run.stdout, 'github-token'), sendGrid, storage]) {
      assert.equal(new Set(block).size, block.length, `repeated bullet:\n${block.join('\n')}`);
    }
    assert.ok(!run.stdout.includes(githubToken) && !run.stdout.includes(sendGridKey) && !run.stdout.includes(storageKey), 'secret leaked');
  });

  test('JSON: each finding\'s remediation fits its provider; no sentence twice', () => {
    const run = keyless(['scan', '--no-cache', '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; remediation: string }[] }).findings;
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['azure-storage-account-key', 'github-token', 'sendgrid-api-key']);
    const by = new Map(findings.map((f) => [f.ruleId, f.remediation]));
    assert.ok(by.get('github-token')!.startsWith('Revoke the GitHub token and keep its replacement out of the repository. Delete the token in Settings'));
    assert.ok(by.get('github-token')!.endsWith(`GitHub documentation: ${GITHUB_DOCS}`));
    assert.ok(by.get('sendgrid-api-key')!.endsWith(`SendGrid documentation: ${SENDGRID_DOCS}`));
    assert.doesNotMatch(by.get('github-token')!, MANAGED_IDENTITY);
    assert.doesNotMatch(by.get('sendgrid-api-key')!, MANAGED_IDENTITY);
    assert.match(by.get('azure-storage-account-key')!, /DefaultAzureCredential/);
    for (const [id, text] of by) {
      const sentences = text.split(/(?<=\.) (?=[A-Z])/);
      assert.equal(new Set(sentences).size, sentences.length, `${id}: ${text}`);
    }
  });

  test('SARIF: rule help carries the provider link, Azure rules the managed identity; no bullet twice', () => {
    const run = keyless(['scan', '--no-cache', '--format', 'sarif'], root);
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string } }[] } } }[] };
    const rules = new Map(sarif.runs[0]!.tool.driver.rules.map((r) => [r.id, r.help]));
    const github = rules.get('github-token')!;
    assert.equal(github.text.split('\n')[0], 'Revoke the GitHub token and keep its replacement out of the repository.');
    assert.equal(github.text.split('\n').at(-1), `- GitHub documentation: ${GITHUB_DOCS}`);
    assert.doesNotMatch(github.text, MANAGED_IDENTITY);
    assert.ok(rules.get('sendgrid-api-key')!.markdown.endsWith(`- SendGrid documentation: ${SENDGRID_DOCS}`));
    assert.match(rules.get('azure-storage-account-key')!.text, /DefaultAzureCredential/);
    for (const [id, help] of rules) {
      const bullets = help.text.split('\n');
      assert.equal(new Set(bullets).size, bullets.length, `${id}: ${help.text}`);
    }
  });

  test('GitHub and Azure Pipelines annotations: the provider link once, no managed identity for provider tokens', () => {
    for (const format of ['github', 'azure']) {
      const run = keyless(['scan', '--no-cache', '--format', format], root);
      assert.equal(run.code, 1, run.stderr);
      const lines = run.stdout.trimEnd().split('\n').filter((l) => l.startsWith(format === 'github' ? '::error' : '##vso[task.logissue'));
      assert.equal(lines.length, 3, run.stdout);
      const github = lines.find((l) => l.includes('GitHub token'))!;
      assert.equal(github.split(GITHUB_DOCS).length, 2, github);
      assert.doesNotMatch(github, MANAGED_IDENTITY);
      const sendGrid = lines.find((l) => l.includes('SendGrid'))!;
      assert.ok(sendGrid.includes(SENDGRID_DOCS), sendGrid);
      assert.doesNotMatch(sendGrid, MANAGED_IDENTITY);
      assert.match(lines.find((l) => l.includes('storage'))!, /DefaultAzureCredential/);
    }
  });

  test('explain github-token prints the full text', () => {
    const run = keyless(['explain', 'github-token'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'github-token: GitHub token',
        '',
        'A GitHub personal access (`ghp_`), OAuth (`gho_`), user-to-server (`ghu_`), server-to-server (`ghs_`) or refresh (`ghr_`) token, validated by its CRC32 base62 checksum.',
        '',
        'Severity: critical. Confidence: high.',
        '',
        'What to do: Revoke the GitHub token and keep its replacement out of the repository.',
        "  - Delete the token in Settings > Developer settings > Personal access tokens (an app's `ghs_` / `ghu_` / `gho_` token: revoke it in the app, or submit it to the credential revocation API), then create a fine-grained token limited to the repositories and permissions needed; in Actions use the built-in `GITHUB_TOKEN`.",
        '  - Delete the token from the code or config.',
        "  - Keep the new token in a secret store, never in a file: CI jobs read it from the CI system's secrets (GitHub Actions secrets, Azure Pipelines secret variables); an app reads it from its environment, on Azure App Service / Functions through a Key Vault reference setting `Section__Key=@Microsoft.KeyVault(VaultName=<kv>;SecretName=<name>)`.",
        `  - Deleting it leaves it in git history: revoking it is what protects you. To keep it out of new clones too, rewrite history (git filter-repo) and force-push: ${HISTORY_DOCS}`,
        `  - GitHub documentation: ${GITHUB_DOCS}`,
        '',
        'Silence one finding with a trailing comment: keyless-ignore github-token -- reason',
        'More: https://github.com/keyless-dev/keyless/blob/main/packages/scanner/docs/detectors.md#github-token',
        '',
      ].join('\n'),
    );
    const azure = keyless(['explain', 'azure-storage-account-key'], root);
    assert.equal(azure.code, 0, azure.stderr);
    assert.match(azure.stdout, /DefaultAzureCredential/);
    assert.ok(!azure.stdout.includes('documentation: https://'), 'a provider link for an Azure rule');
  });
});
