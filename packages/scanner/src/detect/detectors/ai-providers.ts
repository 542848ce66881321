/**
 * AI provider API keys. Most carry a prefix (or OpenAI's `T3BlbkFJ` marker, base64 of "OpenAI")
 * and are found bare; Cohere and Mistral keys have no prefix and DeepSeek's `sk-` + 32 hex is shared
 * with others, so those need the provider's name nearby. Google AI (Gemini) keys are Google API keys
 * (`AIza`, third-party.ts); Azure OpenAI keys are in azure-services.ts.
 */
import { ALPHABETS } from '../examples/prng.js';
import { contextPattern, providerToken, rngFor, type ProviderTokenDetector } from './provider-token.js';

const B62 = ALPHABETS.base62;
const URL_SAFE = ALPHABETS.base64url;
const HEX = ALPHABETS.hexLower;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const openAiKey = providerToken({
  id: 'openai-api-key',
  title: 'OpenAI API key',
  description:
    'An OpenAI project (`sk-proj-`), service-account (`sk-svcacct-`), admin (`sk-admin-`) or legacy user (`sk-`) key: every one carries `T3BlbkFJ` (base64 of "OpenAI") between two random runs.',
  keywords: ['T3BlbkFJ'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])/g,
  window: { before: 170, after: 170 },
  prefixLength: 3,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('openai', seed);
    const kind = ['proj-', 'svcacct-', 'admin-', ''][seed % 4]!;
    const n = kind ? 74 : 20;
    return `sk-${kind}${r.chars(URL_SAFE, n)}T3BlbkFJ${r.chars(URL_SAFE, n)}`;
  },
  negatives: (t) => [`OPENAI_API_KEY=sk-proj-${'x'.repeat(20)}T3BlbkFJ`, `OPENAI_API_KEY=${t.slice(0, 30)}`],
  rotation: {
    provider: 'OpenAI',
    steps: ['Delete the key at https://platform.openai.com/api-keys (admin keys: Organization settings > Admin keys) and create a new one for the project that needs it.'],
    url: 'https://help.openai.com/en/articles/9047852-how-can-i-rotate-my-api-key',
  },
});

export const anthropicKey = providerToken({
  id: 'anthropic-api-key',
  title: 'Anthropic API key',
  description: 'An Anthropic API (`sk-ant-api03-`) or admin (`sk-ant-admin01-`) key: 93 URL-safe characters then `AA`.',
  keywords: ['sk-ant-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin)0[0-9]-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
  prefixLength: 13,
  distinctive: true,
  generate: (seed) => `sk-ant-${seed % 2 ? 'api03' : 'admin01'}-${rngFor('anthropic', seed).chars(URL_SAFE, 93)}AA`,
  negatives: (t) => [`ANTHROPIC_API_KEY=${t.slice(0, -2)}`, 'ANTHROPIC_API_KEY=sk-ant-api03-...'],
  rotation: {
    provider: 'Anthropic',
    steps: ['Delete the key in the Anthropic Console (Settings > API keys, https://console.anthropic.com/settings/keys) and create a new one.'],
    url: 'https://docs.anthropic.com/en/api/getting-started',
  },
});

export const huggingFaceToken = providerToken({
  id: 'huggingface-token',
  title: 'Hugging Face access token',
  description: 'A Hugging Face user access token (`hf_` + 34 letters) or organization API token (`api_org_` + 34 letters).',
  keywords: ['hf_', 'api_org_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>(?:hf|api_org)_[A-Za-z]{34})(?![A-Za-z0-9_])/g,
  distinctive: true,
  generate: (seed) => `hf_${rngFor('hf', seed).chars(LETTERS, 34)}`,
  negatives: (t) => [`HF_TOKEN=${t.slice(0, 20)}`, `HF_TOKEN=${t}1`],
  rotation: {
    provider: 'Hugging Face',
    steps: ['Invalidate the token (Manage > Invalidate and refresh) at https://huggingface.co/settings/tokens.'],
    url: 'https://huggingface.co/docs/hub/security-tokens',
  },
});

export const groqKey = providerToken({
  id: 'groq-api-key',
  title: 'Groq API key',
  description: 'A Groq API key (`gsk_` + 52 base62).',
  keywords: ['gsk_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `gsk_${rngFor('groq', seed).chars(B62, 52)}`,
  rotation: {
    provider: 'Groq',
    steps: ['Delete the key at https://console.groq.com/keys and create a new one.'],
    url: 'https://console.groq.com/docs/quickstart',
  },
});

export const xAiKey = providerToken({
  id: 'xai-api-key',
  title: 'xAI API key',
  description: 'An xAI (Grok) API key (`xai-` + 80 base62).',
  keywords: ['xai-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9]{80})(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  distinctive: true,
  generate: (seed) => `xai-${rngFor('xai', seed).chars(B62, 80)}`,
  rotation: {
    provider: 'xAI',
    steps: ['Delete the key in the xAI console (API Keys, https://console.x.ai) and create a new one.'],
    url: 'https://docs.x.ai/docs/overview',
  },
});

export const replicateToken = providerToken({
  id: 'replicate-api-token',
  title: 'Replicate API token',
  description: 'A Replicate API token (`r8_` + 37 base62).',
  keywords: ['r8_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>r8_[A-Za-z0-9]{37})(?![A-Za-z0-9_])/g,
  prefixLength: 3,
  distinctive: true,
  generate: (seed) => `r8_${rngFor('replicate', seed).chars(B62, 37)}`,
  rotation: {
    provider: 'Replicate',
    steps: ['Delete the token at https://replicate.com/account/api-tokens and create a new one.'],
    url: 'https://replicate.com/docs/topics/security/api-tokens',
  },
});

export const openRouterKey = providerToken({
  id: 'openrouter-api-key',
  title: 'OpenRouter API key',
  description: 'An OpenRouter API key (`sk-or-v1-` + 64 hex).',
  keywords: ['sk-or-v1-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[a-f0-9]{64})(?![A-Za-z0-9_-])/g,
  prefixLength: 9,
  distinctive: true,
  generate: (seed) => `sk-or-v1-${rngFor('openrouter', seed).chars(HEX, 64)}`,
  rotation: {
    provider: 'OpenRouter',
    steps: ['Delete the key at https://openrouter.ai/settings/keys and create a new one.'],
    url: 'https://openrouter.ai/docs/api-reference/authentication',
  },
});

export const perplexityKey = providerToken({
  id: 'perplexity-api-key',
  title: 'Perplexity API key',
  description: 'A Perplexity API key (`pplx-` + 48 base62).',
  keywords: ['pplx-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
  prefixLength: 5,
  distinctive: true,
  generate: (seed) => `pplx-${rngFor('perplexity', seed).chars(B62, 48)}`,
  rotation: {
    provider: 'Perplexity',
    steps: ['Revoke the key under API Keys at https://www.perplexity.ai/settings/api and generate a new one.'],
    url: 'https://docs.perplexity.ai/guides/getting-started',
  },
});

export const langSmithKey = providerToken({
  id: 'langsmith-api-key',
  title: 'LangSmith (LangChain) API key',
  description: 'A LangSmith personal (`lsv2_pt_`) or service (`lsv2_sk_`) key: 32 hex, `_`, 10 hex.',
  keywords: ['lsv2_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![A-Za-z0-9_])/g,
  prefixLength: 8,
  distinctive: true,
  generate: (seed) => {
    const r = rngFor('langsmith', seed);
    return `lsv2_${seed % 2 ? 'pt' : 'sk'}_${r.chars(HEX, 32)}_${r.chars(HEX, 10)}`;
  },
  rotation: {
    provider: 'LangSmith',
    steps: ['Delete the key in LangSmith (Settings > API Keys) and create a new one.'],
    url: 'https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key',
  },
});

export const cohereKey = providerToken({
  id: 'cohere-api-key',
  title: 'Cohere API key',
  description: 'A 40-character Cohere API key assigned to a Cohere-named key (`COHERE_API_KEY`, `cohere_key`): the key has no prefix of its own.',
  confidence: 'medium',
  priority: 70,
  keywords: ['cohere'],
  pattern: contextPattern('cohere', '[A-Za-z0-9]{40}'),
  distinctive: false,
  generate: (seed) => rngFor('cohere', seed).chars(B62, 40),
  rotation: {
    provider: 'Cohere',
    steps: ['Delete the key at https://dashboard.cohere.com/api-keys and create a new one.'],
    url: 'https://docs.cohere.com/docs/rate-limits',
  },
});

export const mistralKey = providerToken({
  id: 'mistral-api-key',
  title: 'Mistral AI API key',
  description: 'A 32-character Mistral AI API key assigned to a Mistral-named key (`MISTRAL_API_KEY`): the key has no prefix of its own.',
  confidence: 'medium',
  priority: 70,
  keywords: ['mistral'],
  pattern: contextPattern('mistral', '[A-Za-z0-9]{32}'),
  distinctive: false,
  generate: (seed) => rngFor('mistral', seed).chars(B62, 32),
  rotation: {
    provider: 'Mistral AI',
    steps: ['Delete the key at https://console.mistral.ai/api-keys and create a new one.'],
    url: 'https://docs.mistral.ai/getting-started/quickstart/',
  },
});

export const deepSeekKey = providerToken({
  id: 'deepseek-api-key',
  title: 'DeepSeek API key',
  description: 'A DeepSeek API key (`sk-` + 32 hex) assigned to a DeepSeek-named key: `sk-` + hex alone is shared with other providers.',
  confidence: 'medium',
  priority: 70,
  keywords: ['deepseek'],
  pattern: contextPattern('deepseek', 'sk-[a-f0-9]{32}'),
  prefixLength: 3,
  distinctive: false,
  generate: (seed) => `sk-${rngFor('deepseek', seed).chars(HEX, 32)}`,
  rotation: {
    provider: 'DeepSeek',
    steps: ['Delete the key at https://platform.deepseek.com/api_keys and create a new one.'],
    url: 'https://api-docs.deepseek.com/',
  },
});

export const aiProviderDetectors: readonly ProviderTokenDetector[] = [
  openAiKey,
  anthropicKey,
  huggingFaceToken,
  groqKey,
  xAiKey,
  replicateToken,
  openRouterKey,
  perplexityKey,
  langSmithKey,
  cohereKey,
  mistralKey,
  deepSeekKey,
];
