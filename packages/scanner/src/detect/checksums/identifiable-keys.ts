/**
 * Azure identifiable keys (design.md §3.1): the family table, the shape of each family's key, and
 * checksum validation (Marvin32 over the key bytes but the last 4, with one of the family's seeds).
 */
import { decodeBase64 } from '../encoding.js';
import { marvin32Ascii } from './marvin32.js';
import type { RemediationKind } from '../types.js';

/** How a family's key text is encoded and laid out. */
export type IdentifiableLayout =
  /** 64 bytes: 76 base64 chars, signature, 5 chars, `[AQgw]==` (88 chars). */
  | 'b64-64'
  /** 32 bytes: 33 base64 chars, signature, `[A-P]`, 5 chars, `=` (44 chars). */
  | 'b64-32'
  /** 39 bytes, base62 only: 42 chars, signature, `[A-D]`, 5 chars (52 chars). */
  | 'b62-39'
  /** 39 bytes: 42 base64 chars, signature, `[A-D]`, 5 chars (52 chars). */
  | 'b64-39'
  /** 40 bytes, URL-safe: 44 chars, signature, 5 chars, `[AQgw]==` (56 chars). */
  | 'b64url-40';

export interface IdentifiableFamily {
  /** Detector id. */
  readonly id: string;
  /** Short name for generators (`storage`, `cosmos`, ...), as in the shared test vectors. */
  readonly name: string;
  readonly title: string;
  readonly signature: string;
  readonly layout: IdentifiableLayout;
  readonly keyBytes: number;
  readonly seeds: readonly string[];
  readonly remediation: RemediationKind;
}

export const IDENTIFIABLE_FAMILIES: readonly IdentifiableFamily[] = [
  { id: 'azure-storage-account-key', name: 'storage', title: 'Azure Storage account key', signature: '+ASt', layout: 'b64-64', keyBytes: 64, seeds: ['Default0'], remediation: 'storage-key' },
  { id: 'azure-cosmosdb-key', name: 'cosmos', title: 'Azure Cosmos DB key', signature: 'ACDb', layout: 'b64-64', keyBytes: 64, seeds: ['Encryp00', 'MastRO00', 'MastRW00', 'Resour00', 'SysAll00', 'SystRO00', 'SystRW00'], remediation: 'cosmos-key' },
  { id: 'azure-batch-key', name: 'batch', title: 'Azure Batch account key', signature: '+ABa', layout: 'b64-64', keyBytes: 64, seeds: ['AbAcct00'], remediation: 'azure-key-credential' },
  { id: 'azure-ml-classic-key', name: 'ml-classic', title: 'Azure Machine Learning (classic) key', signature: '+AMC', layout: 'b64-64', keyBytes: 64, seeds: ['Classic0'], remediation: 'azure-key-credential' },
  { id: 'azure-apim-key', name: 'apim', title: 'Azure API Management key', signature: 'APIM', layout: 'b64-64', keyBytes: 64, seeds: ['Tenant00', 'IoTHub00', 'Gatewy00', 'GitKey00'], remediation: 'azure-key-credential' },
  { id: 'azure-service-bus-key', name: 'servicebus', title: 'Azure Service Bus key', signature: '+ASb', layout: 'b64-32', keyBytes: 32, seeds: ['Send0000', 'Listen00', 'Manage00'], remediation: 'service-bus-key' },
  { id: 'azure-event-hubs-key', name: 'eventhub', title: 'Azure Event Hubs key', signature: '+AEh', layout: 'b64-32', keyBytes: 32, seeds: ['Send0000', 'Listen00', 'Manage00'], remediation: 'event-hubs-key' },
  { id: 'azure-relay-key', name: 'relay', title: 'Azure Relay key', signature: '+ARm', layout: 'b64-32', keyBytes: 32, seeds: ['Send0000', 'Listen00', 'Manage00'], remediation: 'service-bus-key' },
  { id: 'azure-iot-key', name: 'iot', title: 'Azure IoT Hub / DPS / device key', signature: 'AIoT', layout: 'b64-32', keyBytes: 32, seeds: ['IoTHub00', 'DpsKey00', 'Device00'], remediation: 'azure-key-credential' },
  { id: 'azure-cache-redis-key', name: 'redis', title: 'Azure Cache for Redis access key', signature: 'AzCa', layout: 'b64-32', keyBytes: 32, seeds: ['Access00'], remediation: 'azure-key-credential' },
  { id: 'azure-event-grid-key', name: 'eventgrid', title: 'Azure Event Grid access key', signature: 'AZEG', layout: 'b64-32', keyBytes: 32, seeds: ['SendRecv'], remediation: 'azure-key-credential' },
  { id: 'azure-search-key', name: 'search', title: 'Azure AI Search query/admin key', signature: 'AzSe', layout: 'b62-39', keyBytes: 39, seeds: ['Query000', 'PAdmin00'], remediation: 'azure-key-credential' },
  { id: 'azure-container-registry-key', name: 'acr', title: 'Azure Container Registry key', signature: '+ACR', layout: 'b64-39', keyBytes: 39, seeds: ['ACRDflt0'], remediation: 'azure-key-credential' },
  { id: 'azure-functions-key', name: 'functions', title: 'Azure Functions key', signature: 'AzFu', layout: 'b64url-40', keyBytes: 40, seeds: ['Functi00', 'Master00', 'System00'], remediation: 'azure-key-credential' },
];

interface LayoutShape {
  /** Character class of the key body. */
  readonly cls: string;
  readonly before: number;
  /** Pattern after the signature. */
  readonly after: string;
  readonly length: number;
}

const B64 = 'A-Za-z0-9+/';
const SHAPES: Record<IdentifiableLayout, LayoutShape> = {
  'b64-64': { cls: B64, before: 76, after: `[${B64}]{5}[AQgw]==`, length: 88 },
  'b64-32': { cls: B64, before: 33, after: `[A-P][${B64}]{5}=`, length: 44 },
  'b62-39': { cls: 'A-Za-z0-9', before: 42, after: '[A-D][A-Za-z0-9]{5}', length: 52 },
  'b64-39': { cls: B64, before: 42, after: `[A-D][${B64}]{5}`, length: 52 },
  'b64url-40': { cls: 'A-Za-z0-9_\\-', before: 44, after: '[A-Za-z0-9_\\-]{5}[AQgw]==', length: 56 },
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function shapeOf(layout: IdentifiableLayout): LayoutShape {
  return SHAPES[layout];
}

/**
 * The family's key shape, bounded so it is not part of a longer base64 run. The signature is
 * case-sensitive here (the prefilter keyword is not).
 */
export function identifiablePattern(f: IdentifiableFamily): RegExp {
  const s = SHAPES[f.layout];
  const boundary = 'A-Za-z0-9+/_\\-';
  return new RegExp(
    `(?<![${boundary}])(?<secret>[${s.cls}]{${s.before}}${escapeRegExp(f.signature)}${s.after})(?![${boundary}=])`,
    'g',
  );
}

/** Which of the family's seeds the key's checksum matches, or undefined when none does. */
export function identifiableSeedOf(key: string, f: IdentifiableFamily): string | undefined {
  const bytes = decodeBase64(key);
  if (!bytes || bytes.length !== f.keyBytes) return undefined;
  const n = bytes.length;
  const expected = ((bytes[n - 4] ?? 0) | ((bytes[n - 3] ?? 0) << 8) | ((bytes[n - 2] ?? 0) << 16) | ((bytes[n - 1] ?? 0) << 24)) >>> 0;
  const data = bytes.subarray(0, n - 4);
  return f.seeds.find((seed) => marvin32Ascii(data, seed) === expected);
}

/** Is `key` a well-formed key of family `f` with a valid checksum for one of its seeds? */
export function isValidIdentifiableKey(key: string, f: IdentifiableFamily): boolean {
  if (key.length !== SHAPES[f.layout].length) return false;
  if (key.slice(SHAPES[f.layout].before, SHAPES[f.layout].before + 4) !== f.signature) return false;
  return identifiableSeedOf(key, f) !== undefined;
}

export function familyByName(name: string): IdentifiableFamily {
  const f = IDENTIFIABLE_FAMILIES.find((x) => x.name === name || x.id === name);
  if (!f) throw new Error(`unknown identifiable key family: ${name}`);
  return f;
}
