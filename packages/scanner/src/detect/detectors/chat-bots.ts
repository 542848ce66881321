/**
 * Chat bot tokens and webhooks: Telegram bot tokens, Discord bot tokens (by context) and webhooks,
 * Slack refresh/configuration tokens (`xoxe`). Slack bot/user/app tokens and incoming webhooks are in
 * third-party.ts.
 */
import { ALPHABETS } from '../examples/prng.js';
import { contextPattern, providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';

const URL_SAFE = ALPHABETS.base64url;
const B62 = ALPHABETS.base62;

export const telegramBotToken = providerToken({
  id: 'telegram-bot-token',
  title: 'Telegram bot token',
  description: 'A Telegram Bot API token: the bot id (8–10 digits), `:AA`, 33 URL-safe characters.',
  keywords: [':AA'],
  pattern: /(?<![A-Za-z0-9_:-])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
  window: { before: 11, after: 36 },
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('telegram', seed);
    return `${1 + r.int(9)}${r.chars(ALPHABETS.digits, 9)}:AA${r.chars(URL_SAFE, 33)}`;
  },
  rotation: {
    provider: 'Telegram',
    steps: ['Revoke the token with @BotFather (`/revoke`, choose the bot) and use the new token it returns.'],
    url: 'https://core.telegram.org/bots/features#botfather',
  },
});

export const discordBotToken = providerToken({
  id: 'discord-bot-token',
  title: 'Discord bot token',
  description: 'A Discord bot token (base64 user id, `.`, 6, `.`, 27–38) assigned to a Discord-named key (`DISCORD_TOKEN`, `discord.bot.token`).',
  confidence: 'medium',
  priority: 75,
  keywords: ['discord'],
  pattern: contextPattern('discord', '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}'),
  distinctive: false,
  generate: (seed) => {
    const r = rngFor('discord', seed);
    return `M${r.chars(B62, 25)}.${r.chars(URL_SAFE, 6)}.${r.chars(URL_SAFE, 38)}`;
  },
  embed: (t) => `DISCORD_TOKEN=${t}`,
  rotation: {
    provider: 'Discord',
    steps: ['Reset the token in the Discord Developer Portal (Applications > the app > Bot > Reset Token).'],
    url: 'https://discord.com/developers/docs/topics/oauth2#bots',
  },
});

export const discordWebhook = providerToken({
  id: 'discord-webhook-url',
  title: 'Discord webhook URL',
  description: 'A Discord webhook URL (`https://discord.com/api/webhooks/<id>/<token>`): anyone holding it can post to the channel.',
  severity: 'medium',
  keywords: ['/api/webhooks/'],
  pattern: /(?<secret>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/g,
  prefixLength: 33,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('discord-webhook', seed);
    return `https://discord.com/api/webhooks/1${r.chars(ALPHABETS.digits, 18)}/${r.chars(URL_SAFE, 68)}`;
  },
  rotation: {
    provider: 'Discord',
    steps: ['Delete the webhook (Server Settings > Integrations > Webhooks) and create a new one.'],
    url: 'https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks',
  },
});

export const slackConfigToken = providerToken({
  id: 'slack-refresh-token',
  title: 'Slack refresh or configuration token',
  description: 'A Slack rotating refresh token or app configuration token (`xoxe.xoxp-1-`, `xoxe.xoxb-1-`, `xoxe-1-`).',
  keywords: ['xoxe'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>xoxe(?:\.xox[bp])?-1-[A-Za-z0-9-]{140,400})(?![A-Za-z0-9_-])/g,
  prefixLength: 7,
  distinctive: true,
  generate: (seed) => `xoxe.xoxp-1-${rngFor('slack-xoxe', seed).chars(B62, 166)}`,
  rotation: {
    provider: 'Slack',
    steps: ['Revoke the token (`auth.revoke`, or regenerate the app configuration tokens at https://api.slack.com/apps > Your App Configuration Tokens) and reinstall the app if it was a refresh token.'],
    url: 'https://api.slack.com/authentication/rotation',
  },
});

export const chatBotDetectors: readonly ProviderTokenDetector[] = [telegramBotToken, discordBotToken, discordWebhook, slackConfigToken];
