import { azureIdentifiableDetectors } from './azure-identifiable.js';
import { connectionStringDetectors } from './connection-strings.js';
import { devOpsDetectors } from './devops.js';
import { entraDetectors } from './entra.js';
import { sasToken } from './sas-token.js';
import { sqlConnectionStringPassword } from './sql-connection-string.js';
import type { Detector } from './types.js';

/** Every built-in detector. Order does not matter: overlaps are resolved by `priority`. */
export const catalog: readonly Detector[] = [
  ...azureIdentifiableDetectors,
  ...entraDetectors,
  ...connectionStringDetectors,
  sasToken,
  sqlConnectionStringPassword,
  ...devOpsDetectors,
];
