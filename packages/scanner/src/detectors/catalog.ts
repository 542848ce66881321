import { azureIdentifiableDetectors } from './azure-identifiable.js';
import { azureServiceDetectors } from './azure-services.js';
import { connectionStringDetectors } from './connection-strings.js';
import { contextDetectors } from './contexts.js';
import { credentialFileDetectors } from './credential-files.js';
import { devOpsDetectors } from './devops.js';
import { entraDetectors } from './entra.js';
import { frameworkSecretDetectors } from './framework-secrets.js';
import { genericSecretAssignment } from './generic-assignment.js';
import { jwtToken } from './jwt.js';
import { passwordHash } from './password-hashes.js';
import { privateKey } from './private-key.js';
import { providerTokenDetectors } from './provider-families.js';
import { sasToken } from './sas-token.js';
import { sqlConnectionStringPassword } from './sql-connection-string.js';
import { thirdPartyDetectors } from './third-party.js';
import type { Detector } from './types.js';
import { urlCredentials } from './url-credentials.js';
import { weakPasswordAssignment } from './weak-passwords.js';

/**
 * The built-in detectors of the default (precise) gate, confidence medium or high. Order does not
 * matter: overlaps are resolved by `priority`.
 */
export const catalog: readonly Detector[] = [
  ...azureIdentifiableDetectors,
  ...entraDetectors,
  ...connectionStringDetectors,
  sasToken,
  sqlConnectionStringPassword,
  ...devOpsDetectors,
  privateKey,
  urlCredentials,
  ...thirdPartyDetectors,
  ...providerTokenDetectors,
  ...azureServiceDetectors,
  jwtToken,
  ...credentialFileDetectors,
  ...frameworkSecretDetectors,
  passwordHash,
  ...contextDetectors,
  genericSecretAssignment,
];

/**
 * Detectors of the audit tier (confidence `low`): only with `--confidence low` / config
 * `minConfidence: "low"`. Kept out of `catalog` so the default gate and the ESLint rules stay precise.
 */
export const auditDetectors: readonly Detector[] = [weakPasswordAssignment];

/** Every built-in detector, both tiers (documentation, `keyless explain`, the engine's confidence gate). */
export const allDetectors: readonly Detector[] = [...catalog, ...auditDetectors];
