/**
 * The provider token detectors by family (one file each), for the catalog and for the tests that
 * run every provider's tokens through bare contexts and the labelled corpus.
 */
import { aiProviderDetectors } from './ai-providers.js';
import { chatBotDetectors } from './chat-bots.js';
import { ciRegistryDetectors } from './ci-registry.js';
import { keyFileDetectors } from './key-files.js';
import type { ProviderTokenDetector } from './provider-token.js';
import { saasPlatformDetectors } from './saas-platforms.js';
import { sourceControlDetectors } from './source-control.js';

export interface ProviderFamily {
  readonly family: string;
  readonly detectors: readonly ProviderTokenDetector[];
}

export const PROVIDER_FAMILIES: readonly ProviderFamily[] = [
  { family: 'ai-providers', detectors: aiProviderDetectors },
  { family: 'source-control', detectors: sourceControlDetectors },
  { family: 'ci-registry', detectors: ciRegistryDetectors },
  { family: 'saas-platforms', detectors: saasPlatformDetectors },
  { family: 'chat-bots', detectors: chatBotDetectors },
  { family: 'key-files', detectors: keyFileDetectors },
];

export const providerTokenDetectors: readonly ProviderTokenDetector[] = PROVIDER_FAMILIES.flatMap((f) => f.detectors);
