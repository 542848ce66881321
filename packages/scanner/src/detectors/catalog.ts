import { azureIdentifiableDetectors } from './azure-identifiable.js';
import { azureServiceDetectors } from './azure-services.js';
import { connectionStringDetectors } from './connection-strings.js';
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

/** Every built-in detector. Order does not matter: overlaps are resolved by `priority`. */
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
  genericSecretAssignment,
];
