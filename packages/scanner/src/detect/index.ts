/**
 * `@keyless/scanner/detectors`: the detector catalog and engine, side-effect free and without
 * node:* imports, shared by the scanner and the ESLint plugin.
 */
export * from './types.js';
export { catalog, auditDetectors, allDetectors } from './catalog.js';
export { createEngine, resolveOverlaps, type Engine } from './engine.js';
export { isNotSecret } from './not-secrets.js';
export * from './examples/generate.js';
export { marvin32, marvin32Ascii, seedFromAscii } from './checksums/marvin32.js';
export { crc32, crc32Latin1 } from './checksums/crc32.js';
export { decodeBase64, encodeBase64, decodeBase32, encodeBase32Lower } from './encoding.js';
export { decodedLayers, MAX_ENCODED_VALUE, type DecodedLayer, type ValueEncoding } from './value-encodings.js';
export {
  IDENTIFIABLE_FAMILIES,
  isValidIdentifiableKey,
  identifiableSeedOf,
  familyByName,
  type IdentifiableFamily,
} from './checksums/identifiable-keys.js';
export { isValidEntraSecret, entraChecksumString } from './checksums/entra-checksum.js';
export { isValidDevOpsPat } from './checksums/devops-pat-checksum.js';
export { hasValidBase62Checksum } from './checksums/token-checksum.js';
export {
  remediationFor,
  remediationText,
  remediationClass,
  rotationOf,
  helpUriFor,
  HISTORY_REWRITE_URL,
  type RemediationClass,
  DOCS_BASE_URL,
  type Remediation,
  type RemediationContext,
} from './remediation.js';
export { secretKeyKind, keyWords, type SecretKeyKind } from './key-names.js';
export { looksLikeSecretValue, shannonEntropy } from './secret-values.js';
export { renderDetectorDocs } from './docs.js';
