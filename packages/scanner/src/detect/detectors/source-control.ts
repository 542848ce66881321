/**
 * Source-control tokens beyond GitHub (third-party.ts): every GitLab token prefix and Bitbucket app
 * passwords. Azure DevOps new-format PATs are common annotated keys (`JQQJ9` ... `AZDO`, devops.ts).
 */
import { ALPHABETS } from '../examples/prng.js';
import { providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';

const URL_SAFE = ALPHABETS.base64url;
const B62 = ALPHABETS.base62;
const BASE36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** GitLab's token prefixes (docs.gitlab.com/security/tokens): personal, deploy, runner, trigger, CI job, ... */
const GITLAB_PREFIXES = ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glsoat-', 'glft-', 'glimt-', 'glagent-', 'glffct-', 'gloas-'];

export const gitlabToken = providerToken({
  id: 'gitlab-token',
  title: 'GitLab token',
  description:
    'A GitLab personal/project/group access (`glpat-`), deploy (`gldt-`), runner (`glrt-`), pipeline trigger (`glptt-`), CI job (`glcbt-`), SCIM (`glsoat-`), feed (`glft-`), incoming mail (`glimt-`), agent (`glagent-`), feature flag (`glffct-`) or OAuth application (`gloas-`) token, legacy (20 characters) or routable (27+ characters, `.01.` and a checksum field).',
  keywords: GITLAB_PREFIXES,
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent|ffct|oas)-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?)(?![A-Za-z0-9_-])/g,
  window: { before: 1, after: 330 },
  prefixLength: 6,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('gitlab', seed);
    const prefix = GITLAB_PREFIXES[seed % GITLAB_PREFIXES.length]!;
    return seed % 2 ? `${prefix}${r.chars(URL_SAFE, 20)}` : `${prefix}${r.chars(URL_SAFE, 27)}.01.${r.chars(BASE36, 9)}`;
  },
  negatives: () => ['GITLAB_TOKEN=glpat-<your token>', 'GITLAB_TOKEN=glpat-12345'],
  rotation: {
    provider: 'GitLab',
    steps: ['Revoke the token where it was created (User settings > Access tokens, the project\'s or group\'s Settings > Access tokens / Repository > Deploy tokens, CI/CD > Pipeline trigger tokens, or reset the runner\'s token) and issue a new one with the least scopes needed.'],
    url: 'https://docs.gitlab.com/security/tokens/',
  },
});

export const gitlabRunnerRegistrationToken = providerToken({
  id: 'gitlab-runner-registration-token',
  title: 'GitLab runner registration token',
  description: 'A GitLab runner registration token (`GR1348941` + 20): anyone holding it can register runners that receive CI jobs and their secrets.',
  severity: 'high',
  keywords: ['GR1348941'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/g,
  prefixLength: 9,
  distinctive: true,
  generate: (seed) => `GR1348941${rngFor('gitlab-runner', seed).chars(URL_SAFE, 20)}`,
  rotation: {
    provider: 'GitLab',
    steps: ['Reset the registration token (the project\'s, group\'s or instance\'s CI/CD > Runners page) and move to runner authentication tokens (`glrt-`).'],
    url: 'https://docs.gitlab.com/ci/runners/new_creation_workflow/',
  },
});

export const bitbucketAppPassword = providerToken({
  id: 'bitbucket-app-password',
  title: 'Bitbucket app password',
  description: 'A Bitbucket Cloud app password (`ATBB` + 32 base62).',
  keywords: ['ATBB'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>ATBB[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `ATBB${rngFor('bitbucket', seed).chars(B62, 32)}`,
  rotation: {
    provider: 'Bitbucket',
    steps: ['Revoke the app password (Personal settings > App passwords) and replace it with an API token or access token with the least scopes needed.'],
    url: 'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
  },
});

export const sourceControlDetectors: readonly ProviderTokenDetector[] = [gitlabToken, gitlabRunnerRegistrationToken, bitbucketAppPassword];
