/**
 * Azure DevOps personal access tokens: the legacy 52-char base32 PAT (CRC32-checked, found only
 * near a DevOps/token keyword since it has no literal anchor) and the newer "common annotated"
 * keys (`JQQJ9` signature, provider signature at chars 76–79).
 */
import { isValidDevOpsPat } from '../checksums/devops-pat-checksum.js';
import { mutateAt } from '../examples/example-helpers.js';
import { generateCommonAnnotatedKey, generateDevOpsPat } from '../examples/generate.js';
import type { PatternDetector } from '../types.js';

export const devOpsPat: PatternDetector = {
  kind: 'pattern',
  id: 'azure-devops-pat',
  title: 'Azure DevOps personal access token (legacy format)',
  description: 'A 52-char base32 Azure DevOps PAT near a DevOps/token keyword, validated by its CRC32 checksum (algorithm read from Microsoft code; vectors built from it).',
  severity: 'critical',
  confidence: 'high',
  priority: 90,
  keywords: ['pat', 'token', 'dev.azure.com', 'visualstudio.com', 'azure_devops', 'ado', 'azdo', 'devops'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])/g,
  validate: (secret) => isValidDevOpsPat(secret),
  remediation: 'devops-pat',
  examples: () => {
    const pat = generateDevOpsPat(71);
    return {
      positive: [`AZURE_DEVOPS_PAT=${pat}`, `git clone https://build:${generateDevOpsPat(72, 1)}@dev.azure.com/contoso/app/_git/app`],
      negative: [`AZURE_DEVOPS_PAT=${mutateAt(pat, 3)}`, `token: ${'abcdefghijklmnopqrstuvwxyz234567'.repeat(2).slice(0, 52)}`, `PAT=${pat}x`],
    };
  },
};

export const commonAnnotatedKey: PatternDetector = {
  kind: 'pattern',
  id: 'azure-common-annotated-key',
  title: 'Azure common annotated security key',
  description: 'A newer Microsoft key (Azure DevOps PATs and others): 52 base62 chars, `JQQJ9`, a kind char (9/D/H), date/platform fields and the provider signature at chars 76–79.',
  severity: 'critical',
  confidence: 'high',
  priority: 100,
  keywords: ['JQQJ9'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{26})(?![A-Za-z0-9])/g,
  window: { before: 53, after: 34 },
  validate: (secret) => /^[A-Z][A-Z0-9]{3}$/.test(secret.slice(76, 80)),
  remediation: 'devops-pat',
  examples: () => {
    const key = generateCommonAnnotatedKey('AZDO', 73);
    return {
      positive: [`"token": "${key}"`, `EVENTGRID_KEY=${generateCommonAnnotatedKey('AZEG', 74, 'D')}`],
      negative: [`"token": "${key.slice(0, 76)}azdo${key.slice(80)}"`, `"token": "${key}Z"`, `x = "${key.slice(0, 60)}"`],
    };
  },
};

export const devOpsDetectors: readonly PatternDetector[] = [devOpsPat, commonAnnotatedKey];
