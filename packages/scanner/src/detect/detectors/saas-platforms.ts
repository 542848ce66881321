/**
 * Cloud platforms and SaaS APIs: Heroku, DigitalOcean, Cloudflare, Alibaba Cloud, Databricks,
 * Datadog, New Relic, Sentry, Grafana, Atlassian, Shopify, Square, PayPal/Braintree, Dropbox,
 * Mailgun, Mailchimp, Postmark, Twilio API keys, Okta, Auth0, Supabase. Prefixed formats are found
 * bare; prefix-less ones (hex keys, UUIDs) only under a key naming the provider.
 */
import { ALPHABETS } from '../examples/prng.js';
import { contextPattern, providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';

const URL_SAFE = ALPHABETS.base64url;
const B62 = ALPHABETS.base62;
const HEX = ALPHABETS.hexLower;
const UUID_VALUE = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';

function uuid(seed: number, salt: string): string {
  const h = rngFor(salt, seed).chars(HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

export const herokuKey = providerToken({
  id: 'heroku-api-key',
  title: 'Heroku API key',
  description: 'A Heroku platform API key (`HRKU-` + 60), or a legacy UUID key assigned to a Heroku-named key (`HEROKU_API_KEY`).',
  keywords: ['HRKU-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>HRKU-[A-Za-z0-9_-]{60})(?![A-Za-z0-9_-])/g,
  prefixLength: 5,
  distinctive: true,
  generate: (seed) => `HRKU-AA${rngFor('heroku', seed).chars(URL_SAFE, 58)}`,
  rotation: {
    provider: 'Heroku',
    steps: ['Regenerate the API key (Account settings > API Key > Regenerate) or revoke the authorization (`heroku authorizations:revoke`).'],
    url: 'https://devcenter.heroku.com/articles/authentication',
  },
});

export const herokuLegacyKey = providerToken({
  id: 'heroku-api-key-legacy',
  title: 'Heroku API key (legacy UUID)',
  description: 'A legacy Heroku API key (a UUID) assigned to a Heroku-named key: a UUID alone is an identifier.',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['heroku'],
  pattern: contextPattern('heroku', UUID_VALUE),
  uuidShaped: true,
  distinctive: false,
  generate: (seed) => uuid(seed, 'heroku'),
  embed: (t) => `HEROKU_API_KEY=${t}`,
  negatives: () => ['HEROKU_APP_ID=00000000-0000-0000-0000-000000000000'],
  rotation: herokuKey.rotation,
});

export const digitalOceanToken = providerToken({
  id: 'digitalocean-token',
  title: 'DigitalOcean token',
  description: 'A DigitalOcean personal access (`dop_v1_`), OAuth (`doo_v1_`) or refresh (`dor_v1_`) token.',
  keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])/g,
  prefixLength: 7,
  distinctive: true,
  generate: (seed) => `dop_v1_${rngFor('digitalocean', seed).chars(HEX, 64)}`,
  rotation: {
    provider: 'DigitalOcean',
    steps: ['Delete the token at https://cloud.digitalocean.com/account/api/tokens and create a new one with custom scopes.'],
    url: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
  },
});

export const cloudflareOriginCaKey = providerToken({
  id: 'cloudflare-origin-ca-key',
  title: 'Cloudflare Origin CA key',
  description: 'A Cloudflare Origin CA key (`v1.0-` + 24 hex + `-` + 146 hex).',
  keywords: ['v1.0-'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_-])/g,
  prefixLength: 5,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('cloudflare-ca', seed);
    return `v1.0-${r.chars(HEX, 24)}-${r.chars(HEX, 146)}`;
  },
  rotation: {
    provider: 'Cloudflare',
    steps: ['Change the Origin CA key (My Profile > API Tokens > Origin CA Key > Change).'],
    url: 'https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/',
  },
});

export const cloudflareApiToken = providerToken({
  id: 'cloudflare-api-token',
  title: 'Cloudflare API token or global API key',
  description: 'A 40-character Cloudflare API token or 37-hex global API key assigned to a Cloudflare-named key (`CLOUDFLARE_API_TOKEN`, `CF_API_KEY`).',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['cloudflare', 'cf_api'],
  pattern: contextPattern('cloudflare|cf_api', '[A-Za-z0-9_-]{40}|[a-f0-9]{37}'),
  distinctive: false,
  generate: (seed) => rngFor('cloudflare', seed).chars(URL_SAFE, 40),
  rotation: {
    provider: 'Cloudflare',
    steps: ['Roll or delete the token at https://dash.cloudflare.com/profile/api-tokens (the global API key: View > Change) and prefer scoped API tokens.'],
    url: 'https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/',
  },
});

export const alibabaAccessKeyId = providerToken({
  id: 'alibaba-access-key-id',
  title: 'Alibaba Cloud AccessKey ID',
  description: 'An Alibaba Cloud AccessKey ID (`LTAI` + 12–20 base62); its secret is usually next to it.',
  severity: 'high',
  confidence: 'medium',
  keywords: ['LTAI'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  validate: (secret) => /[0-9]/.test(secret.slice(4)) && /[A-Z]/.test(secret.slice(4)) && /[a-z]/.test(secret.slice(4)),
  distinctive: true,
  generate: (seed) => `LTAI5t${rngFor('alibaba', seed).chars(B62, 18)}`,
  rotation: {
    provider: 'Alibaba Cloud',
    steps: ['Disable and delete the AccessKey pair in the RAM console (Users > the user > AccessKey) and use RAM roles / STS tokens instead of long-lived keys.'],
    url: 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair',
  },
});

export const databricksToken = providerToken({
  id: 'databricks-token',
  title: 'Databricks personal access token',
  description: 'A Databricks personal access token (`dapi` + 32 hex, optionally `-` and a digit).',
  keywords: ['dapi'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>dapi[a-f0-9]{32}(?:-[0-9])?)(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `dapi${rngFor('databricks', seed).chars(HEX, 32)}`,
  negatives: () => ['DATABRICKS_TOKEN=dapi123456789012345678901234567890ab'],
  rotation: {
    provider: 'Databricks',
    steps: ['Revoke the token (User Settings > Developer > Access tokens, or an admin via the Token Management API) and use OAuth machine-to-machine or Entra ID tokens for automation.'],
    url: 'https://docs.databricks.com/en/dev-tools/auth/pat.html',
  },
});

export const datadogKey = providerToken({
  id: 'datadog-api-key',
  title: 'Datadog API or application key',
  description: 'A Datadog API key (32 hex) or application key (40 hex) assigned to a Datadog-named key (`DD_API_KEY`, `DD_APP_KEY`, `datadog_api_key`).',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['datadog', 'dd_api', 'dd_app'],
  pattern: contextPattern('datadog|dd_api|dd_app', '[a-f0-9]{40}|[a-f0-9]{32}'),
  distinctive: false,
  generate: (seed) => rngFor('datadog', seed).chars(HEX, seed % 2 ? 32 : 40),
  embed: (t) => `DD_API_KEY=${t}`,
  rotation: {
    provider: 'Datadog',
    steps: ['Revoke the key (Organization Settings > API Keys / Application Keys) and create a new one.'],
    url: 'https://docs.datadoghq.com/account_management/api-app-keys/',
  },
});

export const newRelicKey = providerToken({
  id: 'new-relic-key',
  title: 'New Relic key',
  description: 'A New Relic user API key (`NRAK-` + 27), insert key (`NRII-` + 32) or license key (36 hex + `NRAL`).',
  keywords: ['NRAK-', 'NRII-', 'NRAL'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|[a-f0-9]{36}NRAL)(?![A-Za-z0-9_-])/g,
  window: { before: 37, after: 40 },
  distinctive: true,
  generate: (seed) => (seed % 2 ? `NRAK-${rngFor('newrelic', seed).chars(ALPHABETS.upperDigits, 27)}` : `${rngFor('newrelic', seed).chars(HEX, 36)}NRAL`),
  rotation: {
    provider: 'New Relic',
    steps: ['Delete or rotate the key in the API keys UI (one.newrelic.com > your user menu > API keys) and create a new one.'],
    url: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/',
  },
});

export const sentryToken = providerToken({
  id: 'sentry-token',
  title: 'Sentry auth token',
  description: 'A Sentry user auth token (`sntryu_` + 64 hex) or organization auth token (`sntrys_` + base64 JSON + `_` + 43).',
  keywords: ['sntry'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=]{30,1000}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9_+/=])/g,
  prefixLength: 7,
  distinctive: true,
  generate: (seed) => (seed % 2 ? `sntryu_${rngFor('sentry', seed).chars(HEX, 64)}` : `sntrys_eyJpYXQiOjE3MDAw${rngFor('sentry', seed).chars(B62, 120)}_${rngFor('sentry-s', seed).chars(B62, 43)}`),
  rotation: {
    provider: 'Sentry',
    steps: ['Revoke the token (User settings > Personal Tokens, or Organization settings > Auth Tokens) and create a new one.'],
    url: 'https://docs.sentry.io/account/auth-tokens/',
  },
});

export const grafanaToken = providerToken({
  id: 'grafana-token',
  title: 'Grafana Cloud or service account token',
  description: 'A Grafana Cloud access policy token (`glc_` + base64 JSON) or Grafana service account token (`glsa_` + 32 + `_` + 8 hex).',
  keywords: ['glc_eyJ', 'glsa_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>glc_eyJ[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9_+/=])/g,
  prefixLength: 5,
  distinctive: true,
  generate: (seed) => (seed % 2 ? `glsa_${rngFor('grafana', seed).chars(B62, 32)}_${rngFor('grafana', seed + 9).chars(HEX, 8)}` : `glc_eyJvIjoi${rngFor('grafana', seed).chars(B62, 120)}`),
  rotation: {
    provider: 'Grafana',
    steps: ['Delete the token (Grafana Cloud: Administration > Access policies > the policy\'s tokens; Grafana: Administration > Service accounts > the account\'s tokens) and create a new one.'],
    url: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
  },
});

export const atlassianToken = providerToken({
  id: 'atlassian-api-token',
  title: 'Atlassian API token',
  description: 'An Atlassian (Jira, Confluence, Bitbucket) API token (`ATATT3` + about 186 characters).',
  keywords: ['ATATT3'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>ATATT3[A-Za-z0-9_=-]{150,250})(?![A-Za-z0-9_=-])/g,
  prefixLength: 6,
  distinctive: true,
  generate: (seed) => `ATATT3xFfGF0${rngFor('atlassian', seed).chars(URL_SAFE, 171)}=${rngFor('atlassian-c', seed).chars('0123456789ABCDEF', 8)}`,
  rotation: {
    provider: 'Atlassian',
    steps: ['Revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens and create a new one with an expiry.'],
    url: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
  },
});

export const shopifyToken = providerToken({
  id: 'shopify-token',
  title: 'Shopify access token or shared secret',
  description: 'A Shopify Admin API access token (`shpat_`), custom app (`shpca_`), private app (`shppa_`) token or shared secret (`shpss_`) + 32 hex.',
  keywords: ['shp'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9_])/g,
  prefixLength: 6,
  distinctive: true,
  generate: (seed) => `shpat_${rngFor('shopify', seed).chars(HEX, 32)}`,
  rotation: {
    provider: 'Shopify',
    steps: ['Rotate the token or secret in the app\'s settings (Partner Dashboard / the store\'s Develop apps page: API credentials > Rotate) and uninstall apps whose token cannot be rotated.'],
    url: 'https://shopify.dev/docs/apps/build/authentication-authorization/client-secrets/rotate-revoke-client-credentials',
  },
});

export const squareToken = providerToken({
  id: 'square-token',
  title: 'Square access token or application secret',
  description: 'A Square access token (`EAAA` + 60, or legacy `sq0atp-`) or OAuth application secret (`sq0csp-`).',
  keywords: ['EAAA', 'sq0'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => (seed % 2 ? `EAAA${rngFor('square', seed).chars(URL_SAFE, 60)}` : `sq0csp-${rngFor('square', seed).chars(URL_SAFE, 43)}`),
  rotation: {
    provider: 'Square',
    steps: ['Replace the access token or application secret in the Square Developer Dashboard (the application\'s Credentials page) and revoke OAuth tokens issued with it.'],
    url: 'https://developer.squareup.com/docs/build-basics/access-tokens',
  },
});

export const braintreeToken = providerToken({
  id: 'paypal-braintree-access-token',
  title: 'PayPal Braintree access token',
  description: 'A PayPal Braintree production access token (`access_token$production$` + 16 + `$` + 32 hex).',
  keywords: ['access_token$production$'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})(?![A-Za-z0-9_])/g,
  prefixLength: 24,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('braintree', seed);
    return `access_token$production$${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 16)}$${r.chars(HEX, 32)}`;
  },
  rotation: {
    provider: 'PayPal',
    steps: ['Revoke the access token in the Braintree Control Panel (Settings > API) or the PayPal developer dashboard, and issue a new one.'],
    url: 'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
  },
});

export const dropboxToken = providerToken({
  id: 'dropbox-access-token',
  title: 'Dropbox access token',
  description: 'A Dropbox short-lived access token (`sl.` + 130 or more URL-safe characters).',
  severity: 'high',
  keywords: ['sl.'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>sl\.[A-Za-z0-9_.-]{130,1400})(?![A-Za-z0-9_-])/g,
  prefixLength: 3,
  distinctive: true,
  generate: (seed) => `sl.u.${rngFor('dropbox', seed).chars(URL_SAFE, 180)}`,
  rotation: {
    provider: 'Dropbox',
    steps: ['Revoke the token (the app console\'s settings, or `/2/auth/token/revoke`) and disconnect the app at https://www.dropbox.com/account/connected_apps if it was a user token.'],
    url: 'https://developers.dropbox.com/oauth-guide',
  },
});

export const mailgunKey = providerToken({
  id: 'mailgun-api-key',
  title: 'Mailgun API key',
  description: 'A Mailgun API key (`key-` + 32 hex, or 32 hex + two 8-hex groups) assigned to a Mailgun-named key.',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['mailgun'],
  pattern: contextPattern('mailgun', 'key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
  distinctive: false,
  generate: (seed) => {
    const r = rngFor('mailgun', seed);
    return seed % 2 ? `key-${r.chars(HEX, 32)}` : `${r.chars(HEX, 32)}-${r.chars(HEX, 8)}-${r.chars(HEX, 8)}`;
  },
  rotation: {
    provider: 'Mailgun',
    steps: ['Delete the key (API Security > API keys) and create a new, domain-scoped sending key where possible.'],
    url: 'https://help.mailgun.com/hc/en-us/articles/203380100-Where-can-I-find-my-API-keys-and-SMTP-credentials',
  },
});

export const mailchimpKey = providerToken({
  id: 'mailchimp-api-key',
  title: 'Mailchimp API key',
  description: 'A Mailchimp Marketing API key (32 hex + `-us` + the data center number).',
  severity: 'high',
  keywords: ['-us'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>[a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9_-])/g,
  window: { before: 33, after: 6 },
  distinctive: true,
  generate: (seed) => `${rngFor('mailchimp', seed).chars(HEX, 32)}-us${1 + (seed % 21)}`,
  rotation: {
    provider: 'Mailchimp',
    steps: ['Disable and delete the key (Profile > Extras > API keys) and create a new one.'],
    url: 'https://mailchimp.com/help/about-api-keys/',
  },
});

export const postmarkToken = providerToken({
  id: 'postmark-server-token',
  title: 'Postmark server or account token',
  description: 'A Postmark server or account API token (a UUID) assigned to a Postmark-named key or in an `X-Postmark-Server-Token` header.',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['postmark'],
  pattern: contextPattern('postmark|x-postmark', UUID_VALUE),
  uuidShaped: true,
  distinctive: false,
  generate: (seed) => uuid(seed, 'postmark'),
  rotation: {
    provider: 'Postmark',
    steps: ['Reset the token (the server\'s API Tokens tab, or Account > API Tokens) and update the senders.'],
    url: 'https://postmarkapp.com/support/article/1008-what-are-the-account-and-server-api-tokens',
  },
});

export const twilioApiKey = providerToken({
  id: 'twilio-api-key',
  title: 'Twilio API key SID with its secret',
  description: 'A Twilio API key secret (32 base62) next to its `SK` + 32-hex key SID, or assigned to a Twilio-named key.',
  severity: 'high',
  confidence: 'medium',
  priority: 72,
  keywords: ['twilio'],
  pattern: contextPattern('twilio', '[A-Za-z0-9]{32}'),
  validate: (secret) => /[A-Z]/.test(secret) && /[a-z]/.test(secret) && /[0-9]/.test(secret),
  distinctive: false,
  generate: (seed) => rngFor('twilio-secret', seed).chars(B62, 32),
  embed: (t) => `TWILIO_API_SECRET=${t}`,
  rotation: {
    provider: 'Twilio',
    steps: ['Delete the API key (Console > Account > API keys & tokens) or rotate the auth token (promote the secondary token), then issue a new API key.'],
    url: 'https://www.twilio.com/docs/iam/api-keys',
  },
});

export const oktaToken = providerToken({
  id: 'okta-api-token',
  title: 'Okta API token',
  description: 'An Okta API token (`00` + 40 URL-safe characters) assigned to an Okta-named key (`OKTA_API_TOKEN`, `okta.client.token`).',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['okta'],
  pattern: contextPattern('okta', '00[A-Za-z0-9_-]{40}'),
  prefixLength: 2,
  distinctive: false,
  generate: (seed) => `00${rngFor('okta', seed).chars(URL_SAFE, 40)}`,
  rotation: {
    provider: 'Okta',
    steps: ['Revoke the token (Admin Console > Security > API > Tokens) and use OAuth 2.0 service apps with scoped access tokens.'],
    url: 'https://developer.okta.com/docs/guides/create-an-api-token/main/',
  },
});

export const auth0Secret = providerToken({
  id: 'auth0-client-secret',
  title: 'Auth0 client secret',
  description: 'A 64-character Auth0 application client secret assigned to an Auth0-named key (`AUTH0_CLIENT_SECRET`).',
  severity: 'high',
  confidence: 'medium',
  priority: 70,
  keywords: ['auth0'],
  pattern: contextPattern('auth0', '[A-Za-z0-9_-]{64}'),
  distinctive: false,
  generate: (seed) => rngFor('auth0', seed).chars(URL_SAFE, 64),
  rotation: {
    provider: 'Auth0',
    steps: ['Rotate the client secret (Applications > the application > Settings > Rotate) and update the application.'],
    url: 'https://auth0.com/docs/get-started/applications/rotate-client-secret',
  },
});

export const supabaseKey = providerToken({
  id: 'supabase-secret-key',
  title: 'Supabase access token or secret key',
  description: 'A Supabase personal access token (`sbp_` + 40 hex) or project secret API key (`sb_secret_`). Publishable keys (`sb_publishable_`) are public.',
  keywords: ['sbp_', 'sb_secret_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,64})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => (seed % 2 ? `sbp_${rngFor('supabase', seed).chars(HEX, 40)}` : `sb_secret_${rngFor('supabase', seed).chars(URL_SAFE, 31)}`),
  negatives: (t) => [`SUPABASE_KEY=sb_publishable_${t.slice(-31)}`],
  rotation: {
    provider: 'Supabase',
    steps: ['Delete the access token (Account > Access Tokens) or the secret API key (Project Settings > API Keys) and create a new one.'],
    url: 'https://supabase.com/docs/guides/api/api-keys',
  },
});

export const saasPlatformDetectors: readonly ProviderTokenDetector[] = [
  herokuKey,
  herokuLegacyKey,
  digitalOceanToken,
  cloudflareOriginCaKey,
  cloudflareApiToken,
  alibabaAccessKeyId,
  databricksToken,
  datadogKey,
  newRelicKey,
  sentryToken,
  grafanaToken,
  atlassianToken,
  shopifyToken,
  squareToken,
  braintreeToken,
  dropboxToken,
  mailgunKey,
  mailchimpKey,
  postmarkToken,
  twilioApiKey,
  oktaToken,
  auth0Secret,
  supabaseKey,
];
