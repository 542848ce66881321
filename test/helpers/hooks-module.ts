/**
 * `@keyless/scanner`'s hooks module (installHook, hookScript), loaded from the compiled package by
 * path: the package exports it only through the `keyless install-hook` CLI command.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './sandbox-repo.js';

export type HooksModule = typeof import('../../packages/scanner/src/hooks/index.js');

export async function loadHooksModule(): Promise<HooksModule> {
  const compiled = join(REPO_ROOT, 'packages', 'scanner', 'dist', 'src', 'hooks', 'index.js');
  return (await import(pathToFileURL(compiled).href)) as HooksModule;
}
