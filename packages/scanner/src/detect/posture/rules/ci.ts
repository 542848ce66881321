/**
 * Posture rules for CI: GitHub Actions workflows and Azure Pipelines that sign in to Azure with a
 * service principal's secret, where OIDC / workload identity federation needs none. Pure.
 */
import { envEntriesOf, githubSubject, scriptsOf, shownAssignment } from '../ci-steps.js';
import { entryOf, isBool, nodeAt, objectsUnder, textOf, type PostureDoc, type PValue } from '../tree.js';
import type { PostureHit, PostureRule } from '../types.js';

const WORKFLOW = '.github/workflows/deploy.yml';
const PIPELINE = 'azure-pipelines.yml';
const FEDERATED_DOCS = 'https://learn.microsoft.com/azure/developer/github/connect-from-azure-openid-connect';
const WIF_DOCS = 'https://learn.microsoft.com/azure/devops/pipelines/library/connect-to-azure';

const OIDC_LOGIN = `permissions:
  id-token: write
  contents: read
steps:
  - uses: azure/login@v2
    with:
      client-id: \${{ vars.AZURE_CLIENT_ID }}
      tenant-id: \${{ vars.AZURE_TENANT_ID }}
      subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}`;

const OIDC_STEPS = [
  'Create a user-assigned managed identity (or use the app registration) for this workflow and give it the Azure role it needs on the target scope (e.g. Contributor on the resource group, or a narrower role).',
  'Add a federated credential to it: issuer `https://token.actions.githubusercontent.com`, audience `api://AzureADTokenExchange`, subject as shown (`repo:<owner>/<repo>:environment:<name>` for a job with an environment, `repo:<owner>/<repo>:ref:refs/heads/<branch>` otherwise).',
  'Give the job `permissions: id-token: write` and sign in with `client-id`, `tenant-id` and `subscription-id` (no secret).',
  'Delete the secret from the repository secrets and from the app registration (Certificates & secrets).',
];

export const githubLoginSecret: PostureRule = {
  id: 'posture-gha-azure-login-secret',
  title: 'azure/login with a service-principal secret (creds)',
  description: 'A GitHub Actions step signs in to Azure with `azure/login` and a `creds` JSON that holds a client secret. OIDC federation signs in with a short-lived token instead: there is no secret to store, leak or rotate.',
  severity: 'high',
  languages: ['github-actions'],
  check(doc) {
    const hits: PostureHit[] = [];
    for (const o of objectsUnder(doc.root)) {
      if (!/^azure\/login@/i.test(textOf(nodeAt(o, 'uses'))?.trim() ?? '')) continue;
      const creds = entryOf(nodeAt(o, 'with'), 'creds');
      if (!creds) continue;
      hits.push({ start: creds.keyStart, end: creds.value.end, evidence: shownAssignment('creds', creds.value), key: 'with:creds', subject: githubSubject(doc, o) });
    }
    return hits;
  },
  summary: 'Sign in with OpenID Connect (federated credential): client-id, tenant-id, subscription-id and `id-token: write`, no secret.',
  steps: OIDC_STEPS,
  snippets: [{ language: 'github-actions', code: OIDC_LOGIN }],
  docs: [FEDERATED_DOCS],
  examples: () => ({
    positive: [
      { path: WORKFLOW, text: 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v1\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n' },
    ],
    negative: [
      { path: WORKFLOW, text: `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    ${OIDC_LOGIN.replace(/\n/g, '\n    ')}\n` },
      { path: WORKFLOW, text: 'on: push\njobs:\n  a:\n    steps:\n      - uses: other/login@v1\n        with:\n          creds: x\n' },
    ],
  }),
};

const SECRET_ENV = /^(?:AZURE|ARM)_CLIENT_SECRET$/i;

export const ciClientSecretEnv: PostureRule = {
  id: 'posture-ci-client-secret-env',
  title: 'Service-principal client secret in the pipeline environment',
  description: '`AZURE_CLIENT_SECRET` or `ARM_CLIENT_SECRET` is set in a workflow or pipeline environment, so Azure CLI, SDKs or Terraform sign in with a service principal\'s secret. With OIDC the job gets a federated token: set `ARM_USE_OIDC: true` (Terraform) or use the federated sign-in of the Azure SDK, and drop the secret.',
  severity: 'high',
  languages: ['github-actions', 'azure-pipelines'],
  check(doc) {
    return envEntriesOf(doc)
      .filter((e) => SECRET_ENV.test(e.name))
      .map((e) => ({
        start: e.entry.keyStart,
        end: (e.value ?? e.entry.value).end,
        evidence: shownAssignment(e.name, e.value),
        key: `env:${e.name}`,
        ...(doc.language === 'github-actions' ? { subject: githubSubject(doc, e.entry.value) } : {}),
      }));
  },
  summary: 'Use OIDC: `ARM_USE_OIDC: true` with `ARM_CLIENT_ID`, `ARM_TENANT_ID`, `ARM_SUBSCRIPTION_ID` (and `id-token: write`), no client secret.',
  steps: [
    ...OIDC_STEPS.slice(0, 2),
    'GitHub Actions: give the job `permissions: id-token: write`; Azure Pipelines: use a workload identity federation service connection (AzureCLI@2 with `addSpnToEnvironment: true` exposes `$idToken` for Terraform `ARM_OIDC_TOKEN`).',
    'Replace `ARM_CLIENT_SECRET` / `AZURE_CLIENT_SECRET` with `ARM_USE_OIDC: true` (Terraform azurerm) or `AZURE_FEDERATED_TOKEN_FILE` (Azure SDKs), then delete the secret from the app registration.',
  ],
  snippets: [
    {
      language: 'github-actions',
      code: 'permissions:\n  id-token: write\nenv:\n  ARM_USE_OIDC: true\n  ARM_CLIENT_ID: ${{ vars.AZURE_CLIENT_ID }}\n  ARM_TENANT_ID: ${{ vars.AZURE_TENANT_ID }}\n  ARM_SUBSCRIPTION_ID: ${{ vars.AZURE_SUBSCRIPTION_ID }}',
    },
    {
      language: 'azure-pipelines',
      code: "- task: AzureCLI@2\n  inputs:\n    azureSubscription: my-wif-connection   # workload identity federation\n    addSpnToEnvironment: true\n    scriptType: bash\n    scriptLocation: inlineScript\n    inlineScript: |\n      export ARM_USE_OIDC=true ARM_OIDC_TOKEN=$idToken ARM_CLIENT_ID=$servicePrincipalId ARM_TENANT_ID=$tenantId\n      terraform apply -auto-approve",
    },
  ],
  docs: [FEDERATED_DOCS, 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/service_principal_oidc'],
  examples: () => ({
    positive: [
      { path: WORKFLOW, text: 'on: push\nenv:\n  ARM_CLIENT_ID: ${{ vars.ID }}\n  ARM_CLIENT_SECRET: ${{ secrets.ARM_CLIENT_SECRET }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform apply\n' },
      { path: PIPELINE, text: 'steps:\n  - script: terraform apply\n    env:\n      ARM_CLIENT_SECRET: $(armClientSecret)\n' },
    ],
    negative: [
      { path: WORKFLOW, text: 'on: push\npermissions:\n  id-token: write\nenv:\n  ARM_USE_OIDC: true\n  ARM_CLIENT_ID: ${{ vars.ID }}\njobs:\n  a:\n    steps:\n      - run: terraform apply\n' },
      { path: PIPELINE, text: 'steps:\n  - script: terraform apply\n    env:\n      ARM_USE_OIDC: true\n      ARM_CLIENT_SECRET_NAME: unused\n' },
    ],
  }),
};

const AZ_LOGIN = /\baz[ \t]+login\b/g;
/** A password or secret argument of `az login` (not `--federated-token`). */
const PASSWORD_FLAG = /(?:^|[\s"'])(?:-p|--password|--secret)(?=[\s=]|$)/;
/** How far a logical line (with `\` or `` ` `` continuations) is followed. */
const MAX_COMMAND = 2000;

/** `az login ...` up to the end of its logical line. */
function commandAt(text: string, from: number): string {
  let i = from;
  const limit = Math.min(text.length, from + MAX_COMMAND);
  while (i < limit) {
    const ch = text[i];
    if (ch === '\n' && !/[\\`]\r?$/.test(text.slice(Math.max(from, i - 2), i))) break;
    i++;
  }
  return text.slice(from, i);
}

/** Azure PowerShell sign-in (`Connect-AzAccount` and its aliases). */
const CONNECT_AZ = /\b(?:Connect|Login|Add)-AzAccount\b/gi;
/** Service-principal credentials of Connect-AzAccount: a PSCredential holding the client secret, or a certificate. */
const PS_CREDENTIAL_FLAG = /(?:^|\s)-(Credential|CertificateThumbprint|CertificatePath|CertificatePassword)\b/i;

/** `Connect-AzAccount -ServicePrincipal -Credential $cred` (or a certificate) in a PowerShell step; not `-FederatedToken`, not `-Identity`. */
function connectAzAccountHits(doc: PostureDoc, script: PValue, raw: string): PostureHit[] {
  const hits: PostureHit[] = [];
  CONNECT_AZ.lastIndex = 0;
  for (let m = CONNECT_AZ.exec(raw); m !== null; m = CONNECT_AZ.exec(raw)) {
    const command = commandAt(raw, m.index);
    const flag = PS_CREDENTIAL_FLAG.exec(command);
    if (!flag || !/\s-ServicePrincipal\b/i.test(command) || /\s-FederatedToken\b/i.test(command)) continue;
    const start = script.start + m.index;
    hits.push({
      start,
      end: start + m[0].length,
      evidence: `${m[0]} -ServicePrincipal -${flag[1]}`,
      ...(doc.language === 'github-actions' ? { subject: githubSubject(doc, script) } : {}),
    });
  }
  return hits;
}

export const ciAzLoginSecret: PostureRule = {
  id: 'posture-ci-az-login-secret',
  title: '`az login` / `Connect-AzAccount` with a service principal secret in a CI script',
  description: 'A run or script step signs in with `az login --service-principal -p ...` (or `--password` / `--secret`), or with Azure PowerShell `Connect-AzAccount -ServicePrincipal -Credential $cred` (or `-CertificateThumbprint` / `-CertificatePath`, in `pwsh` steps and AzurePowerShell@5 inline scripts): the pipeline holds a service principal\'s secret or certificate. A federated sign-in (azure/login with OIDC, or an Azure Pipelines workload identity federation service connection) needs none.',
  severity: 'high',
  languages: ['github-actions', 'azure-pipelines'],
  check(doc) {
    const hits: PostureHit[] = [];
    for (const script of scriptsOf(doc)) {
      const raw = doc.text.slice(script.start, script.end);
      hits.push(...connectAzAccountHits(doc, script, raw));
      AZ_LOGIN.lastIndex = 0;
      for (let m = AZ_LOGIN.exec(raw); m !== null; m = AZ_LOGIN.exec(raw)) {
        const command = commandAt(raw, m.index);
        if (!PASSWORD_FLAG.test(command) || command.includes('--federated-token')) continue;
        const start = script.start + m.index;
        const sp = /--service-principal\b/.test(command) ? ' --service-principal' : '';
        hits.push({
          start,
          end: start + m[0].length,
          evidence: `az login${sp} -p`,
          ...(doc.language === 'github-actions' ? { subject: githubSubject(doc, script) } : {}),
        });
      }
    }
    return hits;
  },
  summary: 'Sign in with a federated credential: `azure/login` with OIDC (GitHub) or an AzureCLI@2 task on a workload identity federation service connection (Azure Pipelines).',
  steps: [
    'GitHub Actions: replace the `az login` line with an `azure/login@v2` step using `client-id`, `tenant-id`, `subscription-id` and `permissions: id-token: write` (`enable-AzPSSession: true` for Azure PowerShell, instead of `Connect-AzAccount`); later `az` / `Az` commands use that session.',
    'Azure Pipelines: create (or convert) the service connection as "Workload identity federation"; run the script in `AzureCLI@2` (or `AzurePowerShell@5`) with `azureSubscription: <connection>`: the task signs in, no `az login` / `Connect-AzAccount` line.',
    'Add the federated credential (subject as shown) to the identity, give it only the roles the script needs, and delete the client secret from the app registration.',
  ],
  snippets: [
    { language: 'github-actions', code: OIDC_LOGIN + '\n  - run: az group list' },
    { language: 'azure-pipelines', code: '- task: AzureCLI@2\n  inputs:\n    azureSubscription: my-wif-connection   # workload identity federation\n    scriptType: bash\n    scriptLocation: inlineScript\n    inlineScript: az group list' },
  ],
  docs: [FEDERATED_DOCS, WIF_DOCS],
  examples: () => ({
    positive: [
      { path: WORKFLOW, text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          az login --service-principal -u $CLIENT_ID -p ${{ secrets.SP_SECRET }} --tenant $TENANT\n          az group list\n' },
      { path: PIPELINE, text: 'steps:\n  - bash: az login --service-principal \\\n      --username $(clientId) \\\n      --password $(clientSecret) --tenant $(tenantId)\n' },
      { path: WORKFLOW, text: 'on: push\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - shell: pwsh\n        run: |\n          $cred = [pscredential]::new($env:CLIENT_ID, (ConvertTo-SecureString $env:CLIENT_SECRET -AsPlainText -Force))\n          Connect-AzAccount -ServicePrincipal -Credential $cred -Tenant $env:TENANT_ID\n' },
      { path: PIPELINE, text: 'steps:\n  - task: AzurePowerShell@5\n    inputs:\n      azureSubscription: legacy\n      ScriptType: InlineScript\n      Inline: |\n        Connect-AzAccount -ServicePrincipal `\n          -ApplicationId $(appId) -Tenant $(tenantId) `\n          -CertificateThumbprint $(thumbprint)\n      azurePowerShellVersion: LatestVersion\n' },
    ],
    negative: [
      { path: WORKFLOW, text: 'on: push\njobs:\n  a:\n    steps:\n      - run: az login --service-principal -u $ID --tenant $T --federated-token "$(cat $AZURE_FEDERATED_TOKEN_FILE)"\n' },
      { path: PIPELINE, text: 'steps:\n  - bash: az login --identity\n  - script: az login --service-principal -u $(clientId) --tenant $(tenantId) --federated-token $(idToken)\n' },
      { path: WORKFLOW, text: 'on: push\njobs:\n  a:\n    steps:\n      - shell: pwsh\n        run: |\n          Connect-AzAccount -ServicePrincipal -ApplicationId $env:ID -Tenant $env:T -FederatedToken $env:TOKEN\n          Connect-AzAccount -Identity\n' },
      { path: PIPELINE, text: 'steps:\n  - task: AzurePowerShell@5\n    inputs:\n      azureSubscription: my-wif-connection\n      ScriptType: InlineScript\n      Inline: Get-AzResourceGroup\n      azurePowerShellVersion: LatestVersion\n' },
    ],
  }),
};

const SPN_KEY = /\$\{?servicePrincipalKey\}?|\$env:servicePrincipalKey|%servicePrincipalKey%/g;

export const azpSpnKeyInScript: PostureRule = {
  id: 'posture-azp-spn-key-in-script',
  title: 'Service connection secret pulled into a script (addSpnToEnvironment + $servicePrincipalKey)',
  description: 'An AzureCLI task exposes the service connection\'s service principal to its script (`addSpnToEnvironment: true`) and the script reads `$servicePrincipalKey`: the connection is secret-based and the secret flows into the script (often to `az login -p` or `ARM_CLIENT_SECRET`). A workload identity federation service connection exposes `$idToken` instead.',
  severity: 'high',
  languages: ['azure-pipelines'],
  check(doc) {
    const hits: PostureHit[] = [];
    for (const o of objectsUnder(doc.root)) {
      if (!/^AzureCLI@/i.test(textOf(nodeAt(o, 'task'))?.trim() ?? '')) continue;
      const inputs = nodeAt(o, 'inputs');
      if (!isBool(nodeAt(inputs, 'addSpnToEnvironment'), true)) continue;
      const connection = textOf(nodeAt(inputs, 'azureSubscription')) ?? textOf(nodeAt(inputs, 'connectedServiceNameARM'));
      for (const key of ['inlineScript', 'script']) {
        const script = nodeAt(inputs, key);
        if (script?.kind !== 'value') continue;
        const raw = doc.text.slice(script.start, script.end);
        SPN_KEY.lastIndex = 0;
        const m = SPN_KEY.exec(raw);
        if (!m) continue;
        hits.push({
          start: script.start + m.index,
          end: script.start + m.index + m[0].length,
          evidence: '$servicePrincipalKey',
          key: 'addSpnToEnvironment',
          subject: `sc://<organization>/<project>/${connection ?? '<service connection>'}`,
        });
      }
    }
    return hits;
  },
  summary: 'Convert the service connection to workload identity federation and use `$idToken` (or let the task sign in) instead of `$servicePrincipalKey`.',
  steps: [
    'Project settings > Service connections > the connection > "Convert" to workload identity federation (or create a new one of that kind); its federated credential subject is `sc://<organization>/<project>/<service connection name>`, issuer `https://vstoken.dev.azure.com/<organization id>`.',
    'In the script, drop `$servicePrincipalKey`: AzureCLI@2 has already signed in `az`; for Terraform set `ARM_USE_OIDC=true`, `ARM_OIDC_TOKEN=$idToken`, `ARM_CLIENT_ID=$servicePrincipalId`, `ARM_TENANT_ID=$tenantId`.',
    'Delete the client secret from the app registration once no connection uses it.',
  ],
  snippets: [
    {
      language: 'azure-pipelines',
      code: '- task: AzureCLI@2\n  inputs:\n    azureSubscription: my-wif-connection   # workload identity federation\n    addSpnToEnvironment: true\n    scriptType: bash\n    scriptLocation: inlineScript\n    inlineScript: |\n      export ARM_USE_OIDC=true ARM_OIDC_TOKEN=$idToken ARM_CLIENT_ID=$servicePrincipalId ARM_TENANT_ID=$tenantId\n      terraform apply -auto-approve',
    },
  ],
  docs: [WIF_DOCS, 'https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity'],
  examples: () => ({
    positive: [
      { path: PIPELINE, text: 'steps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod-connection\n      addSpnToEnvironment: true\n      scriptType: bash\n      scriptLocation: inlineScript\n      inlineScript: |\n        export ARM_CLIENT_SECRET=$servicePrincipalKey\n        terraform apply\n' },
    ],
    negative: [
      { path: PIPELINE, text: 'steps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod-connection\n      addSpnToEnvironment: true\n      scriptType: bash\n      scriptLocation: inlineScript\n      inlineScript: |\n        export ARM_USE_OIDC=true ARM_OIDC_TOKEN=$idToken\n        terraform apply\n' },
    ],
  }),
};
