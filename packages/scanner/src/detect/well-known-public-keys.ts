/**
 * Keys published by Microsoft for local emulators (Azurite, the Cosmos DB emulator), and sample keys
 * Google prints in Firebase's own SDK documentation. They grant nothing outside a developer's
 * machine (or nothing at all) and are not secrets (design.md §3.4). Split so the source itself
 * contains no key-shaped literal.
 */
const AZURITE_ACCOUNT_KEY = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw=='].join('');
const COSMOS_EMULATOR_KEY = ['C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nD', 'uVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='].join('');

/** The example API key of the Firebase iOS SDK's `FIROptions.h` documentation (firebase-ios-sdk#9088). */
const FIREBASE_SDK_SAMPLE_KEY = ['AIzaSyDdVgKwhZl0sTTTLZ7', 'iTmt1r3N2cJLnaDk'].join('');

/** The `apiKey` of the sample config object in Firebase's documentation (firebase.google.com/docs/projects/learn-more). */
const FIREBASE_DOCS_SAMPLE_KEY = ['AIzaSyDOCAbC123dEf456', 'GhI789jKl01-MnO'].join('');

export const WELL_KNOWN_PUBLIC_KEYS: ReadonlySet<string> = new Set([
  AZURITE_ACCOUNT_KEY,
  COSMOS_EMULATOR_KEY,
  FIREBASE_SDK_SAMPLE_KEY,
  FIREBASE_DOCS_SAMPLE_KEY,
]);

/** Google's published Firebase sample keys (for tests: they must never be reported). */
export const FIREBASE_SAMPLE_KEYS: readonly string[] = [FIREBASE_SDK_SAMPLE_KEY, FIREBASE_DOCS_SAMPLE_KEY];

/** The Azurite development storage key (for examples: it must never be reported). */
export const AZURITE_DEV_KEY = AZURITE_ACCOUNT_KEY;

export function isWellKnownPublicKey(value: string): boolean {
  return WELL_KNOWN_PUBLIC_KEYS.has(value);
}
