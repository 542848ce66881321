/**
 * CI systems, package registries, infrastructure-as-code and secret managers: Docker Hub, PyPI,
 * RubyGems, NuGet, JFrog, HashiCorp Vault and Terraform Cloud, Doppler, Pulumi, SonarQube/SonarCloud,
 * Snyk, CircleCI, Buildkite, Octopus Deploy. (npm is in third-party.ts.)
 */
import { ALPHABETS } from '../examples/prng.js';
import { contextPattern, providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';
import { DOCKER_HUB_ROTATION } from './rotations.js';

const URL_SAFE = ALPHABETS.base64url;
const B62 = ALPHABETS.base62;
const HEX = ALPHABETS.hexLower;
const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function uuid(seed: number, salt: string): string {
  const h = rngFor(salt, seed).chars(HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

export const dockerHubToken = providerToken({
  id: 'docker-hub-token',
  title: 'Docker Hub access token',
  description: 'A Docker Hub personal (`dckr_pat_`) or organization (`dckr_oat_`) access token.',
  keywords: ['dckr_'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>dckr_[po]at_[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])/g,
  prefixLength: 9,
  distinctive: true,
  generate: (seed) => `dckr_${seed % 2 ? 'pat' : 'oat'}_${rngFor('dockerhub', seed).chars(URL_SAFE, 27)}`,
  rotation: DOCKER_HUB_ROTATION,
});

export const pypiToken = providerToken({
  id: 'pypi-token',
  title: 'PyPI API token',
  description: 'A PyPI (or TestPyPI) API token: `pypi-` and a macaroon whose first bytes encode `pypi.org` (`AgEIcHlwaS5vcmc`) or `test.pypi.org`.',
  keywords: ['pypi-Ag'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/g,
  window: { before: 1, after: 1040 },
  prefixLength: 20,
  distinctive: true,
  generate: (seed) => `pypi-AgEIcHlwaS5vcmc${rngFor('pypi', seed).chars(URL_SAFE, 160)}`,
  negatives: (t) => [`PYPI_TOKEN=${t.slice(0, 40)}`],
  rotation: {
    provider: 'PyPI',
    steps: ['Remove the token at https://pypi.org/manage/account/token/ (Account settings > API tokens) and publish with Trusted Publishing (OIDC) instead of a token.'],
    url: 'https://docs.pypi.org/trusted-publishers/',
  },
});

export const rubyGemsKey = providerToken({
  id: 'rubygems-api-key',
  title: 'RubyGems API key',
  description: 'A RubyGems.org API key (`rubygems_` + 48 hex).',
  keywords: ['rubygems_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])/g,
  prefixLength: 9,
  distinctive: true,
  generate: (seed) => `rubygems_${rngFor('rubygems', seed).chars(HEX, 48)}`,
  rotation: {
    provider: 'RubyGems.org',
    steps: ['Delete the key at https://rubygems.org/profile/api_keys and publish with trusted publishing (OIDC) where possible.'],
    url: 'https://guides.rubygems.org/api-key-scopes/',
  },
});

export const nugetKey = providerToken({
  id: 'nuget-api-key',
  title: 'NuGet API key',
  description: 'A nuget.org API key (`oy2` + 43 lower-case base36).',
  keywords: ['oy2'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_-])/g,
  prefixLength: 3,
  distinctive: true,
  generate: (seed) => `oy2${rngFor('nuget', seed).chars(LOWER_DIGITS, 43)}`,
  rotation: {
    provider: 'NuGet',
    steps: ['Delete or regenerate the key at https://www.nuget.org/account/apikeys and publish with Trusted Publishing where possible.'],
    url: 'https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys',
  },
});

export const jfrogToken = providerToken({
  id: 'jfrog-token',
  title: 'JFrog Artifactory API key or reference token',
  description: 'A JFrog Artifactory API key (`AKCp` + 69 base62) or identity reference token (`cmVmdGtu`, base64 of "reftkn", + 56).',
  keywords: ['AKCp', 'cmVmdGtu'],
  pattern: /(?<![A-Za-z0-9_+/-])(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9_+/=-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => (seed % 2 ? `AKCp${rngFor('jfrog', seed).chars(B62, 69)}` : `cmVmdGtu${rngFor('jfrog', seed).chars(B62, 56)}`),
  rotation: {
    provider: 'JFrog',
    steps: ['Revoke the API key or token in the JFrog Platform (Edit profile > Authentication settings, or Administration > Identity and Access > Access Tokens) and use short-lived scoped tokens or OIDC.'],
    url: 'https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens',
  },
});

export const vaultToken = providerToken({
  id: 'hashicorp-vault-token',
  title: 'HashiCorp Vault token',
  description: 'A HashiCorp Vault service (`hvs.`), batch (`hvb.`) or recovery (`hvr.`) token.',
  keywords: ['hvs.', 'hvb.', 'hvr.'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>hv[sbr]\.[A-Za-z0-9_-]{24,300})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `hvs.CAESI${rngFor('vault', seed).chars(URL_SAFE, 86)}`,
  rotation: {
    provider: 'HashiCorp Vault',
    steps: ['Revoke the token (`vault token revoke <token>` or its accessor) and authenticate workloads with a short-lived auth method (Kubernetes, AppRole with response wrapping, JWT/OIDC, Azure).'],
    url: 'https://developer.hashicorp.com/vault/docs/concepts/tokens',
  },
});

export const terraformCloudToken = providerToken({
  id: 'terraform-cloud-token',
  title: 'Terraform Cloud / Enterprise API token',
  description: 'A Terraform Cloud (HCP Terraform) or Enterprise API token: 14 base62, `.atlasv1.`, 60–70 more.',
  keywords: ['.atlasv1.'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/g,
  window: { before: 15, after: 80 },
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('terraform', seed);
    return `${r.chars(B62, 14)}.atlasv1.${r.chars(B62, 67)}`;
  },
  rotation: {
    provider: 'HCP Terraform',
    steps: ['Revoke the token (User settings > Tokens, or the organization\'s / team\'s API token page) and use dynamic provider credentials (OIDC) in runs.'],
    url: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
  },
});

export const dopplerToken = providerToken({
  id: 'doppler-token',
  title: 'Doppler token',
  description: 'A Doppler personal (`dp.pt.`), service (`dp.st.`), service account (`dp.sa.`), CLI (`dp.ct.`), SCIM (`dp.scim.`) or audit (`dp.audit.`) token.',
  keywords: ['dp.'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_.-]{40,100})(?![A-Za-z0-9_-])/g,
  prefixLength: 6,
  distinctive: true,
  generate: (seed) => `dp.${seed % 2 ? 'pt' : 'st'}.${rngFor('doppler', seed).chars(B62, 43)}`,
  rotation: {
    provider: 'Doppler',
    steps: ['Revoke the token in the Doppler dashboard (the project config\'s Access tab for service tokens, Tokens for personal ones) and issue a new one.'],
    url: 'https://docs.doppler.com/docs/service-tokens',
  },
});

export const pulumiToken = providerToken({
  id: 'pulumi-access-token',
  title: 'Pulumi access token',
  description: 'A Pulumi Cloud access token (`pul-` + 40 hex).',
  keywords: ['pul-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `pul-${rngFor('pulumi', seed).chars(HEX, 40)}`,
  rotation: {
    provider: 'Pulumi',
    steps: ['Delete the token at https://app.pulumi.com/account/tokens and use OIDC (Pulumi ESC / deployments) in CI.'],
    url: 'https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/',
  },
});

export const sonarToken = providerToken({
  id: 'sonar-token',
  title: 'SonarQube / SonarCloud token',
  description: 'A SonarQube or SonarCloud user (`squ_`), project analysis (`sqp_`) or global analysis (`sqa_`) token.',
  severity: 'high',
  keywords: ['squ_', 'sqp_', 'sqa_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sq[upa]_[a-f0-9]{40})(?![A-Za-z0-9_])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `sq${'upa'[seed % 3]}_${rngFor('sonar', seed).chars(HEX, 40)}`,
  rotation: {
    provider: 'SonarQube',
    steps: ['Revoke the token (My Account > Security) and generate a new one, stored as a CI secret.'],
    url: 'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/',
  },
});

export const snykToken = providerToken({
  id: 'snyk-token',
  title: 'Snyk API token',
  description: 'A Snyk API token (a UUID) assigned to a Snyk-named key (`SNYK_TOKEN`): a UUID alone is an identifier.',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['snyk'],
  pattern: contextPattern('snyk', '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}'),
  uuidShaped: true,
  distinctive: false,
  generate: (seed) => uuid(seed, 'snyk'),
  negatives: () => ['SNYK_ORG_ID: 00000000-0000-0000-0000-000000000000'],
  rotation: {
    provider: 'Snyk',
    steps: ['Revoke and regenerate the token (Account settings > Auth Token, or the service account\'s token) at https://app.snyk.io/account.'],
    url: 'https://docs.snyk.io/snyk-api/authentication-for-api',
  },
});

export const circleCiToken = providerToken({
  id: 'circleci-token',
  title: 'CircleCI API token',
  description: 'A CircleCI personal (`CCIPAT_`) or project (`CCIPRJ_`) API token.',
  keywords: ['CCIP'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![A-Za-z0-9_])/g,
  prefixLength: 7,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('circleci', seed);
    return `CCIPAT_${r.chars(B62, 22)}_${r.chars(HEX, 40)}`;
  },
  rotation: {
    provider: 'CircleCI',
    steps: ['Delete the token (User settings > Personal API Tokens, or Project settings > API Permissions) and create a new one.'],
    url: 'https://circleci.com/docs/managing-api-tokens/',
  },
});

export const buildkiteToken = providerToken({
  id: 'buildkite-token',
  title: 'Buildkite API access token',
  description: 'A Buildkite user API access token (`bkua_` + 40 hex).',
  keywords: ['bkua_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>bkua_[a-f0-9]{40})(?![A-Za-z0-9_])/g,
  prefixLength: 5,
  distinctive: true,
  generate: (seed) => `bkua_${rngFor('buildkite', seed).chars(HEX, 40)}`,
  rotation: {
    provider: 'Buildkite',
    steps: ['Revoke the token at https://buildkite.com/user/api-access-tokens and create one with the least scopes needed.'],
    url: 'https://buildkite.com/docs/apis/managing-api-tokens',
  },
});

export const octopusApiKey = providerToken({
  id: 'octopus-deploy-api-key',
  title: 'Octopus Deploy API key',
  description: 'An Octopus Deploy API key (`API-` + 26 upper-case letters and digits, both present).',
  severity: 'high',
  keywords: ['API-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>API-[A-Z0-9]{26})(?![A-Za-z0-9_-])/g,
  window: { before: 1, after: 31 },
  prefixLength: 4,
  validate: (secret) => /[0-9]/.test(secret.slice(4)) && /[A-Z]/.test(secret.slice(4)),
  distinctive: true,
  generate: (seed) => `API-${rngFor('octopus', seed).chars(ALPHABETS.upperDigits, 26)}`,
  negatives: () => ['X-API-VERSION-HEADER-FOR-EVERYONE'],
  rotation: {
    provider: 'Octopus Deploy',
    steps: ['Revoke the key (your profile > My API Keys) and use OIDC or a service account key with an expiry.'],
    url: 'https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key',
  },
});

export const ciRegistryDetectors: readonly ProviderTokenDetector[] = [
  dockerHubToken,
  pypiToken,
  rubyGemsKey,
  nugetKey,
  jfrogToken,
  vaultToken,
  terraformCloudToken,
  dopplerToken,
  pulumiToken,
  sonarToken,
  snykToken,
  circleCiToken,
  buildkiteToken,
  octopusApiKey,
];
