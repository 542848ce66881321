/**
 * Well-known non-Azure token formats a gitleaks user expects: GitHub, npm, Slack, AWS, Google,
 * Stripe, SendGrid, Twilio. Checksummed where the format has one (GitHub classic, npm).
 * Stripe test-mode keys (`sk_test_`) are deliberately NOT reported: they cannot move money and are
 * routinely committed in samples; live (`sk_live_`/`rk_live_`) keys are.
 */
import { mutateAt } from '../examples/example-helpers.js';
import {
  generateAwsAccessKeyId,
  generateAwsSecretAccessKey,
  generateGithubFineGrainedPat,
  generateGithubToken,
  generateGoogleApiKey,
  generateGoogleOAuthSecret,
  generateNpmToken,
  generateSendGridKey,
  generateSlackAppToken,
  generateSlackToken,
  generateSlackWebhookUrl,
  generateStripeKey,
  generateTwilioAuthToken,
} from '../examples/generate.js';
import type { PatternDetector } from '../types.js';
import { AWS_ROTATION, GITHUB_ROTATION, NPM_ROTATION } from './rotations.js';
import { hasValidBase62Checksum } from '../checksums/token-checksum.js';

type Base = Pick<PatternDetector, 'kind' | 'remediation' | 'severity' | 'confidence'>;
const base: Base = { kind: 'pattern', remediation: 'third-party-token', severity: 'high', confidence: 'high' };

export const githubToken: PatternDetector = {
  ...base,
  id: 'github-token',
  rotation: GITHUB_ROTATION,
  title: 'GitHub token',
  description: 'A GitHub personal access (`ghp_`), OAuth (`gho_`), user-to-server (`ghu_`), server-to-server (`ghs_`) or refresh (`ghr_`) token, validated by its CRC32 base62 checksum.',
  severity: 'critical',
  priority: 90,
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
  window: { before: 1, after: 42 },
  validate: (secret) => hasValidBase62Checksum(secret),
  examples: () => {
    const t = generateGithubToken('ghp', 101);
    return {
      positive: [`GITHUB_TOKEN=${t}`, `"auth": "${generateGithubToken('ghs', 102)}"`],
      negative: [`GITHUB_TOKEN=${mutateAt(t, 10)}`, `GITHUB_TOKEN=ghp_${'A'.repeat(36)}`, 'token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    };
  },
};

export const githubFineGrainedPat: PatternDetector = {
  ...base,
  id: 'github-fine-grained-pat',
  rotation: GITHUB_ROTATION,
  title: 'GitHub fine-grained personal access token',
  description: 'A `github_pat_` token (22 + `_` + 59 base62 chars).',
  severity: 'critical',
  priority: 90,
  keywords: ['github_pat_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
  validate: (secret) => !/(.)\1{9}/.test(secret),
  examples: () => ({
    positive: [`GH_PAT=${generateGithubFineGrainedPat(103)}`],
    negative: [`GH_PAT=github_pat_${'x'.repeat(22)}_${'x'.repeat(59)}`, 'GH_PAT=github_pat_<token>'],
  }),
};

export const npmToken: PatternDetector = {
  ...base,
  id: 'npm-token',
  rotation: NPM_ROTATION,
  title: 'npm access token',
  description: 'An `npm_` access token, validated by its CRC32 base62 checksum.',
  severity: 'critical',
  priority: 90,
  keywords: ['npm_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
  window: { before: 1, after: 42 },
  validate: (secret) => hasValidBase62Checksum(secret),
  examples: () => {
    const t = generateNpmToken(104);
    return {
      positive: [`//registry.npmjs.org/:_authToken=${t}`],
      negative: [`//registry.npmjs.org/:_authToken=${mutateAt(t, 8)}`, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    };
  },
};

export const slackToken: PatternDetector = {
  ...base,
  id: 'slack-token',
  rotation: {
    provider: 'Slack',
    steps: ['Revoke the token (`auth.revoke` with the token, or reinstall the app / regenerate it in the app\'s OAuth & Permissions page) and reinstall the app to get a new one.'],
    url: 'https://api.slack.com/methods/auth.revoke',
  },
  title: 'Slack token',
  description: 'A Slack bot (`xoxb-`), user (`xoxp-`), workspace (`xoxa-`) or app-level (`xapp-`) token.',
  priority: 85,
  keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xapp-'],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>xox[bpa]-(?:[0-9]{6,14}-){1,3}[A-Za-z0-9]{20,64}|xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-f0-9]{32,64})(?![A-Za-z0-9_-])/g,
  examples: () => ({
    positive: [`SLACK_BOT_TOKEN=${generateSlackToken(105)}`, `slack: { appToken: "${generateSlackAppToken(106)}" }`],
    negative: ['SLACK_BOT_TOKEN=xoxb-your-token-here', 'SLACK_BOT_TOKEN=xoxb-123'],
  }),
};

export const slackWebhook: PatternDetector = {
  ...base,
  id: 'slack-webhook-url',
  rotation: {
    provider: 'Slack',
    credential: 'webhook URL',
    steps: ['Remove the webhook in the Slack app\'s Incoming Webhooks settings (or remove the app from the channel) and add a new one: anyone holding the old URL can post to the channel until then.'],
    url: 'https://api.slack.com/messaging/webhooks',
  },
  title: 'Slack incoming webhook URL',
  description: 'A `https://hooks.slack.com/services/T.../B.../...` URL: anyone holding it can post to the channel.',
  severity: 'medium',
  priority: 85,
  keywords: ['hooks.slack.com'],
  pattern: /(?<secret>https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/g,
  examples: () => ({
    positive: [`webhook: ${generateSlackWebhookUrl(107)}`],
    negative: ['webhook: https://hooks.slack.com/services/T000/B000/XXXX', 'see https://hooks.slack.com/services'],
  }),
};

export const awsAccessKeyId: PatternDetector = {
  ...base,
  id: 'aws-access-key-id',
  rotation: AWS_ROTATION,
  title: 'AWS access key ID',
  description: 'An AWS access key ID (`AKIA`/`ASIA` + 16). AWS\'s documented `...EXAMPLE` keys are ignored.',
  confidence: 'medium',
  priority: 80,
  keywords: ['AKIA', 'ASIA'],
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
  window: { before: 1, after: 17 },
  validate: (secret) => !secret.endsWith('EXAMPLE') && !/(.)\1{5}/.test(secret),
  examples: () => ({
    positive: [`aws_access_key_id = ${generateAwsAccessKeyId(108)}`],
    negative: [`aws_access_key_id = ${'AKIAIOSFODNN7'}EXAMPLE`, 'region: ASIA-PACIFIC-SOUTHEAST', `id = ${generateAwsAccessKeyId(109)}X`],
  }),
};

export const awsSecretAccessKey: PatternDetector = {
  ...base,
  id: 'aws-secret-access-key',
  rotation: AWS_ROTATION,
  title: 'AWS secret access key',
  description: 'A 40-char AWS secret access key assigned to `aws_secret_access_key` / `SecretAccessKey`. AWS\'s documented example key is ignored.',
  severity: 'critical',
  priority: 80,
  keywords: ['secret_access_key', 'secretaccesskey', 'aws_secret'],
  pattern: /(?:secret_?access_?key|aws_?secret(?:_?key)?)["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
  validate: (secret) => !/EXAMPLE/.test(secret) && /[0-9]/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret),
  examples: () => ({
    positive: [`aws_secret_access_key = ${generateAwsSecretAccessKey(110)}`, `"SecretAccessKey": "${generateAwsSecretAccessKey(111)}"`],
    negative: [`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLEKEY'}`, 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}'],
  }),
};

export const googleApiKey: PatternDetector = {
  ...base,
  id: 'google-api-key',
  rotation: {
    provider: 'Google Cloud',
    credential: 'API key',
    steps: ['Create a new API key with API and application restrictions (APIs & Services > Credentials), switch the app to it, then delete the leaked key (`gcloud services api-keys delete`).'],
    url: 'https://cloud.google.com/api-keys/docs/create-manage-api-keys',
  },
  title: 'Google API key',
  description: 'A Google Cloud / Firebase API key (`AIza` + 35).',
  priority: 80,
  keywords: ['AIza'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
  window: { before: 1, after: 40 },
  examples: () => ({
    positive: [`GOOGLE_API_KEY=${generateGoogleApiKey(112)}`],
    negative: [`GOOGLE_API_KEY=${generateGoogleApiKey(113).slice(0, 30)}`, 'key: AIzaXXXX'],
  }),
};

export const googleOAuthSecret: PatternDetector = {
  ...base,
  id: 'google-oauth-client-secret',
  rotation: {
    provider: 'Google',
    credential: 'OAuth client secret',
    steps: ['In the Google Auth Platform Clients page, add a new secret to the OAuth client, move the app to it, then disable and delete the leaked secret.'],
    url: 'https://developers.google.com/console/help/generating-oauth2',
  },
  title: 'Google OAuth client secret',
  description: 'A Google OAuth client secret (`GOCSPX-` + 28).',
  priority: 80,
  keywords: ['GOCSPX-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g,
  examples: () => ({
    positive: [`"client_secret": "${generateGoogleOAuthSecret(114)}"`],
    negative: ['"client_secret": "GOCSPX-<secret>"'],
  }),
};

export const stripeLiveKey: PatternDetector = {
  ...base,
  id: 'stripe-live-key',
  rotation: {
    provider: 'Stripe',
    credential: 'API key',
    steps: ['Roll the key in the Dashboard (Developers > API keys > Roll key) with an immediate expiry, or delete it; prefer a restricted key (`rk_live_`) for the replacement.'],
    url: 'https://docs.stripe.com/keys',
  },
  title: 'Stripe live secret or restricted key',
  description: 'A Stripe live-mode secret (`sk_live_`) or restricted (`rk_live_`) key. Test-mode keys (`sk_test_`) are not reported.',
  severity: 'critical',
  priority: 80,
  keywords: ['sk_live_', 'rk_live_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/g,
  examples: () => ({
    positive: [`STRIPE_SECRET_KEY=${generateStripeKey(115)}`, `stripe = Stripe("${generateStripeKey(116, 'rk')}")`],
    negative: [`STRIPE_SECRET_KEY=${generateStripeKey(117, 'sk', 'test')}`, 'STRIPE_SECRET_KEY=sk_live_...'],
  }),
};

export const sendGridKey: PatternDetector = {
  ...base,
  id: 'sendgrid-api-key',
  rotation: {
    provider: 'SendGrid',
    credential: 'API key',
    steps: ['Delete the key in Settings > API Keys (or `DELETE /v3/api_keys/{api_key_id}`) and create a new one with only the permissions the app needs.'],
    url: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  },
  title: 'SendGrid API key',
  description: 'A SendGrid API key (`SG.` + 22 + `.` + 43).',
  priority: 80,
  keywords: ['SG.'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  window: { before: 1, after: 70 },
  examples: () => ({
    positive: [`SENDGRID_API_KEY=${generateSendGridKey(118)}`],
    negative: ['msg.sendGridApiKeyFromEnvironmentVariableLookup()', 'SENDGRID_API_KEY=SG.xxxx.yyyy'],
  }),
};

export const twilioAuthToken: PatternDetector = {
  ...base,
  id: 'twilio-auth-token',
  rotation: {
    provider: 'Twilio',
    credential: 'auth token',
    steps: ['Create a secondary auth token in the Console (Account > API keys & tokens), move the app to it, then promote it: the leaked primary token stops working. An API key secret: delete the API key and create a new one.'],
    url: 'https://www.twilio.com/docs/iam/api/authtoken',
  },
  title: 'Twilio auth token or API key secret',
  description:
    'A 32-hex Twilio auth token assigned to any Twilio-named key (`TWILIO_AUTH_TOKEN`, `twilioToken`, `Twilio:AuthToken`, `TWILIO_ACCOUNT_TOKEN`), not to its account or service SID.',
  priority: 70,
  keywords: ['twilio'],
  pattern: /(?<![A-Za-z0-9])twilio[A-Za-z0-9_.:-]{0,30}["']?[ \t]{0,3}[:=]{1,2}>?[ \t]{0,3}["']?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])/gi,
  validate: (secret, match) => !/sid|_id\b|account[_.-]?id/i.test(match[0].slice(0, match[0].length - secret.length)),
  examples: () => ({
    positive: [
      `TWILIO_AUTH_TOKEN=${generateTwilioAuthToken(119)}`,
      `"Twilio:AuthToken": "${generateTwilioAuthToken(121)}"`,
      `twilioToken = '${generateTwilioAuthToken(122)}'`,
    ],
    negative: [
      'TWILIO_AUTH_TOKEN=your_auth_token',
      `TWILIO_ACCOUNT_SID=AC${generateTwilioAuthToken(120)}`,
      `TWILIO_SERVICE_SID=${generateTwilioAuthToken(123)}`,
    ],
  }),
};

export const thirdPartyDetectors: readonly PatternDetector[] = [
  githubToken,
  githubFineGrainedPat,
  npmToken,
  slackToken,
  slackWebhook,
  awsAccessKeyId,
  awsSecretAccessKey,
  googleApiKey,
  googleOAuthSecret,
  stripeLiveKey,
  sendGridKey,
  twilioAuthToken,
];
