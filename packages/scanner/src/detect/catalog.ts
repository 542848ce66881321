import { azureIdentifiableDetectors } from './detectors/azure-identifiable.js';
import { azureServiceDetectors } from './detectors/azure-services.js';
import { connectionStringDetectors } from './detectors/connection-strings.js';
import { contextDetectors } from './detectors/contexts.js';
import { credentialFileDetectors } from './detectors/credential-files.js';
import { devOpsDetectors } from './detectors/devops.js';
import { entraDetectors } from './detectors/entra.js';
import { frameworkSecretDetectors } from './detectors/framework-secrets.js';
import { genericSecretAssignment } from './detectors/generic-assignment.js';
import { jwtToken } from './detectors/jwt.js';
import { passwordHash } from './detectors/password-hashes.js';
import { privateKey } from './detectors/private-key.js';
import { providerTokenDetectors } from './detectors/provider-families.js';
import { sasToken } from './detectors/sas-token.js';
import { sqlConnectionStringPassword } from './detectors/sql-connection-string.js';
import { thirdPartyDetectors } from './detectors/third-party.js';
import type { Detector } from './types.js';
import { urlCredentials } from './detectors/url-credentials.js';
import { credentialUsername } from './detectors/credential-username.js';
import { passwordDirective, weakPasswordAssignment, weakPasswordDirective, weakUrlPassword } from './detectors/weak-passwords.js';

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
  passwordDirective,
  ...contextDetectors,
  genericSecretAssignment,
];

/**
 * Detectors of the audit tier (confidence `low`): only with `--confidence low` / config
 * `minConfidence: "low"`. Kept out of `catalog` so the default gate and the ESLint rules stay precise.
 */
export const auditDetectors: readonly Detector[] = [weakPasswordAssignment, weakUrlPassword, weakPasswordDirective, credentialUsername];

/** Every built-in detector, both tiers (documentation, `keyless explain`, the engine's confidence gate). */
export const allDetectors: readonly Detector[] = [...catalog, ...auditDetectors];
