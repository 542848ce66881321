/**
 * Provider revocation steps shared by several detectors (the same credential found in different
 * shapes: a `ghp_` token and a fine-grained PAT, an `npm_` token and an `.npmrc` line). Each link is
 * the provider's own page on revoking or rotating that credential.
 */
import type { ProviderRotation } from '../types.js';

export const GITHUB_ROTATION: ProviderRotation = {
  provider: 'GitHub',
  steps: [
    'Delete the token in Settings > Developer settings > Personal access tokens (an app\'s `ghs_` / `ghu_` / `gho_` token: revoke it in the app, or submit it to the credential revocation API), then create a fine-grained token limited to the repositories and permissions needed; in Actions use the built-in `GITHUB_TOKEN`.',
  ],
  url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
};

export const NPM_ROTATION: ProviderRotation = {
  provider: 'npm',
  steps: ['Revoke the token on npmjs.com (profile > Access Tokens) or with `npm token revoke <id>`, then create a granular access token limited to the packages it publishes.'],
  url: 'https://docs.npmjs.com/revoking-access-tokens',
};

/** An `.npmrc` credential: npmjs.org or another registry (Azure Artifacts, GitHub Packages). */
export const NPMRC_ROTATION: ProviderRotation = {
  provider: 'npm registry',
  credential: 'credential',
  steps: [
    'Revoke the token or change the password at the registry the line names (npmjs.org: profile > Access Tokens or `npm token revoke <id>`; Azure Artifacts or GitHub Packages: revoke the PAT there), then `npm login` again so the new credential lands in your user `~/.npmrc`, not the project\'s.',
  ],
  url: 'https://docs.npmjs.com/revoking-access-tokens',
};

export const AWS_ROTATION: ProviderRotation = {
  provider: 'AWS',
  credential: 'access key',
  steps: [
    'Create a new access key for the IAM user, move the app to it, then make the leaked key inactive and delete it (IAM > Users > Security credentials); check CloudTrail for its use. Prefer IAM roles or OIDC federation to long-lived keys.',
  ],
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/Using_RotateAccessKey.html',
};

export const DOCKER_HUB_ROTATION: ProviderRotation = {
  provider: 'Docker Hub',
  steps: ['Delete the token (Account settings > Personal access tokens, or the organization\'s Access tokens) and create a new one with read-only scope where possible.'],
  url: 'https://docs.docker.com/security/for-developers/access-tokens/',
};

/** A docker `config.json` `auths` entry: Docker Hub or another registry. */
export const DOCKER_CONFIG_ROTATION: ProviderRotation = {
  provider: 'container registry',
  credential: 'credential',
  steps: [
    'Revoke the token or change the password at the registry the `auths` entry names (Docker Hub: Account settings > Personal access tokens), then `docker login` again with a credential store (`credsStore`) so the new credential is not written to config.json.',
  ],
  url: 'https://docs.docker.com/security/for-developers/access-tokens/',
};
