/**
 * The posture rules: infrastructure and pipeline wiring that makes a secret necessary, each with its
 * secret-free replacement (docs/posture.md is generated from this list). Pure.
 */
import { azpSpnKeyInScript, ciAzLoginSecret, ciClientSecretEnv, githubLoginSecret } from './rules/ci.js';
import {
  iacKeyInSetting,
  iacKeyOutput,
  iacKeyVaultAccessPolicies,
  iacKeyVaultReferenceWithoutIdentity,
  iacLocalAuthEnabled,
  iacSecretParamNotSecure,
  tfProviderClientSecret,
} from './rules/iac.js';
import type { PostureRule } from './types.js';

export const POSTURE_PREFIX = 'posture-';

export const postureRules: readonly PostureRule[] = [
  githubLoginSecret,
  ciClientSecretEnv,
  ciAzLoginSecret,
  azpSpnKeyInScript,
  iacKeyInSetting,
  iacKeyOutput,
  iacSecretParamNotSecure,
  iacKeyVaultAccessPolicies,
  iacKeyVaultReferenceWithoutIdentity,
  iacLocalAuthEnabled,
  tfProviderClientSecret,
];

export function postureRuleById(id: string): PostureRule | undefined {
  return postureRules.find((r) => r.id === id);
}

/** Is this a posture rule id (finding category `posture`)? */
export function isPostureRuleId(id: string): boolean {
  return id.startsWith(POSTURE_PREFIX);
}
